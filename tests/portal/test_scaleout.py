"""Two gunicorn processes on loopback, one PostgreSQL, one Redis: one site
(scripts/scaleout.py makes the checks over real HTTP)."""

import os
import subprocess
import sys
from pathlib import Path

from tests.services import POSTGRES, free_port, missing

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("SCALEOUT_REDIS_URL", "redis://127.0.0.1:6379/7")


def reachable():
    import psycopg2
    import redis

    try:
        psycopg2.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        missing(f"PostgreSQL na {POSTGRES} není k dispozici: {error}")
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        missing(f"Redis na {REDIS_URL} není k dispozici: {error}")


def test_two_app_servers_behave_as_one_site():
    reachable()
    result = subprocess.run(
        [sys.executable, "scripts/scaleout.py"],
        cwd=ROOT,
        env={
            **os.environ,
            "SCALEOUT_PORT_A": str(free_port()),
            "SCALEOUT_PORT_B": str(free_port()),
            "SCALEOUT_REDIS_URL": REDIS_URL,
        },
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    for check in (
        "změna na serveru A je hned vidět na serveru B",
        "změna na serveru B je hned vidět na serveru A",
        "přihlášení platí i na serveru B",
        "počítadlo stažení sečte oba servery (10 z 10)",
        "návštěvy ze dvou serverů se sčítají",
        "kontaktní stránka projektu z cache dává každému návštěvníkovi vlastní token",
        "kontaktní formulář bez tokenu je odmítnut (403)",
        "kontaktní formulář s tokenem ze serveru B projde na serveru A",
        "nezměněný kanál odpoví 304 na obou serverech ([304, 304, 304, 304, 304])",
    ):
        assert f"ok  {check}" in result.stdout
