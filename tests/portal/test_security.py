import pytest
from django.db import OperationalError
from django.test import RequestFactory
from django.urls import reverse
from django.views.defaults import server_error

from portal.middleware import DatabaseUnavailableMiddleware
from tests.factories import make_document_file

PUBLIC_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Frame-Options": "DENY",
}


def assert_security_headers(response, inline_styles=False):
    for name, value in PUBLIC_HEADERS.items():
        assert response[name] == value, name
    assert "camera=()" in response["Permissions-Policy"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp.split("style-src", 1)[0]
    assert ("'unsafe-inline'" in csp) is inline_styles


@pytest.mark.parametrize("url", ["/", "/neexistuje/"])
def test_public_pages_and_errors_carry_the_security_headers(client, db, url):
    assert_security_headers(client.get(url))


def test_document_download_carries_the_security_headers(client, db):
    assert_security_headers(client.get(make_document_file().get_absolute_url()))


def test_admin_login_has_the_same_headers_with_styles_for_the_editor(client, db):
    assert_security_headers(client.get(reverse("admin:login")), inline_styles=True)


def test_https_adds_hsts_and_secure_cookies(client, db, settings):
    response = client.get("/", secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")
    assert settings.SESSION_COOKIE_SECURE and settings.CSRF_COOKIE_SECURE


def test_anonymous_visits_set_no_cookies(client, db):
    for url in ["/", "/dokumenty/", "/aktuality/", "/dotace/", "/hledat/?q=romske"]:
        assert not client.get(url).cookies, url


def test_server_error_page_is_czech_and_touches_no_database(
    db, django_assert_num_queries
):
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = server_error(request)
    assert response.status_code == 500
    assert "Omlouváme se, na serveru nastala chyba" in response.content.decode()


def test_unreachable_database_gives_a_czech_503(db, django_assert_num_queries):
    def view_on_a_dead_database(request):
        raise OperationalError("could not connect to server: Connection refused")

    middleware = DatabaseUnavailableMiddleware(view_on_a_dead_database)
    request = RequestFactory().get("/")
    with django_assert_num_queries(0):
        response = middleware.process_exception(
            request, OperationalError("connection refused")
        )
    assert response.status_code == 503
    assert response["Retry-After"] == "60"
    assert "Nepodařilo se spojit s databází" in response.content.decode()


def test_a_live_request_on_a_broken_database_connection_gets_503(
    client, transactional_db
):
    """A real request whose database host does not answer."""
    from django.db import connections

    connection = connections["default"]
    if connection.vendor != "postgresql":
        # SQLite: a database file in a folder that does not exist.
        broken = {**connection.settings_dict, "NAME": "/nonexistent/folder/db.sqlite3"}
    else:
        broken = {**connection.settings_dict, "HOST": "127.0.0.1", "PORT": "1"}
    original = connection.settings_dict
    connection.close()
    connection.settings_dict = broken
    try:
        response = client.get("/kontakty/")
    finally:
        connection.close()
        connection.settings_dict = original
    assert response.status_code == 503
    assert "Web je dočasně nedostupný" in response.content.decode()


def test_errors_are_logged_as_json_lines():
    import json
    import logging
    import sys

    from portal.logformat import JsonFormatter

    try:
        raise ValueError("rozbitý filtr")
    except ValueError:
        record = logging.LogRecord(
            "django.request",
            logging.ERROR,
            __file__,
            1,
            "Chyba %s",
            ("/dotace/",),
            sys.exc_info(),
        )
    entry = json.loads(JsonFormatter().format(record))
    assert entry["level"] == "ERROR" and entry["message"] == "Chyba /dotace/"
    assert "ValueError: rozbitý filtr" in entry["exception"]
