import io
import json
from datetime import date, timedelta
from decimal import Decimal
from io import StringIO

import feedparser
import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from icalendar import Calendar
from openpyxl import load_workbook
from pytest_django.asserts import assertContains, assertNotContains

from grants.models import AllocationChange, Award, Phase, Programme
from portal.models import Resolution, Status
from tests.factories import (
    make_award,
    make_document,
    make_document_file,
    make_organisation,
    make_person,
    make_programme,
    make_resolution,
)

SEED = "/dotace/podpora-integrace-narodnostnich-mensin-a-cizincu-2020/"


def test_programme_5_1_shows_every_fact_of_seed_003(client, db):
    call_command("load_demo", stdout=StringIO())
    response = client.get(SEED)
    for fact in [
        "5.1 Podpora integrace národnostních menšin a cizinců",
        "Dotační fond Libereckého kraje",
        "Usnesení č. 566/19/ZK ze dne 17.\u00a012.\u00a02019",
        "Usnesení č. 793/20/RK ze dne 19.\u00a05.\u00a02020",
        "na 500\u00a0000\u00a0Kč",
        "nouzovým stavem v ČR",
        "Usnesení č. 158/20/ZK ze dne 26.\u00a05.\u00a02020",
        "rozhodnuto",
        "příjemci a částky jsou v přehledu přidělených dotací",
        "Přehled přidělených dotačních prostředků na rok 2020",
        "Podmínky programu 5.1 (ukázkový dokument)",
        "Rada kraje snížila alokaci programu 5.1 na 500 000 Kč",
    ]:
        assertContains(response, fact)
    assert Programme.objects.get(code="5.1").phase() == Phase.DECIDED


@pytest.fixture
def scheduled(db):
    return make_programme(
        entered_after_fact=False,
        announcing_resolution=make_resolution(
            number=1, year=2024, date=date(2024, 1, 10)
        ),
        notice_board_date=date(2024, 1, 15),
        window_start=date(2024, 2, 20),
        window_end=date(2024, 3, 20),
        decision_resolution=make_resolution(number=2, year=2024, date=date(2024, 5, 1)),
    )


@pytest.mark.parametrize(
    ("day", "phase"),
    [
        (date(2024, 1, 9), Phase.PREPARED),
        (date(2024, 1, 10), Phase.ANNOUNCED),
        (date(2024, 2, 19), Phase.ANNOUNCED),
        (date(2024, 2, 20), Phase.OPEN),
        (date(2024, 3, 20), Phase.OPEN),
        (date(2024, 3, 21), Phase.EVALUATION),
        (date(2024, 4, 30), Phase.EVALUATION),
        (date(2024, 5, 1), Phase.DECIDED),
    ],
)
def test_phase_moves_on_each_boundary_date(scheduled, day, phase):
    assert scheduled.phase(day) == phase
    assert list(Programme.objects.in_phase(phase, day)) == [scheduled]


def test_cancelled_is_an_explicit_state(scheduled):
    scheduled.cancelled = True
    assert scheduled.phase(date(2024, 2, 25)) == Phase.CANCELLED


def test_days_left_while_open(scheduled):
    assert scheduled.days_left(date(2024, 3, 18)) == 2
    assert scheduled.days_left(date(2024, 3, 21)) is None


def programme_for_rule(**fields):
    fields.setdefault("entered_after_fact", False)
    return Programme(title="Program", slug="program", code="1.1", year=2024, **fields)


def test_window_opening_less_than_30_days_after_publication_is_refused(db):
    programme = programme_for_rule(
        notice_board_date=date(2024, 1, 1),
        window_start=date(2024, 1, 30),
        window_end=date(2024, 2, 28),
    )
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    message = error.value.message_dict["window_start"][0]
    assert "§ 10c zákona č. 250/2000 Sb." in message
    assert "nejdříve na 31.\u00a01.\u00a02024" in message


def test_window_thirty_days_after_publication_is_accepted(db):
    programme_for_rule(
        notice_board_date=date(2024, 1, 1),
        window_start=date(2024, 1, 31),
        window_end=date(2024, 2, 28),
    ).full_clean()


def test_programmes_entered_after_the_fact_skip_the_rule(db):
    programme_for_rule(
        entered_after_fact=True,
        window_start=date(2020, 1, 1),
        window_end=date(2020, 2, 1),
    ).full_clean()


