"""App servers on loopback for `make bench` and the scale-out check: a fresh
PostgreSQL database, production settings (DEBUG off, hashed static files)
and gunicorn processes. Only 127.0.0.1 is used."""

import os
import secrets
import shutil
import subprocess
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
POSTGRES = os.environ.get("PORTAL_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def manage(env, *args, quiet=True):
    subprocess.run(
        [PY, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL if quiet else None,
    )


def _admin_sql(statement):
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/postgres", connect_timeout=5)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(statement)
    connection.close()


@contextmanager
def site(name, *, redis_url="", demo=True, extra_env=None):
    """A fresh database migrated (with the demo content) and the production
    environment to run servers on it; everything is removed afterwards."""
    database = f"{name}_{os.getpid()}_{int(time.time())}"
    _admin_sql(f'CREATE DATABASE "{database}"')
    folder = Path(tempfile.mkdtemp(prefix=f"{name}-"))
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": f"{POSTGRES}/{database}",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_STATIC_ROOT": str(folder / "static"),
        "DJANGO_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_PRIVATE_ROOT": str(folder / "private"),
        "REDIS_URL": redis_url,
        "LOG_LEVEL": "WARNING",
        **(extra_env or {}),
    }
    try:
        manage(env, "migrate", "--noinput")
        if demo:
            manage(env, "load_demo")
        manage(env, "collectstatic", "--noinput")
        yield env
    finally:
        _admin_sql(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        shutil.rmtree(folder, ignore_errors=True)


def wait_until_up(port, path="/robots.txt", timeout=30.0):
    deadline = time.monotonic() + timeout
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=2)
            return
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@contextmanager
def gunicorn(env, port, workers=2):
    """gunicorn with sync workers on 127.0.0.1:port, without an access log."""
    process = subprocess.Popen(
        [
            GUNICORN,
            "portal.wsgi",
            "-w",
            str(workers),
            "-b",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_until_up(port)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)
