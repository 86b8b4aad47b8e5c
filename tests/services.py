"""Real services for the tests that need them: a Redis server of the test's
own (so that it can be stopped), free ports, and the rule for what is
missing."""

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
