"""What each kind of request costs the page cache, and what it leaves to
Django."""

import ast
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from pytest_django.asserts import assertContains

import pagecache
from grants import services
from tests.factories import award_rows, make_news_item, make_programme


def cache_queries(queries):
    """The queries the page cache made: its state and its boundary."""
    return [
        q["sql"]
        for q in queries.captured_queries
        if "portal_contentversion" in q["sql"]
        or "portal_state" in q["sql"]
        or "MIN(moment)" in q["sql"]
    ]


@pytest.mark.parametrize(
    "method, url",
    [
        ("get", "/static/css/site.css"),
        ("get", "/static/no-such-file.css"),
        ("get", "/admin/login/"),
        ("get", "/admin/"),
        ("post", "/aktuality/"),
        ("post", "/hledat/"),
    ],
)
def test_requests_the_cache_never_keeps_make_no_query_for_it(client, db, method, url):
    make_news_item(title="Metodika pro obce")
    client.get("/aktuality/")  # the cache is in use
    with CaptureQueriesContext(connection) as queries:
        response = getattr(client, method)(url)
    assert response.status_code < 500
    assert not cache_queries(queries)


def test_a_static_file_makes_no_query_at_all(
    client, db, settings, django_assert_num_queries
):
    # WhiteNoise serves the files where they are, as after collectstatic.
    settings.WHITENOISE_USE_FINDERS = True
    client.get("/")
    with django_assert_num_queries(0):
        response = client.get("/static/css/site.css")
    assert response.status_code == 200


def test_a_cacheable_page_makes_its_query(client, db):
    """The other side of the two tests above: the check sees the cache."""
    with CaptureQueriesContext(connection) as queries:
        client.get("/aktuality/")
    assert cache_queries(queries)


def test_a_visitor_with_a_session_makes_no_query_for_the_cache(admin_client, db):
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get("/aktuality/")
    assert not cache_queries(queries)
    assert "private" in response["Cache-Control"]


def test_an_import_of_many_awards_bumps_once_and_shows_them_all(client, db):
    programme = make_programme()
    url = programme.get_absolute_url()
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        services.import_awards(programme=programme, rows=award_rows(30))
    bumps = [
        sql
        for sql in cache_queries(queries)
        if sql.startswith("SELECT") and "portal_contentversion" in sql
    ]
    assert len(bumps) == 1
    page = client.get(url)
    for number in range(30):
        assertContains(page, f"Jana Nováková {number}")


def test_a_failed_batch_outside_a_transaction_still_bumps(client, db):
    """Saves that stand although the batch ended in an error are not hidden
    behind cached pages."""
    from portal import saves

    item = make_news_item(title="Metodika pro obce")
    client.get("/aktuality/")
    with pytest.raises(RuntimeError), saves.batch():
        item.title = "Metodika pro obce, druhé vydání"
        item.save()
        raise RuntimeError
    assertContains(client.get("/aktuality/"), "druhé vydání")


PRIVATE = {"CSRF_COOKIE", "CSRF_COOKIE_NEEDS_UPDATE", "health_check_done"}


def test_the_cache_reads_none_of_djangos_private_request_keys():
    """The CSRF hole goes through get_token() and CsrfViewMiddleware, and
    Django's health check flag is left to Django."""
    found = []
    for module in Path(pagecache.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            if isinstance(node, ast.Constant) and node.value in PRIVATE:
                found.append((module.name, node.value))
            if isinstance(node, ast.Attribute) and node.attr in PRIVATE:
                found.append((module.name, node.attr))
    assert not found
