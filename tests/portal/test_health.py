import contextlib
import gzip
import json
import os
import socket
import subprocess
import sys
import threading
import zlib
from http.server import BaseHTTPRequestHandler, HTTPServer

import pytest
from django.conf import settings
from django.db import connection

from tests.factories import make_news_item

HEALTH = "/health/"
OUTSIDE = "203.0.113.7"  # a documentation address: not loopback


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def database_gone(tmp_path):
    """The real connection, closed and pointed where no database answers: a
    closed port for PostgreSQL, a folder that does not exist for SQLite."""
    saved = dict(connection.settings_dict)
    connection.close()
    if connection.vendor == "sqlite":
        connection.settings_dict["NAME"] = str(tmp_path / "missing" / "db.sqlite3")
    else:
        connection.settings_dict["HOST"] = "127.0.0.1"
        connection.settings_dict["PORT"] = closed_port()
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict.clear()
        connection.settings_dict.update(saved)


@pytest.fixture
def unreachable_database(transactional_db, tmp_path):
    with database_gone(tmp_path):
        yield


def test_health_is_200_with_one_query_and_no_cookie(
    client, db, django_assert_num_queries
):
    """The probe costs one query: no page cache, no session, nothing stored."""
    with django_assert_num_queries(1):
        response = client.get(HEALTH)
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok"},
    }
    assert response["Cache-Control"] == "no-store"
    assert not response.cookies


def test_health_is_503_when_the_database_is_unreachable(client, unreachable_database):
    response = client.get(HEALTH)
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"] == "error"


def test_health_answers_again_once_the_database_is_back(
    client, transactional_db, tmp_path
):
    """Nothing caches the probe's answer: a 200 after a 503 and the other
    way round, at the same URL."""
    assert client.get(HEALTH).status_code == 200
    with database_gone(tmp_path):
        assert client.get(HEALTH).status_code == 503
    assert client.get(HEALTH).status_code == 200


def test_health_names_no_part_to_an_outside_caller(client, unreachable_database):
    response = client.get(HEALTH, REMOTE_ADDR=OUTSIDE)
    assert response.status_code == 503
    assert response.json() == {"status": "error"}


def test_health_names_the_part_to_a_caller_with_the_token(
    client, unreachable_database, settings
):
    settings.PORTAL_HEALTH_TOKEN = "monitoring-secret"
    wrong = client.get(HEALTH, REMOTE_ADDR=OUTSIDE, HTTP_X_HEALTH_TOKEN="guess")
    assert wrong.json() == {"status": "error"}
    right = client.get(
        HEALTH, REMOTE_ADDR=OUTSIDE, HTTP_X_HEALTH_TOKEN="monitoring-secret"
    )
    assert right.json()["checks"]["database"] == "error"


def test_a_proxy_on_loopback_does_not_make_every_visitor_local(client, db, settings):
    """Behind nginx on the same machine REMOTE_ADDR is 127.0.0.1; the
    visitor is the forwarded address."""
    settings.PORTAL_PROXY_COUNT = 1
    response = client.get(HEALTH, HTTP_X_FORWARDED_FOR=OUTSIDE)
    assert response.json() == {"status": "ok"}


def test_health_is_not_a_cached_page_and_leaves_pages_cached(client, db):
    """The probe neither is stored by the page cache nor disturbs it: a
    page cached before the probe is still served from the cache after it."""
    make_news_item(title="Nová metodika")
    client.get("/aktuality/")
    client.get(HEALTH)
    response = client.get("/aktuality/")
    assert "ETag" in response
    assert "ETag" not in client.get(HEALTH)


def run_python(code, **env):
    """A fresh interpreter with the project's settings, as gunicorn starts."""
    environment = {
        key: value for key, value in os.environ.items() if not key.startswith("SENTRY")
    }
    environment.update(DJANGO_SETTINGS_MODULE="portal.settings", **env)
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


REPORT_OPTIONS = """
import django, json, sentry_sdk
django.setup()
client = sentry_sdk.get_client()
options = client.options if client.is_active() else {}
print(json.dumps({
    "active": client.is_active(),
    "send_default_pii": options.get("send_default_pii"),
    "include_local_variables": options.get("include_local_variables"),
    "max_request_body_size": options.get("max_request_body_size"),
    "before_send": getattr(options.get("before_send"), "__module__", None),
}))
"""


def test_no_error_reporting_without_a_dsn():
    assert json.loads(run_python(REPORT_OPTIONS))["active"] is False


def test_error_reporting_with_a_dsn_sends_no_personal_data():
    options = json.loads(
        run_python(REPORT_OPTIONS, SENTRY_DSN=f"http://key@127.0.0.1:{closed_port()}/1")
    )
    assert options == {
        "active": True,
        "send_default_pii": False,
        "include_local_variables": False,
        "max_request_body_size": "never",
        "before_send": "portal.monitoring",
    }


class Collector(BaseHTTPRequestHandler):
    received = []

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        encoding = self.headers.get("Content-Encoding", "")
        if encoding == "gzip":
            body = gzip.decompress(body)
        elif encoding == "deflate":
            body = zlib.decompress(body)
        self.received.append((encoding, body))
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


SEND_ERROR = """
import django, sentry_sdk
django.setup()
sentry_sdk.set_user({"email": "jana@example.cz", "ip_address": "203.0.113.9"})
try:
    raise ValueError("Zprávu od jana.novakova@example.cz nešlo uložit")
except ValueError:
    sentry_sdk.capture_exception()
sentry_sdk.flush(5)
"""


def test_a_reported_error_reaches_the_service_without_addresses():
    """A real report to a collector on loopback: the error arrives, the
    e-mail addresses and the client's address do not."""
    Collector.received = []
    server = HTTPServer(("127.0.0.1", 0), Collector)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        run_python(
            SEND_ERROR,
            SENTRY_DSN=f"http://key@127.0.0.1:{server.server_address[1]}/1",
        )
    finally:
        server.shutdown()
    bodies = b"".join(body for encoding, body in Collector.received)
    assert {encoding for encoding, body in Collector.received} <= {
        "",
        "gzip",
        "deflate",
    }
    assert b"ValueError" in bodies
    assert b"example.cz" not in bodies
    assert b"203.0.113.9" not in bodies
