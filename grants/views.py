from decimal import Decimal
from typing import NamedTuple

from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    OuterRef,
    Q,
    Subquery,
    Sum,
)
from django.db.models.functions import Coalesce
from django.http import JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _

from documents.models import Document
from grants.filters import ProgrammeFilter
from grants.models import AllocationChange, Award, Phase, Programme
from portal import translation
from portal.czech import format_number, sort_key
from portal.views import FilteredListView, PublishableDetailView

SORTS = {
    "prijemce": (lambda award: sort_key(award.recipient_name), False),
    "-prijemce": (lambda award: sort_key(award.recipient_name), True),
    "castka": (lambda award: award.awarded, False),
    "-castka": (lambda award: award.awarded, True),
}


class AwardRow(NamedTuple):
    """What a programme's table shows of an award, as plain values: a
    hundred awards with their organisations cost more to load as model
    instances than to print."""

    pk: int
    recipient_name: str
    recipient_ico: str
    is_sample: bool
    project_title: str
    requested: Decimal | None
    awarded: Decimal
    contract_number: str
    contract_register_url: str


def award_rows(programme):
    awards = (
        Award.objects.filter(programme=programme)
        .select_related("organisation")
        .only(
            "person_name",
            "person_municipality",
            "project_title",
            "requested",
            "awarded",
            "contract_number",
            "contract_register_url",
            "organisation__name",
            "organisation__ico",
            "organisation__is_sample",
        )
        .order_by("pk")
    )
    return [
        AwardRow(
            award.pk,
            award.recipient_name,
            award.recipient_ico,
            award.organisation_id is not None and award.organisation.is_sample,
            award.project_title,
            award.requested,
            award.awarded,
            award.contract_number,
            award.contract_register_url,
        )
        for award in awards
    ]


