"""What an applicant needs from the grants pages: which calls are open or
coming, a calendar entry per programme, titles that tell years apart,
awards readable on a phone and a chart with values on its axis."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone
from icalendar import Calendar
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_award, make_programme, make_resolution


def open_programme(**fields):
    today = timezone.localdate()
    return make_programme(
        window_start=today - timedelta(days=5),
        window_end=today + timedelta(days=10),
        decision_deadline=today + timedelta(days=60),
        **fields,
    )


def test_programme_page_offers_its_own_calendar_entry(client, db):
    programme = open_programme(code="5.1", title="Podpora integrace", year=2027)
    other = open_programme(title="Jiný program")
    response = client.get(programme.get_absolute_url())
    url = reverse("grants:programme_calendar", args=[programme.slug])
    assertContains(response, f'href="{url}"')
    assertContains(response, "Přidat do kalendáře")

    ics = client.get(url)
    assert ics["Content-Type"].startswith("text/calendar")
    events = Calendar.from_ical(ics.content).walk("VEVENT")
    summaries = sorted(str(event["summary"]) for event in events)
    assert summaries == [
        "Lhůta pro rozhodnutí: 5.1 Podpora integrace (2027)",
        "Příjem žádostí: 5.1 Podpora integrace (2027)",
    ]
    window = next(event for event in events if "Příjem" in str(event["summary"]))
    assert window["dtstart"].dt == programme.window_start
    # All-day events end the day after (RFC 5545 DTEND is exclusive).
    assert window["dtend"].dt == programme.window_end + timedelta(days=1)
    assert other.title not in ics.content.decode()


def test_a_programme_without_dates_offers_no_empty_calendar(client, db):
    """Programme 5.1 of the demo gives no dates: no link, and its address
    answers 404 rather than an empty calendar."""
    undated = make_programme(title="Bez termínů")
    url = reverse("grants:programme_calendar", args=[undated.slug])
    assert (
        "Přidat do kalendáře"
        not in client.get(undated.get_absolute_url()).content.decode()
    )
    assert client.get(url).status_code == 404
    # A closing date alone is an event of its own day.
    closing = make_programme(title="Jen uzávěrka", window_end=date(2027, 3, 31))
    page = client.get(closing.get_absolute_url()).content.decode()
    assert "Přidat do kalendáře" in page
    ics = client.get(reverse("grants:programme_calendar", args=[closing.slug]))
    [event] = Calendar.from_ical(ics.content).walk("VEVENT")
    assert str(event["summary"]).startswith("Konec příjmu žádostí: ")
    assert event["dtstart"].dt == date(2027, 3, 31)
    assert event["dtend"].dt == date(2027, 4, 1)


def test_a_draft_programme_has_no_calendar_entry(client, db):
    draft = open_programme(status="draft")
    url = reverse("grants:programme_calendar", args=[draft.slug])
    assert client.get(url).status_code == 404


def test_list_leads_with_open_then_upcoming_calls(client, db):
    decided = make_programme(
        title="Rozhodnutý program",
        year=2030,
        decision_resolution=make_resolution(date=date(2020, 5, 26)),
    )
    announced = make_programme(
        title="Vyhlášený program",
        year=2020,
        entered_after_fact=True,
        announcing_resolution=make_resolution(
            year=timezone.localdate().year, date=timezone.localdate()
        ),
        window_start=timezone.localdate() + timedelta(days=40),
        window_end=timezone.localdate() + timedelta(days=70),
    )
    opened = open_programme(title="Otevřený program", year=2019)
    html = client.get(reverse("grants:list")).content.decode()
    assert "Právě můžete podávat žádosti do 1 programu" in html
    positions = [html.index(p.title) for p in (opened, announced, decided)]
    assert positions == sorted(positions)


def test_list_says_plainly_when_no_call_is_open(client, db):
    make_programme(title="Starý program", year=2020)
    response = client.get(reverse("grants:list"))
    assertContains(response, "Právě není otevřený příjem žádostí v žádném programu.")
    assertContains(response, f'href="{reverse("grants:calendar")}"')
    # A filtered list says nothing about all calls.
    filtered = client.get(reverse("grants:list"), {"year": 2020})
    assertNotContains(filtered, "Právě není otevřený")


def test_same_named_programmes_carry_their_year(client, db):
    make_programme(code="5.1", title="Podpora menšin", year=2020)
    make_programme(code="5.1", title="Podpora menšin", year=2027)
    html = client.get(reverse("grants:list")).content.decode()
    assert "5.1 Podpora menšin (2020)" in html and "5.1 Podpora menšin (2027)" in html


def test_awards_table_keeps_labels_for_cards_and_its_totals(client, db):
    programme = make_programme(allocation=500_000, year=2020)
    make_award(programme, awarded=100_000, project_title="Kurzy češtiny")
    response = client.get(programme.get_absolute_url())
    assertContains(
        response, '<td class="num" data-label="Přiděleno">100\xa0000\xa0Kč</td>'
    )
    assertContains(response, "zbývá 400\xa0000\xa0Kč")


def test_chart_labels_its_value_axis(client, db):
    programme = make_programme(allocation=500_000, year=2020)
    make_award(programme, awarded=250_000)
    html = client.get(reverse("grants:list")).content.decode()
    chart = html[html.index('<svg class="chart"') : html.index("</svg>")]
    for label in ("0\xa0Kč", "250\xa0tis.\xa0Kč", "500\xa0tis.\xa0Kč"):
        assert label in chart, label


def test_decided_programme_without_window_offers_no_calendar(client, db):
    programme = make_programme(
        decision_resolution=make_resolution(date=date(2020, 5, 26))
    )
    assertNotContains(client.get(programme.get_absolute_url()), "Přidat do kalendáře")
