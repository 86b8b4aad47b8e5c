"""Settings come from the environment; each case imports them afresh in a
subprocess with exactly the variables given."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import json
from portal import settings as s
print(json.dumps({
    "debug": s.DEBUG,
    "engine": s.DATABASES["default"]["ENGINE"],
    "name": str(s.DATABASES["default"]["NAME"]),
    "conn_max_age": s.DATABASES["default"]["CONN_MAX_AGE"],
    "health_checks": s.DATABASES["default"]["CONN_HEALTH_CHECKS"],
    "hosts": s.ALLOWED_HOSTS,
    "cache": s.CACHES["default"]["BACKEND"],
    "media": str(s.MEDIA_ROOT),
    "secret": s.SECRET_KEY,
    "email": s.EMAIL_BACKEND,
    "hsts": s.SECURE_HSTS_SECONDS,
    "language": s.LANGUAGE_CODE,
    "tz": s.TIME_ZONE,
    "use_tz": s.USE_TZ,
    "static": s.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def load_settings(tmp_path, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "REDIS_", "AWS_"))
    }
    clean["DJANGO_VAR_DIR"] = str(tmp_path / "var")
    clean.update(env)
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_fresh_checkout_runs_on_sqlite_with_debug_off(tmp_path):
    settings = load_settings(tmp_path)
    assert settings["engine"] == "django.db.backends.sqlite3"
    assert settings["name"].endswith("db.sqlite3")
    assert settings["debug"] is False
    assert settings["language"] == "cs"
    assert settings["tz"] == "Europe/Prague"
    assert settings["use_tz"] is True
    assert settings["cache"].endswith("LocMemCache")
    assert (
        settings["static"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )


def test_generated_secret_key_is_stable_per_checkout_and_not_in_the_repo(tmp_path):
    first = load_settings(tmp_path)["secret"]
    second = load_settings(tmp_path)["secret"]
    assert first == second and len(first) >= 50
    assert (tmp_path / "var" / "secret_key").exists()


def test_database_url_switches_to_postgresql(tmp_path):
    settings = load_settings(
        tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal"
    )
    assert settings["engine"] == "django.db.backends.postgresql"
    assert settings["name"] == "portal"


def test_production_keeps_database_connections_open(tmp_path):
    """Without debug mode a worker reuses its connection for a minute; the
    page cache, not a `SELECT 1` per request, replaces one the database
    server has closed (tests/pagecache/test_pagecache.py)."""
    settings = load_settings(
        tmp_path, DATABASE_URL="postgres://postgres@127.0.0.1:5432/portal"
    )
    assert settings["conn_max_age"] == 60
    assert settings["health_checks"] is False


def test_debug_mode_closes_the_connection_after_each_request(tmp_path):
    settings = load_settings(tmp_path, DJANGO_DEBUG="1")
    assert settings["conn_max_age"] == 0


def test_connection_settings_can_be_overridden(tmp_path):
    settings = load_settings(
        tmp_path, DATABASE_CONN_MAX_AGE="0", DATABASE_CONN_HEALTH_CHECKS="1"
    )
    assert settings["conn_max_age"] == 0
    assert settings["health_checks"] is True


@pytest.mark.parametrize(
    ("value", "expected"),
    [("1", True), ("true", True), ("0", False), ("", False), ("no", False)],
)
def test_debug_is_on_only_when_asked_for(tmp_path, value, expected):
    assert load_settings(tmp_path, DJANGO_DEBUG=value)["debug"] is expected


def test_production_variables_are_read(tmp_path):
    settings = load_settings(
        tmp_path,
        DJANGO_SECRET_KEY="x" * 60,
        DJANGO_ALLOWED_HOSTS="socialni.kraj.example, www.socialni.kraj.example",
        DJANGO_MEDIA_ROOT=str(tmp_path / "uploads"),
        DJANGO_EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        REDIS_URL="redis://127.0.0.1:6379/1",
        DJANGO_HTTPS="1",
    )
    assert settings["secret"] == "x" * 60
    assert settings["hosts"] == ["socialni.kraj.example", "www.socialni.kraj.example"]
    assert settings["media"] == str(tmp_path / "uploads")
    assert settings["email"].endswith("smtp.EmailBackend")
    assert settings["cache"].endswith("RedisCache")
    assert settings["hsts"] == 31536000