class ProgrammeListView(FilteredListView):
    filterset_class = ProgrammeFilter
    template_name = "grants/programme_list.html"

    def get_queryset(self):
        return (
            Programme.objects.published()
            .for_listing()
            .calls_first(timezone.localdate())
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if context["front_page"]:
            # Every programme and award summed (13 ms at 20 000 awards on
            # PostgreSQL), so only where the chart is shown.
            context["chart"] = yearly_chart()
        # Open calls sort first, so the first page tells whether any is open.
        page = context.get("page_obj") or []
        context["open_count"] = sum(
            programme.phase_on == Phase.OPEN for programme in page
        )
        context["upcoming_count"] = sum(
            programme.phase_on in (Phase.ANNOUNCED, Phase.PREPARED)
            for programme in page
        )
        return context


def yearly_chart():
    """Allocation against awarded amount per year, for the SVG chart and
    its data table. Two grouped queries, however many awards there are."""
    published = Programme.objects.published()
    latest_change = AllocationChange.objects.filter(programme=OuterRef("pk")).order_by(
        "-date", "-pk"
    )
    allocations = published.annotate(
        current=Coalesce(
            Subquery(latest_change.values("new_amount")[:1]), "allocation"
        ),
        # Decided without its awards entered here: the year's total is
        # unknown, not the sum of the others (5.1 in 2020).
        untold=ExpressionWrapper(
            Q(decision_resolution__isnull=False)
            & ~Exists(Award.objects.filter(programme=OuterRef("pk"))),
            output_field=BooleanField(),
        ),
    ).values_list("year", "current", "untold")
    awarded = (
        Award.objects.filter(programme__in=published)
        .values_list("programme__year")
        .annotate(total=Sum("awarded"))
    )
    years = {}

    def row(year):
        return years.setdefault(
            year, {"year": year, "allocation": Decimal(0), "awarded": Decimal(0)}
        )

    untold = set()
    for year, current, unknown in allocations:
        row(year)["allocation"] += current or 0
        if unknown:
            untold.add(year)
    for year, total in awarded:
        row(year)["awarded"] += total or 0
    for year in untold:
        years[year]["awarded"] = None
    rows = [years[year] for year in sorted(years)][-10:]
    peak = max(
        [row["allocation"] for row in rows]
        + [row["awarded"] or 0 for row in rows]
        + [Decimal(1)]
    )
    for index, row in enumerate(rows):
        row["x"] = 90 + index * 70
        for key in ("allocation", "awarded"):
            height = int(160 * (row[key] or 0) / peak)
            row[f"{key}_height"], row[f"{key}_y"] = height, 180 - height
    # The value axis: zero, half and the peak, labelled in Czech.
    ticks = [
        {"y": 180 - int(160 * share), "label": compact_money(peak * share)}
        for share in (Decimal(0), Decimal("0.5"), Decimal(1))
    ]
    return {"rows": rows, "ticks": ticks, "width": 100 + 70 * max(len(rows), 1)}


def compact_money(amount):
    """ "250 tis. Kč", "1,5 mil. Kč": short enough for an axis label."""
    if amount >= 1_000_000:
        value, unit = amount / 1_000_000, _("mil. Kč")
    elif amount >= 1_000:
        value, unit = amount / 1_000, _("tis. Kč")
    else:
        value, unit = amount, _("Kč")
    places = 0 if value == value.to_integral_value() or value >= 100 else 1
    # Never broken inside, in any language.
    unit = unit.replace(" ", "\N{NO-BREAK SPACE}")
    return f"{format_number(value, places)}\N{NO-BREAK SPACE}{unit}"


class ProgrammeDetailView(PublishableDetailView):
    model = Programme
    template_name = "grants/programme_detail.html"
    query_params = frozenset({"razeni"})  # the awards' order

    def get_queryset(self):
        return (
            super()
            .get_queryset()
            .select_related("announcing_resolution", "decision_resolution", "notice")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        programme = self.object
        order = self.request.GET.get("razeni", "prijemce")
        key, reverse = SORTS.get(order, SORTS["prijemce"])

        awards = award_rows(programme)
        programme.allocation_history()  # one query for the changes
        context.update(
            awards=sorted(awards, key=key, reverse=reverse),
            order=order if order in SORTS else "prijemce",
            totals=programme.totals(awards),
            documents=linked_documents(programme),
            breadcrumb=[(_("Dotace"), "/dotace/")],
        )
        return context


def linked_documents(programme):
    """The programme's conditions, application form, model contract and
    recipients overview, as (label, document) for those that are published."""
    linked = [
        (label, pk)
        for label, pk in (
            (_("Podmínky programu"), programme.conditions_document_id),
            (_("Formulář žádosti"), programme.application_form_id),
            (_("Vzor smlouvy"), programme.model_contract_id),
            (_("Přehled přidělených dotací"), programme.awards_document_id),
        )
        if pk is not None
    ]
    documents = (
        Document.objects.in_bulk({pk for _label, pk in linked}) if linked else {}
    )
    return [
        (label, documents[pk])
        for label, pk in linked
        if pk in documents and documents[pk].is_live
    ]


def award_records(awards):
    for award in awards:
        programme = award.programme
        yield {
            "program": f"{programme.code} {programme.title}",
            "rok": programme.year,
            "prijemce": award.recipient_name,
            "ico": award.recipient_ico,
            "nazev_projektu": award.project_title,
            "pozadovano": award.requested,
            "prideleno": award.awarded,
            "usneseni": award.resolution.reference if award.resolution else "",
            "cislo_smlouvy": award.contract_number,
            "registr_smluv": award.contract_register_url,
        }


def awards_for(slug=None):
    awards = Award.objects.filter(
        programme__in=Programme.objects.published()
    ).select_related("programme", "organisation", "resolution")
    if slug is not None:
        programme = translation.get_by_slug(Programme.objects.published(), slug)
        awards = awards.filter(programme=programme)
    return awards.order_by("programme__year", "programme__code", "pk")


def awards_json(request, slug=None):
    records = list(award_records(awards_for(slug)))
    return JsonResponse(
        {
            "zdroj": request.build_absolute_uri(),
            "pocet": len(records),
            "dotace": records,
        },
        json_dumps_params={"ensure_ascii": False, "indent": 1},
    )
