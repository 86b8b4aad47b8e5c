"""A programme's phase is one rule: its page, the phase filter, "open now"
and the list order agree for every combination of dates."""

import itertools
from datetime import timedelta

import pytest
from django.test import RequestFactory
from django.utils import timezone
from pytest_django.asserts import assertContains

from grants.models import Phase, Programme
from grants.views import ProgrammeListView
from portal.models import Status
from tests.factories import make_programme, make_resolution

# Each date is missing, in the past, today or in the future.
MOMENTS = [None, -10, 0, 10]


@pytest.fixture
def every_combination(db):
    """One published programme per combination of the dates that decide a
    phase (the window may not end before it starts), cancelled or not."""
    today = timezone.localdate()
    resolutions = {
        offset: make_resolution(number=50 + index, date=today + timedelta(offset))
        for index, offset in enumerate(MOMENTS[1:])
    }

    def day(offset):
        return None if offset is None else today + timedelta(days=offset)

    programmes = []
    for number, (cancelled, start, end, announced, noticed, decided) in enumerate(
        itertools.product([False, True], *[MOMENTS] * 5)
    ):
        if start is not None and end is not None and end < start:
            continue
        programmes.append(
            Programme(
                title=f"Program {number}",
                slug=f"program-{number}",
                code=str(number),
                year=2024,
                status=Status.PUBLISHED,
                publish_at=timezone.now() - timedelta(days=1),
                entered_after_fact=True,
                cancelled=cancelled,
                window_start=day(start),
                window_end=day(end),
                announcing_resolution=resolutions.get(announced),
                notice_board_date=day(noticed),
                decision_resolution=resolutions.get(decided),
            )
        )
    Programme.objects.bulk_create(programmes)
    return today


def test_page_filters_open_now_and_list_order_agree_on_every_date_combination(
    every_combination,
):
    today = every_combination
    on_page = {
        programme.pk: programme.phase(today)
        for programme in Programme.objects.select_related(
            "announcing_resolution", "decision_resolution"
        )
    }
    assert len(on_page) > 1000
    assert set(on_page.values()) == set(Phase)

    annotated = {
        programme.pk: programme.phase(today)
        for programme in Programme.objects.with_phase(today)
    }
    assert annotated == on_page

    by_filter = {}
    for phase in Phase:
        for pk in Programme.objects.in_phase(phase, today).values_list("pk", flat=True):
            assert pk not in by_filter, "a programme is in two phases at once"
            by_filter[pk] = phase
    assert by_filter == on_page

    open_now = set(Programme.objects.open_on(today).values_list("pk", flat=True))
    assert open_now == {pk for pk, phase in on_page.items() if phase == Phase.OPEN}

    view = ProgrammeListView(request=RequestFactory().get("/dotace/"))
    listed = list(view.get_queryset())
    assert [programme.phase_label() for programme in listed] == [
        Phase(on_page[programme.pk]).label for programme in listed
    ]
    open_first = [on_page[programme.pk] == Phase.OPEN for programme in listed]
    assert open_first == sorted(open_first, reverse=True)
    assert open_first.count(True) == len(open_now)


@pytest.fixture
def open_without_end(db):
    today = timezone.localdate()
    make_programme(title="Uzavřený program", year=2030)
    return make_programme(
        title="Program bez konce příjmu",
        year=2020,
        window_start=today - timedelta(days=5),
        window_end=None,
    )


def test_programme_open_without_an_end_date_is_open_everywhere(
    client, open_without_end
):
    """Its page says "příjem žádostí", and both filters and the "open now"
    list include it."""
    assertContains(
        client.get(open_without_end.get_absolute_url()), "<strong>příjem žádostí"
    )
    for query in ({"phase": Phase.OPEN}, {"open_now": "on"}):
        response = client.get("/dotace/", query)
        titles = [programme.title for programme in response.context["page_obj"]]
        assert titles == ["Program bez konce příjmu"], query
    assert list(Programme.objects.open_on(timezone.localdate())) == [open_without_end]
    listed = client.get("/dotace/").context["page_obj"]
    assert [programme.title for programme in listed][0] == "Program bez konce příjmu"
