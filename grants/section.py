from datetime import timedelta

from django.db.models import Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from documents.models import Document
from editorial import roles
from grants.models import AllocationChange, Award, Programme
from grants.sitemaps import ProgrammeSitemap
from noticeboard.models import Notice
from portal.models import Organisation, Person, Resolution, Topic
from portal.sections import Section, register


def programmes_of(organisation):
    return Programme.objects.filter(awards__organisation=organisation).values_list(
        "pk", flat=True
    )


class GrantsSection(Section):
    key = "grants"
    title = _("Dotace")
    list_url_name = "grants:list"
    order = 30
    items_template = "grants/includes/section_items.html"
    more_label = _("Všechny dotační programy")
    search_label = _("Dotační program")
    search_model = Programme
    search_related = {
        Award: lambda award: [award.programme_id],
        AllocationChange: lambda change: [change.programme_id],
        Organisation: programmes_of,  # recipients are shown by name
    }
    group_permissions = {
        "Dotace": {
            Programme: roles.ALL,
            AllocationChange: roles.ALL,
            Award: roles.ALL,
            # Recipients are added with their awards (the import, the
            # award's "+"); changing an organisation, say a project's
            # partner, is for the editors who keep it.
            Organisation: ("add", "view"),
            Resolution: roles.EDIT,
            Person: roles.VIEW,
            Topic: roles.VIEW,
            Document: roles.VIEW,
            # A programme's announcement is a notice on the board.
            Notice: roles.EDIT,
        },
    }

    # Whatever the programmes' phase: open, coming or, often, closed.
    home_title = _("Dotace: výzvy a programy")
    home_order = 5

    def listing(self):
        return Programme.objects.published().for_listing().order_by("-year", "code")

    def home_items(self):
        listing = Programme.objects.published().for_listing()
        return list(listing.calls_first(timezone.localdate())[: self.home_limit])

    def searchable(self):
        return (
            super()
            .searchable()
            .select_related("announcing_resolution", "decision_resolution")
            .prefetch_related(
                Prefetch(
                    "allocation_changes",
                    queryset=AllocationChange.objects.select_related("resolution"),
                ),
                Prefetch(
                    "awards", queryset=Award.objects.select_related("organisation")
                ),
            )
        )

    def search_title(self, programme):
        return str(programme)  # "5.1 Podpora … (2020)"

    def search_text(self, programme):
        resolutions = [
            programme.announcing_resolution,
            programme.decision_resolution,
            *(change.resolution for change in programme.allocation_changes.all()),
        ]
        parts = [
            # The words applicants search by, whatever the editor wrote.
            _("Dotace, dotační program, výzva, příjem žádostí %(year)s.")
            % {"year": programme.year},
            *(str(resolution) for resolution in resolutions if resolution),
            programme.fund,
            programme.purpose,
            programme.eligible_applicants,
            strip_tags(programme.conditions),
        ]
        parts += [change.reason for change in programme.allocation_changes.all()]
        parts += [
            f"{award.recipient_name} {award.project_title}"
            for award in programme.awards.all()
        ]
        return "\n".join(part for part in parts if part)

    def feeds(self):
        return [
            (_("Nové dotační programy"), reverse("grants:feed"), "Atom"),
            (
                _("Termíny příjmu žádostí a rozhodnutí do kalendáře"),
                reverse("grants:calendar"),
                "iCalendar",
            ),
        ]

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
