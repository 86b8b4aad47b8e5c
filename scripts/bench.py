"""`make bench`: every public page type against the bare-Django floor, at
the bulk data size, cold and warm; a 200-connection load run; the memory a
worker needs to serve a 200 MB file. Writes docs/performance.md.

- Data: a fresh PostgreSQL database with the demo content and
  `generate_bulk` at its defaults (50 000 documents, 20 000 news items,
  500 programmes with 20 000 awards, 500 projects, 2 000 organisations).
- Servers: gunicorn, 2 sync workers, production settings, DEBUG off, on
  127.0.0.1 (scripts/servers.py). "Cold" runs with the page cache off, so
  every request renders; "warm" runs with the page cache in Redis.
- Load: wrk from Debian (installed when missing), bounded in time. Each
  page gets BENCH_DURATION with BENCH_CONNECTIONS connections; throughput
  is also given as a ratio to the floor, a minimal Django view that
  renders a small template without the database, measured in the same run
  under the same settings.
- SQL queries and bytes per page come from Django's test client against
  the same database (cold rendering).

Nothing here is part of `make test`. Traffic stays on 127.0.0.1.
"""

import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import POSTGRES, PY, ROOT, gunicorn, manage, site  # noqa: E402

PORT = int(os.environ.get("BENCH_PORT", 8299))
DURATION = os.environ.get("BENCH_DURATION", "8s")
# One connection per worker: both workers always busy (throughput) while a
# request never waits behind another (latency is the page's own); queueing
# under a crowd is what the 200-connection load run measures.
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "2"))
LOAD_CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "200"))
LOAD_DURATION = os.environ.get("BENCH_LOAD_DURATION", "60s")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
BULK = os.environ.get("BENCH_BULK", "")  # e.g. "--documents=5000" for a quick run
BIG_FILE_MB = 200
NOTES = "## Notes"

# Pages whose address depends on the generated data are found by a query.
PICK_URLS = """
import json, django; django.setup()
from django.db.models import Count
from documents.models import Category, Document
from grants.models import Programme
from news.models import NewsItem
from projects.models import Project
category = Category.objects.annotate(n=Count("documents")).order_by("-n").first()
bulk = {"slug__regex": r"-h[0-9]+$"}
programme = Programme.objects.annotate(n=Count("awards")).filter(n=100).first()
print(json.dumps({
    "document_list": f"/dokumenty/?category={category.slug}&year=2020",
    "document": Document.objects.current().filter(**bulk).order_by("pk").first().get_absolute_url(),
    "news": NewsItem.objects.published().filter(**bulk).order_by("pk").first().get_absolute_url(),
    "programme": programme.get_absolute_url(),
    "project": Project.objects.published().filter(**bulk).order_by("pk").first().get_absolute_url(),
}))
"""

QUERIES_AND_BYTES = """
import json, sys, django; django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
settings.PORTAL_PAGE_CACHE_SECONDS = 0
client = Client(); result = {}
for path in json.loads(sys.argv[1]):
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    result[path] = [len(ctx.captured_queries), len(response.content)]
print(json.dumps(result))
"""

BIG_FILE = """
import django, json, sys; django.setup()
from documents.models import Document, DocumentFile
document = Document.objects.current().first()
file = DocumentFile.objects.create(document=document, file=sys.argv[1], label="200 MB",
                                   original_name="velky.pdf", format="PDF")
print(json.dumps(file.get_absolute_url()))
"""

LOAD_SCRIPT = """
paths = {%s}
counter = 0
request = function()
  counter = counter + 1
  return wrk.format("GET", paths[(counter %% #paths) + 1])
end
"""


def python(env, script, *args):
    out = subprocess.run(
        [PY, "-c", script, *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def wrk(url, connections=CONNECTIONS, duration=DURATION, script=None):
    command = ["wrk", "-t2", f"-c{connections}", f"-d{duration}", "--latency"]
    command += ["--timeout", "10s"]
    if script:
        command += ["-s", script]
    output = subprocess.run(
        [*command, url], capture_output=True, text=True, check=True
    ).stdout

    def number(pattern):
        found = re.search(pattern, output)
        return int(found.group(1)) if found else 0

    def percentile(label):
        value, unit = re.search(rf"{label}%\s+([\d.]+)(us|ms|s)", output).groups()
        return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]

    errors = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": percentile("50"),
        "p99": percentile("99"),
        "requests": number(r"(\d+) requests in"),
        "non2xx": number(r"Non-2xx or 3xx responses: (\d+)"),
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
        "timeouts": int(errors.group(4)) if errors else 0,
    }


def worker_memory(server):
    """Peak and current resident memory (kB) of each gunicorn worker."""
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text()
    result = {}
    for pid in children.split():
        status = Path(f"/proc/{pid}/status").read_text()
        result[pid] = {
            key: int(re.search(rf"{key}:\s+(\d+) kB", status).group(1))
            for key in ("VmHWM", "VmRSS")
        }
    return result


