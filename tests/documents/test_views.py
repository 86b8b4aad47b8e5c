from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from documents.models import Audience, Scope
from editorial.roles import setup_groups
from portal.models import Status
from tests.factories import (
    make_category,
    make_document,
    make_document_file,
    make_documents,
    make_organisation,
    make_resolution,
    make_topic,
)

LIST = reverse("documents:list")


def titles(response):
    return [document.title for document in response.context["page_obj"]]


def test_draft_and_scheduled_documents_are_not_listed(client, db):
    make_document(title="Koncepce 2025", status=Status.DRAFT)
    make_document(
        title="Zítřejší zpráva", publish_at=timezone.now() + timedelta(hours=2)
    )
    make_document(title="Zveřejněná analýza")
    response = client.get(LIST)
    assertContains(response, "Zveřejněná analýza")
    assertNotContains(response, "Koncepce 2025")
    assertNotContains(response, "Zítřejší zpráva")


def test_archive_switch_shows_current_archive_or_both(client, db):
    make_document(title="Zpráva 2016")
    make_document(title="Zpráva 2012", archived_at=timezone.now() - timedelta(days=30))
    assert titles(client.get(LIST)) == ["Zpráva 2016"]
    assert titles(client.get(LIST, {"archiv": "archiv"})) == ["Zpráva 2012"]
    assert set(titles(client.get(LIST, {"archiv": "vse"}))) == {
        "Zpráva 2016",
        "Zpráva 2012",
    }


@pytest.mark.parametrize(
    "field", ["category", "topic", "year", "issuer", "scope", "q", "audience"]
)
def test_each_filter_narrows_the_list(client, db, field):
    category = make_category(name="Analýzy", slug="analyzy")
    topic = make_topic(name="Integrace cizinců", slug="integrace-cizincu")
    issuer = make_organisation(name="Liberecký kraj")
    wanted = make_document(
        title="Analýza sociálně vyloučených lokalit",
        category=category,
        year=2013,
        issuer=issuer,
        scope=Scope.NATIONAL,
        audience=Audience.MUNICIPALITIES,
    )
    wanted.topics.add(topic)
    make_document(title="Jiný dokument", year=2008, scope=Scope.REGIONAL)
    value = {
        "category": "analyzy",
        "topic": "integrace-cizincu",
        "year": "2013",
        "issuer": issuer.pk,
        "scope": "national",
        "q": "vyloučených",
        "audience": "municipalities",
    }[field]
    assert titles(client.get(LIST, {field: value})) == [
        "Analýza sociálně vyloučených lokalit"
    ]


@pytest.mark.parametrize(
    "params",
    [
        {"year": "abc"},
        {"year": "99999999999999999999"},
        {"category": "neexistuje"},
        {"archiv": "<script>"},
        {"issuer": "x"},
    ],
)
def test_malformed_filters_give_a_clear_message_not_an_error(client, db, params):
    make_document(title="Zpráva")
    response = client.get(LIST, params)
    assertContains(response, "neplatnou hodnotu")
    assert titles(response) == []


@pytest.mark.parametrize("page", ["999", "abc", "-1", "0"])
def test_pages_beyond_the_end_are_404(client, db, page):
    make_documents(3)
    assert client.get(LIST, {"page": page}).status_code == 404


def test_list_shows_format_size_and_language_of_each_file(client, db):
    document = make_document(
        title="Brožura", year=2021, issuer=make_organisation(name="Liberecký kraj")
    )
    make_document_file(document, language="en")
    response = client.get(LIST)
    assertContains(response, "2021")
    assertContains(response, "Liberecký kraj")
    assertContains(response, "PDF, 1,")  # "PDF, 1,9 kB, angličtina"
    assertContains(response, "angličtina")


@pytest.mark.usefixtures("no_page_cache")
def test_list_query_count_is_the_same_for_10_and_200_documents(
    client, db, django_assert_num_queries
):
    def fill(count):
        for document in make_documents(count):
            document.topics.add(make_topic())
            make_document_file(document)

    fill(10)
    client.get(LIST)  # warm the site-settings cache
    with CaptureQueriesContext(connection) as ten:
        client.get(LIST, {"archiv": "vse"})
    fill(190)
    with django_assert_num_queries(len(ten.captured_queries)):
        response = client.get(LIST, {"archiv": "vse"})
    assert response.context["paginator"].count == 200


def test_detail_shows_metadata_and_the_resolution_in_canonical_form(client, db):
    resolution = make_resolution(number=1384, year=2013, date=date(2013, 9, 17))
    document = make_document(
        title="Analýza sociálně vyloučených lokalit",
        resolution=resolution,
        period="do roku 2020",
    )
    make_document_file(document)
    response = client.get(document.get_absolute_url())
    assertContains(response, "Usnesení č. 1384/13/RK ze dne 17.\u00a09.\u00a02013")
    assertContains(response, "do roku 2020")
    assertContains(response, document.files.get().get_absolute_url())