def test_window_ending_before_it_starts_is_refused(db):
    programme = programme_for_rule(
        entered_after_fact=True,
        window_start=date(2024, 3, 1),
        window_end=date(2024, 2, 1),
    )
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert "nemůže skončit dřív" in str(error.value)


@pytest.mark.parametrize("field", ["allocation", "max_subsidy", "min_subsidy"])
def test_negative_amounts_are_refused(db, field):
    programme = programme_for_rule(entered_after_fact=True, **{field: Decimal("-1")})
    with pytest.raises(ValidationError) as error:
        programme.full_clean()
    assert field in error.value.message_dict


def test_award_rules(db):
    programme = make_programme(max_subsidy=Decimal("100000"))
    over_max = Award(
        programme=programme,
        organisation=make_organisation(),
        project_title="X",
        requested=200000,
        awarded=150000,
    )
    with pytest.raises(ValidationError, match="překračuje nejvyšší dotaci"):
        over_max.full_clean()
    over_requested = Award(
        programme=programme,
        organisation=make_organisation(),
        project_title="X",
        requested=1000,
        awarded=2000,
    )
    with pytest.raises(ValidationError, match="víc, než kolik žadatel požadoval"):
        over_requested.full_clean()
    nobody = Award(programme=programme, project_title="X", awarded=1000)
    with pytest.raises(ValidationError, match="jedno z toho"):
        nobody.full_clean()
    person_without_town = Award(
        programme=programme, person_name="Jan Novák", project_title="X", awarded=1000
    )
    with pytest.raises(ValidationError, match="vyplňte obec"):
        person_without_town.full_clean()


def test_totals_follow_the_latest_allocation_change(db):
    programme = make_programme(allocation=Decimal("800000"))
    AllocationChange.objects.create(
        programme=programme, date=date(2020, 5, 19), new_amount=Decimal("500000")
    )
    make_award(programme, requested=150000, awarded=120000)
    make_award(programme, requested=90000, awarded=90000)
    totals = programme.totals()
    assert totals["allocation"] == Decimal("500000")
    assert (totals["requested"], totals["awarded"], totals["remaining"]) == (
        240000,
        210000,
        290000,
    )


def test_natural_persons_show_only_name_and_municipality(client, db):
    programme = make_programme()
    make_award(
        programme,
        organisation=None,
        person_name="Jan Novák",
        person_municipality="Liberec",
        awarded=5000,
    )
    assertContains(client.get(programme.get_absolute_url()), "Jan Novák (Liberec)")


def test_awards_sort_by_czech_collation_and_by_amount(client, db):
    programme = make_programme()
    for name, amount in [
        ("Chrudimský spolek", 3000),
        ("Hradecký spolek", 1000),
        ("Čáslavský spolek", 2000),
    ]:
        make_award(programme, organisation=make_organisation(name=name), awarded=amount)

    def names(response):
        """The recipients in the order the table shows them."""
        html = response.content.decode()
        recipients = ["Chrudimský spolek", "Hradecký spolek", "Čáslavský spolek"]
        return sorted(recipients, key=html.index)

    assert names(client.get(programme.get_absolute_url())) == [
        "Čáslavský spolek",
        "Hradecký spolek",
        "Chrudimský spolek",
    ]
    assert (
        names(client.get(programme.get_absolute_url(), {"razeni": "-castka"}))[0]
        == "Chrudimský spolek"
    )
    assert (
        names(client.get(programme.get_absolute_url(), {"razeni": "<script>"}))[0]
        == "Čáslavský spolek"
    )


@pytest.mark.usefixtures("no_page_cache")
def test_detail_query_count_does_not_grow_with_awards(
    client, db, django_assert_num_queries
):
    programme = make_programme()
    for _ in range(5):
        make_award(programme)
    client.get(programme.get_absolute_url())
    with CaptureQueriesContext(connection) as few:
        client.get(programme.get_absolute_url())
    for _ in range(100):
        make_award(programme)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(programme.get_absolute_url())
    assert response.context["totals"]["count"] == 105
    assert response.content.decode().count('<td class="num" data-label') == 2 * 105 + 2