def measure_big_file(env):
    """Serve a 200 MB file through one worker; how much its peak memory
    grows."""
    private = Path(env["DJANGO_PRIVATE_ROOT"])
    (private / "documents").mkdir(parents=True, exist_ok=True)
    name = "documents/velky-soubor.pdf"
    with open(private / name, "wb") as handle:
        handle.write(b"%PDF-1.7\n")
        chunk = os.urandom(1024 * 1024)
        for _ in range(BIG_FILE_MB):
            handle.write(chunk)
    url = python(env, BIG_FILE, name)
    with gunicorn(env, PORT, workers=1) as server:
        urllib.request.urlopen(f"http://127.0.0.1:{PORT}/robots.txt").read()
        before = worker_memory(server)
        received = 0
        with urllib.request.urlopen(f"http://127.0.0.1:{PORT}{url}") as response:
            while block := response.read(1024 * 1024):
                received += len(block)
        after = worker_memory(server)
    (pid,) = before
    return {
        "received_mb": received / 1024 / 1024,
        "peak_before_mb": before[pid]["VmHWM"] / 1024,
        "peak_after_mb": after[pid]["VmHWM"] / 1024,
        "growth_mb": (after[pid]["VmHWM"] - before[pid]["VmHWM"]) / 1024,
    }


def warm_up(path):
    """A first wrk run against fresh workers shows a tail of a few hundred
    ms that later runs do not (seen on the floor view itself); run one and
    throw it away."""
    wrk(f"http://127.0.0.1:{PORT}{path}", duration="3s")


def run_pages(env, pages):
    """Each page once; the floor (pages[0]) before and after the others, its
    figures the mean of both, so that one unlucky run on a shared 2-core
    machine does not skew every ratio."""
    results = {}
    floor_name, floor_path = pages[0]
    with gunicorn(env, PORT) as _server:
        warm_up(floor_path)
        for name, path in [*pages, (f"{floor_name} again", floor_path)]:
            url = f"http://127.0.0.1:{PORT}{path}"
            urllib.request.urlopen(url).read()  # fills the cache when on
            results[name] = row = wrk(url)
            print(
                f"  {name:34} {row['rps']:8.1f} req/s  p50 {row['p50']:6.1f} ms  "
                f"p99 {row['p99']:6.1f} ms  chyby {row['non2xx'] + row['socket_errors']}"
            )
    first, again = results[floor_name], results.pop(f"{floor_name} again")
    results[floor_name] = {
        key: (first[key] + again[key]) / 2
        if key in ("rps", "p50", "p99")
        else first[key] + again[key]
        for key in first
    }
    return results


def run_load(env, paths):
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(LOAD_SCRIPT % ", ".join(f'"{p}"' for p in paths))
    try:
        with gunicorn(env, PORT) as _server:
            warm_up(paths[0])
            for path in paths:
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}").read()
            return wrk(
                f"http://127.0.0.1:{PORT}/",
                connections=LOAD_CONNECTIONS,
                duration=LOAD_DURATION,
                script=str(script),
            )
    finally:
        script.unlink()


def checkpoint(database_url):
    import psycopg2

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
    connection.close()
    subprocess.run(["sync"], check=False)


def require_tools():
    if not shutil.which("wrk"):
        print("wrk chybí, instaluji: apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    import psycopg2
    import redis

    try:
        psycopg2.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL na 127.0.0.1:5432 není k dispozici: {error}"
        ) from None
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=1).flushdb()
    except redis.RedisError as error:
        raise SystemExit(f"Redis ({REDIS_URL}) není k dispozici: {error}") from None


def main():
    require_tools()
    with site("osv_bench", extra_env={"PORTAL_BENCH": "1"}) as env:
        started = time.monotonic()
        print("Generuji hromadná data (generate_bulk)…")
        manage(env, "generate_bulk", *BULK.split(), quiet=False)
        bulk_seconds = time.monotonic() - started
        # Write the freshly loaded data out now, so that a checkpoint does not
        # stall the measurements that follow.
        checkpoint(env["DATABASE_URL"])
        urls = python(env, PICK_URLS)
        pages = [
            ("floor (bare Django, no DB)", "/bench/floor/"),
            ("home", "/"),
            ("document list, 2 filters", urls["document_list"]),
            ("document detail", urls["document"]),
            ("news list", "/aktuality/"),
            ("news detail", urls["news"]),
            ("search, common word", "/hledat/?q=romske"),
            ("programme detail, 100 awards", urls["programme"]),
            ("project detail", urls["project"]),
            ("news feed (Atom)", "/aktuality/atom/"),
        ]
        counts = python(env, QUERIES_AND_BYTES, json.dumps([p for _, p in pages]))
        print("Studená mezipaměť (každý požadavek se vykresluje):")
        cold = run_pages({**env, "PORTAL_PAGE_CACHE_SECONDS": "0"}, pages)
        print("Teplá mezipaměť (stránky v Redis):")
        warm_env = {**env, "REDIS_URL": REDIS_URL}
        warm = run_pages(warm_env, pages)
        load_paths = ["/", "/dokumenty/", "/aktuality/", "/dotace/", "/projekty/"]
        print(f"Zátěž: {LOAD_CONNECTIONS} spojení, {LOAD_DURATION}…")
        load = run_load(warm_env, load_paths)
        print(
            f"  {load['rps']:.1f} req/s, chyby {load['non2xx']}, timeouty {load['timeouts']}"
        )
        print(f"Paměť při stahování souboru {BIG_FILE_MB} MB…")
        memory = measure_big_file(env)
        print(f"  nárůst špičky paměti workeru: {memory['growth_mb']:.1f} MB")
    write_report(pages, counts, cold, warm, load, load_paths, memory, bulk_seconds)