def test_draft_detail_is_404_for_the_public_and_a_preview_for_staff(
    client, db, django_user_model
):
    document = make_document(title="Rozpracovaná koncepce", status=Status.DRAFT)
    assert client.get(document.get_absolute_url()).status_code == 404
    editor = django_user_model.objects.create_user("redaktor", is_staff=True)
    setup_groups()
    editor.groups.add(Group.objects.get(name="Redaktor"))
    client.force_login(editor)
    assertContains(client.get(document.get_absolute_url()), "Náhled")


def test_category_page_lists_yearly_reports_newest_first(client, db):
    reports = make_category(name="Zprávy o stavu romské menšiny", slug="zpravy")
    for year in (2014, 2016, 2015):
        make_document(title=f"Zpráva – rok {year}", year=year, category=reports)
    make_document(title="Jiná kategorie")
    response = client.get(reverse("documents:category", args=["zpravy"]))
    assert titles(response) == [
        "Zpráva – rok 2016",
        "Zpráva – rok 2015",
        "Zpráva – rok 2014",
    ]
    assert client.get(reverse("documents:category", args=["nic"])).status_code == 404


def test_municipalities_section_lists_documents_for_them(client, db):
    make_document(title="Metodická příručka", audience=Audience.MUNICIPALITIES)
    make_document(title="Brožura pro veřejnost")
    assert titles(client.get(reverse("documents:municipalities"))) == [
        "Metodická příručka"
    ]


def test_listing_links_its_atom_feed(client, db):
    assertContains(client.get(LIST), 'rel="alternate" type="application/atom+xml"')


def test_home_page_shows_newest_documents(client, db):
    make_document(title="Strategie romské integrace do roku 2020")
    assertContains(client.get("/"), "Strategie romské integrace do roku 2020")


@pytest.fixture
def short_list(monkeypatch):
    """The document list two pages of two deep, so that the cap shows with
    five documents (the site's own is 50 pages of 20)."""
    from documents.views import DocumentListView

    monkeypatch.setattr(DocumentListView, "max_pages", 2)
    monkeypatch.setattr(DocumentListView, "paginate_by", 2)


@pytest.mark.usefixtures("no_page_cache", "short_list")
def test_the_list_goes_back_so_many_pages_and_points_to_the_filters(client, db):
    make_documents(5)
    response = client.get(LIST, {"page": 2})
    assert response.status_code == 200
    assert response.context["paginator"].capped
    assertContains(response, "Nalezeno dokumentů: 4 a více")
    assertContains(response, "Strana 2 z 2")
    assertContains(response, "Starší najdete, když výběr zúžíte filtrem")
    assertNotContains(response, 'rel="next"')


@pytest.mark.usefixtures("no_page_cache", "short_list")
def test_a_page_past_the_depth_is_a_404_that_points_to_the_filters(
    client, db, django_assert_max_num_queries
):
    make_documents(5)
    client.get(LIST)  # the site settings read once
    # Answered before the list is read: no COUNT, no OFFSET, whatever the page.
    with django_assert_max_num_queries(3) as queries:
        response = client.get(LIST, {"page": 2500, "year": 2024})
    assert not [q for q in queries.captured_queries if "documents_document" in q["sql"]]
    assert response.status_code == 404
    assertContains(response, "Tak daleko seznam nesahá", status_code=404)
    assertContains(response, "nejvýše 2 stran, tedy 4 nejnovějších", status_code=404)
    assertContains(response, f'href="{LIST}?year=2024"', status_code=404)


@pytest.mark.usefixtures("no_page_cache")
def test_the_last_page_costs_the_queries_of_the_first(client, db):
    """Counted only as far as the list goes: page 50 of 1 001 documents
    asks what page 1 does, with a COUNT that stops at 1 001 rows."""
    from documents.views import DocumentListView

    per_page, pages = DocumentListView.paginate_by, DocumentListView.max_pages
    make_documents(per_page * pages + 1)
    client.get(LIST)
    with CaptureQueriesContext(connection) as first:
        client.get(LIST)
    with CaptureQueriesContext(connection) as last:
        response = client.get(LIST, {"page": pages})
    assert response.status_code == 200
    assert len(last.captured_queries) == len(first.captured_queries)
    counts = [q["sql"] for q in last.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 1
    assert f"LIMIT {per_page * pages + 1}" in counts[0]
    # Unsorted: how many there are up to the cap does not depend on the
    # order, and sorting every match first cost 9 ms at 18 000 documents.
    assert "ORDER BY" not in counts[0]
    assert client.get(LIST, {"page": pages + 1}).status_code == 404
