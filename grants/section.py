from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from grants.models import Award, Programme
from grants.sitemaps import ProgrammeSitemap
from portal.sections import Section, register


class GrantsSection(Section):
    key = "grants"
    title = _("Dotace")
    list_url_name = "grants:list"
    order = 30
    items_template = "grants/includes/section_items.html"
    more_label = _("Všechny dotační programy")
    search_label = _("Dotační program")
    search_models = (Programme,)

    def published(self):
        return Programme.objects.published().for_listing().order_by("-year", "code")

    def search_text(self, programme):
        parts = [
            programme.code,
            programme.fund,
            programme.purpose,
            programme.eligible_applicants,
        ]
        return "\n".join(parts + [strip_tags(programme.conditions)])

    def sitemaps(self):
        return {"grants": ProgrammeSitemap}

    def dashboard(self):
        today = timezone.localdate()
        soon = today + timedelta(days=14)
        moving = Programme.objects.filter(
            Q(window_start__range=(today, soon)) | Q(window_end__range=(today, soon))
        ).filter(cancelled=False)
        missing = Award.objects.missing_register_link().select_related(
            "programme", "organisation"
        )
        return [
            (_("Příjem žádostí začíná nebo končí do 14 dnů"), list(moving)),
            (
                _("Dotace nad 50 000 Kč bez odkazu do registru smluv"),
                list(missing[:50]),
            ),
        ]


register(GrantsSection())