def write_report(pages, counts, cold, warm, load, load_paths, memory, bulk_seconds):
    floor_name = pages[0][0]
    cold_floor, warm_floor = cold[floor_name]["rps"], warm[floor_name]["rps"]
    lines = [
        "| page | warm req/s | × floor | warm p50 / p99 ms | cold req/s | × floor "
        "| cold p50 / p99 ms | errors | SQL queries | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for name, path in pages:
        w, c = warm[name], cold[name]
        queries, size = counts[path]
        errors = sum(r["non2xx"] + r["socket_errors"] for r in (w, c))
        lines.append(
            f"| {name} | {w['rps']:.0f} | {w['rps'] / warm_floor:.2f} "
            f"| {w['p50']:.1f} / {w['p99']:.1f} | {c['rps']:.0f} "
            f"| {c['rps'] / cold_floor:.2f} | {c['p50']:.1f} / {c['p99']:.1f} "
            f"| {errors} | {queries} | {size} |"
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
    pages_only = [name for name, _ in pages[1:]]
    warm_ratio = min(warm[n]["rps"] / warm_floor for n in pages_only)
    cold_ratio = min(cold[n]["rps"] / cold_floor for n in pages_only)
    worst_cold = max(cold[n]["p99"] for n in pages_only)
    search_p99 = cold["search, common word"]["p99"]
    max_queries = max(counts[p][0] for _, p in pages[1:])

    def verdict(ok):
        return "met" if ok else "**missed**"

    report = ROOT / "docs" / "performance.md"
    report.parent.mkdir(exist_ok=True)
    # The hand-written notes at the end survive a new measurement.
    old = report.read_text() if report.exists() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else ""
    report.write_text(
        "# Performance\n\n"
        f"Measured by `make bench` on {date.today():%d. %m. %Y}: {os.cpu_count()} cores "
        f"({cpu}), Python {platform.python_version()}, PostgreSQL and Redis on "
        "127.0.0.1, gunicorn with 2 sync workers, production settings, DEBUG off. "
        f"Data: demo content plus `generate_bulk` defaults (generated in "
        f"{bulk_seconds:.0f} s). Each page: wrk -t2 -c{CONNECTIONS} -d{DURATION}, one "
        "connection per worker, so both workers are always busy and no request "
        "waits behind another (queueing under a crowd is the load run's part); "
        "wrk runs on the same 2 cores as the servers and the databases.\n\n"
        "*Cold*: page cache off, every request renders. *Warm*: anonymous pages "
        "from the page cache in Redis (portal/pagecache.py). The floor is a bare "
        "Django view rendering a small template without the database, through the "
        "same middleware, measured before and after the pages in each mode (the "
        "mean of both). SQL queries: cold rendering, from "
        "Django's test client on the same data.\n\n"
        f"{table}\n\n"
        "## Targets\n\n"
        f"| target | measured | |\n|---|---|---|\n"
        f"| every page ≥ 0.7 × floor warm | lowest {warm_ratio:.2f} × | {verdict(warm_ratio >= 0.7)} |\n"
        f"| every page ≥ 0.15 × floor cold | lowest {cold_ratio:.2f} × | {verdict(cold_ratio >= 0.15)} |\n"
        f"| p99 ≤ 100 ms cold at the bulk size | worst {worst_cold:.1f} ms | {verdict(worst_cold <= 100)} |\n"
        f"| search p99 ≤ 150 ms at 50 000 documents | {search_p99:.1f} ms | {verdict(search_p99 <= 150)} |\n"
        f"| ≤ 12 SQL queries per page | at most {max_queries} | {verdict(max_queries <= 12)} |\n"
        f"| 200 MB file: worker memory + < 20 MB | +{memory['growth_mb']:.1f} MB peak "
        f"({memory['received_mb']:.0f} MB received) | {verdict(memory['growth_mb'] < 20)} |\n"
        f"| {LOAD_CONNECTIONS} connections for {LOAD_DURATION}: no errors, no timeouts "
        f"| {load['requests']} requests, {load['rps']:.0f} req/s, p50 {load['p50']:.0f} ms, "
        f"p99 {load['p99']:.0f} ms, {load['non2xx']} non-2xx, {load['socket_errors']} "
        f"socket errors ({load['timeouts']} timeouts) "
        f"| {verdict(load['non2xx'] == 0 and load['socket_errors'] == 0)} |\n\n"
        f"The load run rotates over {', '.join(load_paths)} with the page cache "
        "warm. The same constant query counts are asserted in the tests at small "
        "and large sizes (`make test`).\n" + (f"\n{notes}" if notes else "")
    )
    print(f"\nZapsáno do {report.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
