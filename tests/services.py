"""Real services for the tests that need them: a Redis server of the test's
own (so that it can be stopped), PostgreSQL on 127.0.0.1, free ports."""

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager

import pytest

POSTGRES = os.environ.get("PORTAL_TEST_POSTGRES", "postgres://postgres@127.0.0.1:5432")


def missing(message):
    """In CI a missing service fails the run; on a developer's machine
    without it the tests that need it are reported as not run."""
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port}")


@contextmanager
def redis_server():
    """A redis-server of this test's own on a free port; yields the process
    and its URL."""
    binary = shutil.which("redis-server")
    if not binary:
        missing("redis-server chybí; nainstalujte ho: apt-get install -y redis-server")
    port = free_port()
    process = subprocess.Popen(
        [
            binary,
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port)
        yield process, f"redis://127.0.0.1:{port}/0"
    finally:
        process.kill()
        process.wait()


def postgres_database(name):
    """A fresh PostgreSQL database; its URL."""
    try:
        import psycopg2

        connection = psycopg2.connect(f"{POSTGRES}/postgres", connect_timeout=3)
    except Exception as error:  # noqa: BLE001 - any failure means "not here"
        missing(f"PostgreSQL na {POSTGRES} není k dispozici: {error}")
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}"')
        cursor.execute(f'CREATE DATABASE "{name}"')
    connection.close()
    return f"{POSTGRES}/{name}"


def drop_postgres_database(name):
    import psycopg2

    connection = psycopg2.connect(f"{POSTGRES}/postgres", connect_timeout=3)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    connection.close()
