from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from grants.models import Award
from grants.section import GrantsSection
from tests.factories import admin_form_data, make_award, make_programme, make_topic


def test_list_filters_by_year_and_topic(client, db):
    """A visitor narrows the list to one year or one topic."""
    minorities = make_topic(name="Národnostní menšiny")
    older = make_programme(title="Program roku 2019", year=2019)
    newer = make_programme(title="Program roku 2020", year=2020)
    newer.topics.add(minorities)
    by_year = client.get("/dotace/", {"year": "2019"})
    assertContains(by_year, "Program roku 2019")
    assertNotContains(by_year, "Program roku 2020")
    by_topic = client.get("/dotace/", {"topic": minorities.slug})
    assertContains(by_topic, "Program roku 2020")
    assertNotContains(by_topic, older.title)


def test_malformed_year_filter_gives_a_czech_message_not_an_error(client, db):
    """A year typed as words is refused on the form, the page still works."""
    make_programme(title="Program roku 2020", year=2020)
    response = client.get("/dotace/", {"year": "dvacet"})
    assertContains(response, "Zadejte číslo")


def test_dashboard_lists_windows_moving_soon_and_awards_missing_register_link(db):
    """Editors see windows opening within 14 days and contracts over
    50 000 Kč that still lack a registr smluv link."""
    today = timezone.localdate()
    soon = make_programme(
        title="Brzy otevřený",
        window_start=today + timedelta(days=10),
        window_end=today + timedelta(days=40),
    )
    make_programme(
        title="Až za měsíc",
        window_start=today + timedelta(days=30),
        window_end=today + timedelta(days=60),
    )
    big = make_award(soon, project_title="Velký projekt", awarded=60000)
    make_award(soon, project_title="Malý projekt", awarded=50000)
    make_award(
        soon,
        project_title="Zveřejněný projekt",
        awarded=80000,
        contract_register_url="https://smlouvy.gov.cz/smlouva/1",
    )
    (_, moving), (_, missing) = GrantsSection().dashboard()
    assert [programme.title for programme in moving] == ["Brzy otevřený"]
    assert list(missing) == [big]
    assert list(Award.objects.missing_register_link()) == [big]


def test_admin_change_form_warns_about_missing_register_link(admin_client, db):
    """An editor opening a programme sees which award over 50 000 Kč still
    lacks its registr smluv link, and the running totals."""
    programme = make_programme(title="Program s velkou dotací", allocation=500000)
    make_award(programme, project_title="Velký projekt", awarded=60000)
    make_award(programme, project_title="Malý projekt", awarded=40000, requested=45000)
    response = admin_client.get(
        reverse("admin:grants_programme_change", args=[programme.pk])
    )
    assertContains(response, "chybí odkaz (nad 50 000 Kč)", count=1)
    assertContains(response, '<span data-total="awarded">100\xa0000\xa0Kč')
    assertContains(response, "js/grants-totals.js")
    assertContains(response, 'data-allocation="500000')
    assertContains(response, '<span data-total="remaining">400\xa0000\xa0Kč')


def test_demo_loads_twice_without_change_and_marks_unknowns(client, db):
    """Running load_demo again adds nothing; facts the seed does not give
    show as "neuvedeno"; programme 5.1 invents no recipients but points to
    the resolution that lists them, and the sample recipients live on a
    programme whose name says it is an example."""
    from io import StringIO

    from django.core.management import call_command

    from grants.models import Programme

    call_command("load_demo", stdout=StringIO())
    slug = "podpora-integrace-narodnostnich-mensin-a-cizincu-2020"
    updated = Programme.objects.get(slug=slug).updated_at
    call_command("load_demo", stdout=StringIO())
    programme = Programme.objects.get(slug=slug)
    assert programme.updated_at == updated
    assert programme.entered_after_fact
    assert programme.window_start is None and programme.allocation is None
    assert not programme.awards.exists()
    response = client.get(programme.get_absolute_url())
    assertContains(response, "neuvedeno")
    assertContains(response, "zapsán dodatečně")
    assertContains(
        response,
        "O dotacích rozhodlo Usnesení č. 158/20/ZK ze dne 26.\xa05.\xa02020; "
        "příjemci a částky jsou v přehledu přidělených dotací mezi dokumenty výše.",
    )

    example = Programme.objects.exclude(slug=slug).get()
    assert "Ukázkový program" in example.title
    awards = list(example.awards.select_related("organisation"))
    assert awards and all(award.organisation.is_sample for award in awards)
    assert example.totals()["awarded"] <= example.allocation


@pytest.mark.usefixtures("no_page_cache")
def test_list_query_count_does_not_grow_with_programmes(
    client, db, django_assert_num_queries
):
    """The list of programmes costs the same number of queries for 3 or 15."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    topic = make_topic()
    for _ in range(3):
        make_programme().topics.add(topic)
    client.get("/dotace/")
    with CaptureQueriesContext(connection) as few:
        client.get("/dotace/")
    for _ in range(12):
        make_programme().topics.add(topic)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get("/dotace/")
    assert len(response.context["page_obj"]) == 15


def test_saving_a_programme_warns_about_missing_register_link(admin_client, db):
    """After saving, the editor is told how many awards over 50 000 Kč
    still need their registr smluv link."""
    programme = make_programme(
        title="Program k uložení", allocation=500000, conditions="<p>Podmínky</p>"
    )
    make_award(programme, project_title="Velký projekt", awarded=60000)
    url = reverse("admin:grants_programme_change", args=[programme.pk])
    data = admin_form_data(admin_client.get(url))
    data["_continue"] = "1"
    response = admin_client.post(url, data, follow=True)
    assertContains(response, "Dotace nad 50 000 Kč bez odkazu do registru smluv: 1.")