def test_open_calls_come_first_with_days_left(client, db):
    today = timezone.localdate()
    make_programme(title="Starý program", year=2030)
    make_programme(
        title="Otevřený program",
        year=2020,
        window_start=today - timedelta(days=3),
        window_end=today + timedelta(days=3),
    )
    response = client.get("/dotace/")
    titles = [programme.title for programme in response.context["page_obj"]]
    assert titles == ["Otevřený program", "Starý program"]
    assertContains(response, "zbývá 3 dny")
    open_only = client.get("/dotace/", {"open_now": "on"})
    assert [p.title for p in open_only.context["page_obj"]] == ["Otevřený program"]
    assertContains(client.get("/dotace/", {"phase": "nesmysl"}), "neplatnou hodnotu")


def test_draft_programmes_stay_off_every_output(client, db):
    draft = make_programme(title="Tajný program", status=Status.DRAFT)
    make_award(draft, project_title="Tajný projekt")
    for url in [
        "/dotace/",
        "/dotace/feed/",
        "/dotace/terminy.ics",
        "/dotace/data/prijemci.csv",
        "/dotace/prijemci.json",
    ]:
        assertNotContains(client.get(url), "Tajný")
    workbook = client.get("/dotace/prijemci.xlsx").content
    cells = load_workbook(io.BytesIO(workbook)).active.values
    assert not any("Tajný" in str(value) for row in cells for value in row)
    assert client.get(draft.get_absolute_url()).status_code == 404


def test_open_data_feeds_and_calendar_parse_and_agree_with_the_page(client, db):
    programme = make_programme(
        window_start=date(2024, 2, 20),
        window_end=date(2024, 3, 20),
        decision_deadline=date(2024, 5, 31),
    )
    make_award(
        programme,
        organisation=make_organisation(name="Spolek Romano", ico="00064581"),
        requested=60000,
        awarded=55000,
    )
    make_award(
        programme,
        organisation=None,
        person_name="Jana Nováková",
        person_municipality="Jablonec nad Nisou",
        awarded=12500,
    )
    page_totals = client.get(programme.get_absolute_url()).context["totals"]

    workbook = client.get(f"{programme.get_absolute_url()}prijemci.xlsx").content
    titles, *rows = load_workbook(io.BytesIO(workbook)).active.values
    rows = [dict(zip(titles, row, strict=True)) for row in rows]
    assert rows[0]["IČO"] == "00064581"  # leading zeros kept: IČO is text
    assert sum(row["Přiděleno (Kč)"] for row in rows) == page_totals["awarded"]

    data = json.loads(
        client.get(f"{programme.get_absolute_url()}prijemci.json").content
    )
    assert data["pocet"] == 2
    assert (
        sum(Decimal(item["prideleno"]) for item in data["dotace"])
        == page_totals["awarded"]
    )
    assert {item["prijemce"] for item in data["dotace"]} == {
        "Spolek Romano",
        "Jana Nováková (Jablonec nad Nisou)",
    }

    calendar = Calendar.from_ical(client.get("/dotace/terminy.ics").content)
    events = {str(event["summary"]): event for event in calendar.walk("VEVENT")}
    window = next(
        event
        for summary, event in events.items()
        if summary.startswith("Příjem žádostí")
    )
    assert window.decoded("dtstart") == date(2024, 2, 20)
    assert window.decoded("dtend") == date(2024, 3, 21)
    assert any(summary.startswith("Lhůta pro rozhodnutí") for summary in events)

    feed = feedparser.parse(client.get("/dotace/feed/").content)
    assert not feed.bozo and feed.entries[0].title.startswith("5.1")


def test_yearly_chart_has_a_data_table(client, db):
    programme = make_programme(allocation=Decimal("500000"), year=2020)
    make_award(programme, awarded=255000)
    response = client.get("/dotace/")
    assertContains(response, "<svg")
    assertContains(response, "Data grafu")
    assertContains(response, "255\u00a0000\u00a0Kč")


def test_the_chart_is_shown_on_the_lists_front_page_only(client, db):
    """The chart sums every programme, whatever the filters: a filtered
    list or its second page does not repeat it."""
    programme = make_programme(allocation=Decimal("500000"), year=2020)
    make_award(programme, awarded=255000)
    assertContains(client.get("/dotace/", {"page": "1"}), "Data grafu")
    for params in ({"year": "2020"}, {"year": "2019"}):
        assertNotContains(client.get("/dotace/", params), "Data grafu")


