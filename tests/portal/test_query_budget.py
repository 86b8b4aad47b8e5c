"""No public page costs more than 10 SQL queries to render, with the page
cache empty and nothing remembered (the worst case: the first visitor after
a change). That the counts stay the same as lists grow is asserted next to
each page type's own tests."""

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import translate_url
from django.utils import translation

import pagecache
from documents.models import Document
from grants.models import Programme
from news.models import NewsItem
from portal.models import Page, Topic
from projects.models import Project

BUDGET = 10
# The page cache's own on the first visit after a change: the generation
# and the next publishing moment.
CACHE_QUERIES = 2


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def public_pages():
    return [
        "/",
        "/temata/",
        "/temata/romska-mensina/",
        "/kontakty/",
        "/hledat/?q=romske",
        "/dokumenty/",
        "/dokumenty/?archiv=vse&category=zpravy-o-stavu-mensiny",
        Document.objects.published().first().get_absolute_url(),
        "/dokumenty/pro-obce/",
        "/dokumenty/feed/",
        "/aktuality/",
        NewsItem.objects.published().first().get_absolute_url(),
        "/aktuality/atom/",
        "/aktuality/odber/",
        "/dotace/",
        Programme.objects.published().first().get_absolute_url(),
        "/projekty/",
        Project.objects.published().first().get_absolute_url(),
        "/sitemap.xml",
        "/sitemap-documents.xml",
    ]


def over_budget(client, before_each=lambda: None, budget=BUDGET):
    over = {}
    for path in public_pages():
        before_each()
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        if len(queries.captured_queries) > budget:
            over[path] = [q["sql"][:120] for q in queries.captured_queries]
    return over


@pytest.mark.usefixtures("no_page_cache")
def test_every_public_page_type_stays_within_the_query_budget(client, demo):
    assert not over_budget(client)


def query_counts(client, paths):
    counts = {}
    for path in paths:
        with CaptureQueriesContext(connection) as queries:
            response = client.get(path)
        assert response.status_code == 200, path
        counts[path] = len(queries.captured_queries)
    return counts


@pytest.mark.usefixtures("no_page_cache")
def test_each_language_costs_the_queries_czech_does(client, demo, languages):
    """English and Ukrainian pages (/en/..., /uk/...; translated columns on
    the same rows) cost no more queries than the Czech page does."""
    with translation.override("cs"):
        czech = public_pages()
    expected = list(query_counts(client, czech).values())
    assert max(expected) <= BUDGET
    for lang in ("en", "uk"):
        with translation.override("cs"):
            paths = [translate_url(path, lang) for path in czech]
        assert all(
            path.startswith(f"/{lang}/") for path in paths if "sitemap" not in path
        )
        counts = query_counts(client, paths)
        dearer = {
            path: (counts[path], czech_count)
            for path, czech_count in zip(paths, expected, strict=True)
            if counts[path] > czech_count
        }
        assert not dearer, lang


def test_the_first_visit_after_a_change_stays_within_the_budget(client, demo):
    """With the page cache on, the first request after a change also reads
    the generation and works out the next publishing moment."""
    assert not over_budget(
        client, before_each=pagecache.bump, budget=BUDGET + CACHE_QUERIES
    )


def test_every_html_page_type_describes_itself_for_search_engines(client, demo):
    """A meta description on every page: an item's own summary where it has
    one, otherwise the office's line, in the page's language."""
    import html
    import re

    summarised = Document.objects.get(slug="preventivni-brozura-pro-cizince")
    summarised = summarised.get_absolute_url()  # a rich-text summary
    descriptions = {}
    extra = [summarised, "/en/", "/uk/dokumenty/", "/tato-stranka-neni/"]
    for path in public_pages() + extra:
        response = client.get(path)
        if not response["Content-Type"].startswith("text/html"):
            continue
        found = re.findall(
            r'<meta name="description" content="([^"]*)">', response.content.decode()
        )
        assert len(found) == 1 and len(found[0]) > 40, path
        descriptions[path] = html.unescape(found[0])
    # Text, not markup: a document's rich-text summary loses its tags.
    assert [path for path, text in descriptions.items() if "<" in text] == []
    assert descriptions[summarised].startswith("Liberecký kraj prostřednictvím")
    news = NewsItem.objects.published().first()
    assert descriptions[news.get_absolute_url()].startswith(news.lead[:60])
    assert descriptions["/"].startswith("Odbor sociálních věcí, Krajský úřad")
    assert descriptions["/en/"].startswith("Department of Social Affairs, Regional")
    assert "новини" in descriptions["/uk/dokumenty/"]


@pytest.mark.parametrize("lang", ["cs", "en", "uk"])
def test_a_list_of_links_reads_each_row_once(demo, django_assert_num_queries, lang):
    """``links()`` selects only what a link shows (the related items on an
    item's page, the menu, the topic tags): printing each link, its name
    and its address, in any language, reads nothing more, which a column
    left out of ``link_fields`` would (one query per row)."""
    models = [m for m in apps.get_models() if hasattr(m, "link_fields")]
    assert {Document, NewsItem, Programme, Project, Page, Topic} <= set(models)
    with translation.override(lang):
        for model in models:
            rows = list(model.objects.links()[:5])
            assert rows, model
            with django_assert_num_queries(0):
                for row in rows:
                    str(row), row.get_absolute_url()
                    for name in model.link_fields:
                        getattr(row, name)
