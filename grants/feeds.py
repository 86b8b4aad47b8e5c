from datetime import timedelta

from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from icalendar import Calendar, Event

from grants.models import Programme
from portal import translation
from portal.feeds import PortalFeed, StyledAtomFeed
from portal.richtext import sanitize_html


class ProgrammeFeed(PortalFeed):
    """Newly announced subsidy programmes."""

    feed_type = StyledAtomFeed
    title = gettext_lazy("Dotační programy – Odbor sociálních věcí")
    subtitle = gettext_lazy("Nově vyhlášené dotační programy.")

    def link(self):
        return reverse("grants:list")

    def entries(self, obj):
        return Programme.objects.published().order_by("-publish_at")[:30]

    def item_title(self, programme):
        return f"{programme.code} {programme.title} ({programme.year})"

    def item_description(self, programme):
        # Readers take a description as HTML; the purpose is plain text.
        text = programme.purpose or str(programme.phase_label())
        return sanitize_html(linebreaks(text, autoescape=True))

    def item_pubdate(self, programme):
        return programme.publish_at

    def item_updateddate(self, programme):
        return programme.updated_at


def calendar(request, slug=None):
    """Application windows and decision deadlines as iCalendar, for
    subscribing in a calendar application: every programme's, or with
    ``slug`` one programme's ("Přidat do kalendáře" on its page)."""
    programmes = Programme.objects.published().filter(cancelled=False)
    cal = Calendar()
    cal.add("prodid", "-//Odbor socialnich veci//Dotace//CS")
    cal.add("version", "2.0")
    filename = "dotace.ics"
    if slug is None:
        cal.add("x-wr-calname", _("Dotační programy – termíny"))
    else:
        programmes = [translation.get_by_slug(programmes, slug)]
        cal.add("x-wr-calname", str(programmes[0]))
        filename = f"{slug}.ics"
    stamp = timezone.now()
    for programme in programmes:
        url = request.build_absolute_uri(programme.get_absolute_url())
        dates = []
        if programme.window_start and programme.window_end:
            dates.append(
                (
                    "window",
                    _("Příjem žádostí: %(title)s"),
                    programme.window_start,
                    programme.window_end,
                )
            )
        elif programme.window_end:
            # The programme's page shows a closing date without an opening.
            dates.append(
                (
                    "window",
                    _("Konec příjmu žádostí: %(title)s"),
                    programme.window_end,
                    programme.window_end,
                )
            )
        if programme.decision_deadline:
            dates.append(
                (
                    "decision",
                    _("Lhůta pro rozhodnutí: %(title)s"),
                    programme.decision_deadline,
                    programme.decision_deadline,
                )
            )
        for kind, summary, start, end in dates:
            event = Event()
            event.add("uid", f"programme-{programme.pk}-{kind}@{request.get_host()}")
            event.add("dtstamp", stamp)
            event.add("summary", summary % {"title": str(programme)})
            event.add("dtstart", start)
            event.add("dtend", end + timedelta(days=1))  # all-day, end exclusive
            event.add("url", url)
            cal.add_component(event)
    if slug is not None and not cal.subcomponents:
        # A programme without dates has no calendar (nor a link to one).
        raise Http404
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