def test_a_year_decided_without_its_awards_entered_shows_an_unknown_total(client, db):
    """Programme 5.1 was decided (č. 158/20/ZK) but its recipients are not
    entered here: 2020's awarded total is unknown, not "0 Kč"."""
    decided = make_programme(
        allocation=Decimal("500000"),
        year=2020,
        decision_resolution=make_resolution(date=date(2020, 5, 26)),
    )
    make_programme(allocation=Decimal("100000"), year=2021)
    rows = client.get("/dotace/").context["chart"]["rows"]
    assert {row["year"]: row["awarded"] for row in rows} == {2020: None, 2021: 0}
    table = client.get("/dotace/").content.decode().split("Data grafu")[1]
    assert (
        '<th scope="row">2020</th><td class="num">500\u00a0000\u00a0Kč</td><td class="num">neuvedeno</td>'
        in table
    )
    make_award(decided, awarded=Decimal("255000"))
    rows = client.get("/dotace/").context["chart"]["rows"]
    assert rows[0]["awarded"] == Decimal("255000")


def test_resolution_body_other_needs_abbreviation(db):
    resolution = Resolution(
        number=5, year=2020, body=Resolution.Body.OTHER, date=date(2020, 1, 1)
    )
    with pytest.raises(ValidationError, match="zkratku"):
        resolution.full_clean()


def test_the_awards_table_follows_its_awards_and_the_programme(client, db):
    """A changed amount or a renamed recipient shows on the next visit, in
    every order of the table."""
    programme = make_programme()
    award = make_award(programme, awarded=Decimal("15000"))
    url = programme.get_absolute_url()
    assertContains(client.get(url), "15\u00a0000\u00a0Kč")

    award.awarded = Decimal("123456")
    award.save()
    assertContains(client.get(url), "123\u00a0456\u00a0Kč")
    assertContains(client.get(url, {"razeni": "-castka"}), "123\u00a0456\u00a0Kč")

    award.organisation.name = "Spolek Náruč"
    award.organisation.save()
    assertContains(client.get(url), "Spolek Náruč")

    programme.purpose = "Podpora terénní práce v obcích"
    programme.save()
    page = client.get(url)
    assertContains(page, "Podpora terénní práce v obcích")
    assertContains(page, "Spolek Náruč")


def test_linked_documents_keep_their_labels_when_one_serves_twice(client, db):
    """The programme's conditions, form and model contract are read in one
    query; one document linked as two of them is listed under both."""
    document = make_document(title="Podmínky a formulář 2020")
    make_document_file(document)
    programme = make_programme(conditions_document=document, application_form=document)
    page = client.get(programme.get_absolute_url())
    assertContains(page, "Podmínky programu: <a", html=False)
    assertContains(page, "Formulář žádosti: <a", html=False)
    assertNotContains(page, "Vzor smlouvy:")


def test_a_programme_pages_contacts_follow_the_people(client, db):
    """The contacts are a block of their own on the programme page: kept
    while the people and the links to them are unchanged, and no longer."""
    person = make_person(name="Mgr. Jana Nováková", email="jana@example.cz")
    programme = make_programme()
    programme.contacts.add(person)
    url = programme.get_absolute_url()
    assertContains(client.get(url), "Mgr. Jana Nováková")

    person.name = "Mgr. Jana Svobodová"
    person.save()
    page = client.get(url)
    assertContains(page, "Mgr. Jana Svobodová")
    assertNotContains(page, "Nováková")

    programme.contacts.remove(person)
    assertNotContains(client.get(url), "Svobodová")


def test_a_programme_pages_body_follows_what_it_names(client, db):
    """The page's body is one piece, read only when it is rendered: kept
    while the programme, its resolutions, allocation changes and linked
    documents are unchanged; a change of any of them shows at once."""
    resolution = make_resolution(number=7, year=2020, date=date(2020, 3, 2))
    document = make_document(title="Podmínky programu 2020")
    programme = make_programme(
        allocation=Decimal("800000"),
        announcing_resolution=resolution,
        conditions_document=document,
    )
    make_award(programme, awarded=Decimal("100000"))
    url = programme.get_absolute_url()
    assertContains(client.get(url), "Podmínky programu 2020")

    resolution.number = 9
    resolution.save()
    assertContains(client.get(url), str(resolution))
    AllocationChange.objects.create(
        programme=programme, date=date(2020, 5, 19), new_amount=Decimal("500000")
    )
    page = client.get(url)
    assertContains(page, "nyní 500\u00a0000\u00a0Kč")
    assertContains(page, "zbývá 400\u00a0000\u00a0Kč")
    document.status = Status.DRAFT
    document.save()
    assertNotContains(client.get(url), "Podmínky programu 2020")
