"""`make bench`: each public page type against the bare-Django floor.

Starts gunicorn (2 workers, production settings, DEBUG off) on 127.0.0.1
against a fresh PostgreSQL database with the demo content, drives it with
wrk for a bounded time per URL and prints requests/s, p50, p99, SQL
queries and response bytes, with each page's ratio to the floor. Traffic
goes only to 127.0.0.1. Writes the table to docs/performance.md.
"""

import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PY = str(ROOT / ".venv" / "bin" / "python")
PORT = int(os.environ.get("BENCH_PORT", 8299))
DURATION = os.environ.get("BENCH_DURATION", "8s")
CONNECTIONS = os.environ.get("BENCH_CONNECTIONS", "16")
PAGES = [
    ("floor (bare Django, no DB)", "/bench/floor/"),
    ("home", "/"),
    (
        "document list, 2 filters",
        "/dokumenty/?archiv=vse&category=zpravy-o-stavu-mensiny",
    ),
    ("document detail", "/dokumenty/preventivni-brozura-pro-cizince/"),
    ("news list", "/aktuality/"),
    ("news detail", "/aktuality/preventivni-brozura-pro-cizince/"),
    ("search, common word", "/hledat/?q=romske"),
    (
        "programme detail",
        "/dotace/podpora-integrace-narodnostnich-mensin-a-cizincu-2020/",
    ),
    (
        "project detail",
        "/projekty/podpora-socialni-integrace-romskych-lokalit-vysocina/",
    ),
    ("news feed (Atom)", "/aktuality/atom/"),
]


def run(*args, env):
    subprocess.run(args, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)


def wrk(url):
    output = subprocess.run(
        ["wrk", "-t2", f"-c{CONNECTIONS}", f"-d{DURATION}", "--latency", url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", output)

    def percentile(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    return (
        rps,
        percentile("50"),
        percentile("99"),
        int(errors.group(1)) if errors else 0,
    )


def queries_and_bytes(env):
    """SQL queries and bytes per page, from the test client in-process."""
    script = (
        "import django, json, os; django.setup()\n"
        "from django.db import connection\n"
        "from django.test import Client\n"
        "from django.test.utils import CaptureQueriesContext\n"
        "client = Client(); result = {}\n"
        f"for path in {[path for _, path in PAGES]!r}:\n"
        "    client.get(path)\n"
        "    with CaptureQueriesContext(connection) as ctx:\n"
        "        response = client.get(path)\n"
        "    result[path] = [len(ctx.captured_queries), len(response.content)]\n"
        "print(json.dumps(result))\n"
    )
    out = subprocess.run(
        [PY, "-c", script],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    import json

    return json.loads(out.stdout.strip().splitlines()[-1])


def main():
    if not shutil.which("wrk"):
        print("wrk chybí, instaluji: apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    database = f"osv_bench_{int(time.time())}"
    static = tempfile.mkdtemp()
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/{database}",
        "DATABASE_CONN_MAX_AGE": "60",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
        "DJANGO_STATIC_ROOT": static,
        "DJANGO_MEDIA_ROOT": tempfile.mkdtemp(),
        "PORTAL_BENCH": "1",
        "LOG_LEVEL": "WARNING",
    }
    subprocess.run(
        ["createdb", "-h", "127.0.0.1", "-U", "postgres", database], check=True
    )
    server = None
    try:
        run(PY, "manage.py", "migrate", "--noinput", env=env)
        run(PY, "manage.py", "load_demo", env=env)
        run(PY, "manage.py", "collectstatic", "--noinput", env=env)
        server = subprocess.Popen(
            [
                str(ROOT / ".venv" / "bin" / "gunicorn"),
                "portal.wsgi",
                "-w",
                "2",
                "-b",
                f"127.0.0.1:{PORT}",
                "--log-level",
                "warning",
                "--access-logfile",
                "/dev/null",
            ],
            cwd=ROOT,
            env=env,
        )
        for _ in range(50):
            try:
                urllib.request.urlopen(
                    f"http://127.0.0.1:{PORT}/bench/floor/", timeout=1
                )
                break
            except OSError:
                time.sleep(0.2)
        counts = queries_and_bytes(env)
        rows = []
        for name, path in PAGES:
            rps, p50, p99, errors = wrk(f"http://127.0.0.1:{PORT}{path}")
            rows.append((name, path, rps, p50, p99, errors, *counts[path]))
            print(f"{name:32} {rps:8.1f} req/s  p50 {p50:6.1f} ms  p99 {p99:6.1f} ms")
    finally:
        if server:
            server.send_signal(signal.SIGTERM)
            server.wait(timeout=20)
        subprocess.run(
            ["dropdb", "-h", "127.0.0.1", "-U", "postgres", "--if-exists", database]
        )
        shutil.rmtree(static, ignore_errors=True)
    floor = rows[0][2]
    lines = [
        "| page | req/s | × floor | p50 ms | p99 ms | non-2xx | SQL queries | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, _path, rps, p50, p99, errors, queries, size in rows:
        lines.append(
            f"| {name} | {rps:.1f} | {rps / floor:.2f} | {p50:.1f} | {p99:.1f} | {errors} | {queries} | {size} |"
        )
    table = "\n".join(lines)
    print("\n" + table)
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    report = ROOT / "docs" / "performance.md"
    report.parent.mkdir(exist_ok=True)
    report.write_text(
        "# Performance\n\n"
        f"Measured by `make bench` on {date.today():%d. %m. %Y}: {os.cpu_count()} cores ({cpu}), "
        f"Python {platform.python_version()}, PostgreSQL on 127.0.0.1, gunicorn with 2 sync workers, "
        f"DEBUG off, wrk -t2 -c{CONNECTIONS} -d{DURATION} per page, demo content only "
        "(no bulk data generator yet), no page cache (every request renders).\n\n"
        f"{table}\n\n"
        "Targets of issue 10 (not yet met or not yet measured): ≥ 0.7 × floor warm (needs the page cache, "
        "not built), p99 ≤ 100 ms cold at the bulk data size (bulk data not built), search p99 ≤ 150 ms at "
        "50 000 documents (not measured), ≤ 12 SQL queries per public page (see the table; constant "
        "counts are asserted in the tests).\n"
    )
    print(f"\nZapsáno do {report.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
