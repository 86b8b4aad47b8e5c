"""Whole sites outside the test database, for the operator's tests (backup
and restore, upgrade): a PostgreSQL database of their own, folders on disk,
manage.py and scripts/site_snapshot.py run as the IT department would run
them, in processes with the site's environment."""

import json
import os
import secrets
import shutil
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import pytest
from django.conf import settings

from tests.services import POSTGRES, missing

ROOT = Path(__file__).resolve().parent.parent


def postgresql_only():
    """These tests restore PostgreSQL dumps: the PostgreSQL run of the suite
    has them, the SQLite run leaves them out."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.postgresql":
        pytest.skip("zálohy a aktualizace se zkoušejí v běhu na PostgreSQL")
    for tool in ("pg_dump", "pg_restore", "psql", "sha256sum"):
        if not shutil.which(tool):
            missing(f"{tool} chybí; nainstalujte postgresql-client a coreutils")


def admin_sql(statement):
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/postgres", connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


@contextmanager
def database(name):
    """An empty database, dropped afterwards; yields its URL."""
    name = f"{name}_{os.getpid()}_{time.time_ns()}"
    admin_sql(f'CREATE DATABASE "{name}"')
    try:
        yield f"{POSTGRES}/{name}"
    finally:
        admin_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(database_url, folder, **extra):
    """Production settings on this database and these folders."""
    folder = Path(folder)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": database_url,
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_PRIVATE_ROOT": str(folder / "private"),
        "REDIS_URL": "",
        "LOG_LEVEL": "WARNING",
        **extra,
    }


def run(env, *command, **options):
    """A command in the project root; its output is in the failure."""
    result = subprocess.run(
        [str(part) for part in command],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=options.pop("timeout", 600),
        **options,
    )
    assert result.returncode == 0, (
        f"{command} skončil kódem {result.returncode}:\n"
        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result.stdout


def manage(env, *args):
    return run(env, sys.executable, "manage.py", *args)


def snapshot(env, *show):
    """What the site shows (scripts/site_snapshot.py)."""
    return json.loads(run(env, sys.executable, "scripts/site_snapshot.py", *show))
