from datetime import datetime, time, timedelta

from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape, linebreaks
from django.utils.translation import gettext_lazy as _

from noticeboard.models import Notice
from portal.czech import format_date
from portal.feeds import PortalFeed, StyledAtomFeed


class NoticeFeed(PortalFeed):
    """Notices as they are posted on the board (Atom)."""

    feed_type = StyledAtomFeed
    title = _("Úřední deska – Odbor sociálních věcí")
    subtitle = _("Oznámení nově vyvěšená na úřední desce.")
    limit = 30

    def link(self):
        return reverse("noticeboard:list")

    def entries(self, obj):
        return Notice.objects.on_board().order_by("-posted_on", "-pk")[: self.limit]

    def empty_since(self, obj):
        """When the last notice came off the board: at its archive time or
        at the midnight after its last relevant day, whichever came first."""
        now = timezone.now()
        departures = [
            min(
                archived_at or now,
                timezone.make_aware(datetime.combine(until + timedelta(days=1), time()))
                if until
                else now,
            )
            for until, archived_at in Notice.objects.taken_down().values_list(
                "relevant_until", "archived_at"
            )
        ]
        return max(departures, default=None)

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        facts = [
            _("Vyvěšeno %(date)s") % {"date": format_date(item.posted_on)},
        ]
        if item.relevant_until:
            facts.append(
                _("relevantní do %(date)s") % {"date": format_date(item.relevant_until)}
            )
        if item.reference_number:
            facts.append(_("č. j. %(ref)s") % {"ref": item.reference_number})
        text = linebreaks(escape(item.description)) if item.description else ""
        return f"<p>{escape(', '.join(str(fact) for fact in facts))}</p>{text}"

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.get_agenda_display()]
