"""`make bench`: the README's production recipe, measured the way visitors
and crawlers ask, against the framework floor in the same run. Writes
docs/performance.md (the method and the latest tables).

- Data: a fresh PostgreSQL database with the demo content and
  `generate_bulk` at its defaults (50 000 documents, 20 000 news items,
  500 programmes with 20 000 awards, 500 projects, 2 000 organisations),
  or BENCH_DATABASE_URL's, filled before.
- The portal runs exactly as the README's Production section has it:
  DJANGO_DEBUG=0, DJANGO_HTTPS=0 (loopback), every other setting at its
  default, `gunicorn portal.wsgi -w 2` in the project root (gunicorn.conf.py
  is read by gunicorn itself).
- The floor is ../shared/bench/floor.py, served beside the portal by
  `gunicorn --chdir ../shared/bench -w 2 floor:application`.
- *Crawl*: for each page type a pool of distinct real URLs (detail pages
  from the sitemap, list pages by page number and by filter, searches for
  words of the site's own text), shuffled, each asked exactly once by wrk
  at 8 connections (the Lua script stops when the pool is spent): what a
  search engine, or the first visitors after an edit, cost. The floor is
  measured before and after the crawl.
- *Cached*: one URL of each page type, asked again and again once it is
  in the cache; three rounds, each of the floor and then every page type
  in turn, so that each page's ratio to the floor is the median of three
  measured minutes apart on a machine shared with others.
- A load run (200 connections rotating over five pages) and the memory a
  200 MB download takes, as before.

Nothing here is part of `make test`. Traffic stays on 127.0.0.1.
"""

import json
import os
import platform
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import contextmanager
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from servers import (  # noqa: E402
    GUNICORN,
    POSTGRES,
    PY,
    ROOT,
    manage,
    site,
    wait_until_up,
)

PORT = int(os.environ.get("BENCH_PORT", 8299))
FLOOR_PORT = PORT + 1
FLOOR_DIR = Path(os.environ.get("BENCH_FLOOR_DIR", ROOT.parent / "shared" / "bench"))
WORKERS = 2
CONNECTIONS = 8
# Each cached run; three rounds of them.
DURATION = os.environ.get("BENCH_DURATION", "5s")
ROUNDS = 3
# The longest a crawl of one page type runs; a smaller pool ends sooner.
CRAWL_DURATION = os.environ.get("BENCH_CRAWL_DURATION", "15s")
POOL = int(os.environ.get("BENCH_POOL", 3000))  # URLs per page type at most
SEARCH_WORDS = int(os.environ.get("BENCH_SEARCH_WORDS", 400))
LOAD_CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "200"))
LOAD_DURATION = os.environ.get("BENCH_LOAD_DURATION", "30s")
BULK = os.environ.get("BENCH_BULK", "")  # e.g. "--documents=5000" for a quick run
BIG_FILE_MB = 200
CACHED_TARGET = 0.8
# The heading of docs/performance.md's section that scripts/cold_pages.py
# measures; a bench run keeps it.
COLD_PAGES = "## Cold pages in process"

# The pools: every URL a crawler finds, by page type. Detail pages come
# from the sitemap as a crawler reads it; list pages by page number and by
# each filter value; searches for words of the items' own text.
POOLS = r"""
import json, random, re, sys, django; django.setup()
from urllib.parse import quote
from django.test import Client
from documents.models import Category, Document
from grants.models import Programme
from news.models import NewsItem
from portal.models import Topic
from portal.search import SearchEntry
from portal.views import FilteredListView
from projects.models import Project

pool_size, word_count = int(sys.argv[1]), int(sys.argv[2])
shuffle = random.Random(35).shuffle
client = Client()
index = client.get("/sitemap.xml").content.decode()
found = []
for section in re.findall(r"<loc>https?://[^/]+(/[^<]*)</loc>", index):
    found += re.findall(
        r"<loc>https?://[^/]+(/[^<]*)</loc>", client.get(section).content.decode()
    )


def details(prefix, exclude=()):
    pattern = re.compile(rf"^{prefix}[^/]+/$")
    urls = [u for u in dict.fromkeys(found) if pattern.match(u) and u not in exclude]
    shuffle(urls)
    return urls[:pool_size]


def pages(path, count, per_page, **filters):
    query = "".join(f"{name}={value}&" for name, value in filters.items())
    # A list goes back max_pages pages; older items are found by filters.
    last = max(1, min(-(-count // per_page), FilteredListView.max_pages))
    return [f"{path}?{query}page={number}" for number in range(1, last + 1)]


def listing(path, queryset, per_page, filters):
    urls = pages(path, queryset.count(), per_page)
    for name, values in filters.items():
        for value, narrowed in values:
            urls += pages(path, narrowed.count(), per_page, **{name: value})
    shuffle(urls)
    return urls[:pool_size]


def topics(queryset):
    used = Topic.objects.filter(pk__in=queryset.values("topics"))
    return [(t.slug, queryset.filter(topics=t)) for t in used]


def years(queryset, field):
    values = queryset.dates(field, "year") if field == "publish_at" else (
        queryset.values_list(field, flat=True).distinct()
    )
    years = sorted({getattr(v, "year", v) for v in values if v})
    lookup = f"{field}__year" if field == "publish_at" else field
    return [(y, queryset.filter(**{lookup: y})) for y in years]


documents = Document.objects.current()
news = NewsItem.objects.published()
programmes = Programme.objects.published()
projects = Project.objects.published()
entries = SearchEntry.objects.filter(language="cs").order_by("pk")
text = " ".join(f"{title} {body[:2000]}" for title, body in
                entries.values_list("title", "body")[:5000])
words = sorted({w.lower() for w in re.findall(r"[^\W\d_]{5,}", text)})
shuffle(words)
print(json.dumps({
    "document list": listing("/dokumenty/", documents, 20, {
        "category": [(c.slug, documents.filter(category=c)) for c in Category.objects.all()],
        "year": years(documents, "year"),
        "topic": topics(documents),
    }),
    "document detail": details("/dokumenty/", {"/dokumenty/pro-obce/"}),
    "news list": listing("/aktuality/", news, 15, {
        "topic": topics(news), "year": years(news, "publish_at"),
    }),
    "news detail": details("/aktuality/"),
    "search": [f"/hledat/?q={quote(w)}" for w in words[:word_count]],
    "programme list": listing("/dotace/", programmes, 20, {
        "year": years(programmes, "year"), "topic": topics(programmes),
    }),
    "programme detail": details("/dotace/"),
    "project list": listing("/projekty/", projects, 20, {"topic": topics(projects)}),
    "project detail": details("/projekty/"),
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

# Each URL of the pool once, in order. When all have been answered the
# thread stops and says how long that took: wrk itself waits for its full
# duration and divides by it.
CRAWL_SCRIPT = """
paths = {%s}
sent, answered = 0, 0
local function now_ms()
  local pipe = io.popen("date +%%s%%3N")
  local value = tonumber(pipe:read("*l"))
  pipe:close()
  return value
end
request = function()
  if sent == 0 then started = now_ms() end
  sent = sent + 1
  return wrk.format("GET", paths[((sent - 1) %% #paths) + 1])
end
response = function(status, headers, body)
  answered = answered + 1
  if answered == #paths then
    io.write(string.format("crawl: %%d answered in %%d ms\\n", answered, now_ms() - started))
    wrk.thread:stop()
  end
end
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


@contextmanager
def serve(command, env, port, *, cwd=ROOT, ready="/"):
    """A gunicorn master on 127.0.0.1:port (GUNICORN_BIND, as the README
    sets it), stopped afterwards."""
    env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
    process = subprocess.Popen(command, cwd=cwd, env=env)
    try:
        wait_until_up(port, ready)
        yield process
    finally:
        process.terminate()
        process.wait(timeout=30)


def portal_server(env, workers=WORKERS):
    """The README's command, run in the project root: gunicorn.conf.py is
    loaded by gunicorn itself."""
    return serve([GUNICORN, "portal.wsgi", "-w", str(workers)], env, PORT)


def floor_server():
    """The floor as its README serves it: gunicorn's defaults (sync workers,
    no recycling, no access log), which are what gunicorn.conf.py chooses
    too; started in its own folder, so no configuration file is read."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO", "GUNICORN"))
    }
    command = [GUNICORN, "--chdir", str(FLOOR_DIR), "-w", str(WORKERS)]
    command += ["-b", f"127.0.0.1:{FLOOR_PORT}", "floor:application"]
    return serve(command, env, FLOOR_PORT, cwd=FLOOR_DIR)


def wrk(url, connections, duration=DURATION, script=None):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{duration}", "--latency"]
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
    crawled = re.search(r"crawl: (\d+) answered in (\d+) ms", output)
    if crawled:  # the pool was spent before the duration
        answered, spent_ms = map(int, crawled.groups())
        rps = answered / (spent_ms / 1000)
    else:
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    return {
        "rps": rps,
        "p50": percentile("50"),
        "p99": percentile("99"),
        "requests": int(crawled.group(1)) if crawled else number(r"(\d+) requests in"),
        "non2xx": number(r"Non-2xx or 3xx responses: (\d+)"),
        "socket_errors": sum(map(int, errors.groups())) if errors else 0,
        "timeouts": int(errors.group(4)) if errors else 0,
    }


def errors(row):
    return row["non2xx"] + row["socket_errors"]


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
    with portal_server(env, workers=1) as server:
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


def mean(first, again):
    return {
        key: (first[key] + again[key]) / 2
        if key in ("rps", "p50", "p99")
        else first[key] + again[key]
        for key in first
    }


@contextmanager
def lua_script(text):
    script = Path(tempfile.mkstemp(suffix=".lua")[1])
    script.write_text(text)
    try:
        yield str(script)
    finally:
        script.unlink()


def run_load(env, paths):
    text = LOAD_SCRIPT % ", ".join(f'"{p}"' for p in paths)
    with lua_script(text) as script, portal_server(env):
        for path in paths:
            urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}").read()
        return wrk(
            f"http://127.0.0.1:{PORT}/",
            LOAD_CONNECTIONS,
            duration=LOAD_DURATION,
            script=script,
        )


def checkpoint(database_url):
    import psycopg2

    connection = psycopg2.connect(database_url)
    connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
    connection.close()
    subprocess.run(["sync"], check=False)


def require_tools():
    if not (FLOOR_DIR / "floor.py").exists():
        raise SystemExit(
            f"Chybí měřítko {FLOOR_DIR / 'floor.py'}: make bench měří proti "
            "../shared/bench/floor.py vedle repozitáře (nebo nastavte "
            "BENCH_FLOOR_DIR na složku s floor.py)."
        )
    if not shutil.which("wrk"):
        print("wrk chybí, instaluji: apt-get install -y wrk")
        subprocess.run(["apt-get", "install", "-y", "-qq", "wrk"], check=True)
    import psycopg2

    try:
        psycopg2.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except psycopg2.OperationalError as error:
        raise SystemExit(
            f"PostgreSQL na 127.0.0.1:5432 není k dispozici: {error}"
        ) from None


def recipe(env):
    """The README's production environment: only what a deployment must set
    (secret, hosts, database, file locations) besides DJANGO_DEBUG=0 and
    DJANGO_HTTPS=0; nothing else the portal reads."""
    keep = {
        "DJANGO_SETTINGS_MODULE",
        "DJANGO_SECRET_KEY",
        "DJANGO_ALLOWED_HOSTS",
        "DATABASE_URL",
        "DJANGO_STATIC_ROOT",
        "DJANGO_MEDIA_ROOT",
        "DJANGO_PRIVATE_ROOT",
    }
    clean = {
        key: value
        for key, value in env.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "PORTAL_", "REDIS_"))
        and not key.startswith(("GUNICORN_", "CACHE_URL", "LOG_"))
    }
    return {
        **clean,
        **{key: env[key] for key in keep},
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
    }


@contextmanager
def bulk_site():
    """A fresh database with the bulk data, or BENCH_DATABASE_URL's (one
    that generate_bulk has filled before) to measure again without waiting
    for the data. Yields the environment and the generating time."""
    existing = os.environ.get("BENCH_DATABASE_URL")
    if existing:
        with tempfile.TemporaryDirectory(prefix="osv_bench-") as folder:
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "portal.settings",
                "DATABASE_URL": existing,
                "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
                "DJANGO_ALLOWED_HOSTS": "127.0.0.1,testserver",
                "DJANGO_STATIC_ROOT": f"{folder}/static",
                "DJANGO_MEDIA_ROOT": f"{folder}/media",
                "DJANGO_PRIVATE_ROOT": f"{folder}/private",
            }
            env = recipe(env)
            manage(env, "collectstatic", "--noinput")
            yield env, None
        return
    with site("osv_bench") as site_env:
        env = recipe(site_env)
        started = time.monotonic()
        print("Generuji hromadná data (generate_bulk)…")
        manage(env, "generate_bulk", *BULK.split(), quiet=False)
        bulk_seconds = time.monotonic() - started
        # Write the freshly loaded data out now, so that a checkpoint does not
        # stall the measurements that follow.
        checkpoint(env["DATABASE_URL"])
        yield env, bulk_seconds


def show(name, row, floor=None):
    ratio = f"  {row['rps'] / floor:5.2f} × floor" if floor else ""
    print(
        f"  {name:28} {row['rps']:8.1f} req/s  p50 {row['p50']:6.1f} ms  "
        f"p99 {row['p99']:6.1f} ms  chyby {errors(row)}{ratio}"
    )


def lua_paths(paths):
    return ", ".join(f'"{path}"' for path in paths)


def crawl(pools):
    """Each page type's pool, each URL once, at 8 connections, on a server
    whose cache holds none of them; the floor before and after."""
    floor_url = f"http://127.0.0.1:{FLOOR_PORT}/"
    results = {}
    with portal_server(ENV):
        wrk(f"http://127.0.0.1:{PORT}/robots.txt", CONNECTIONS, duration="3s")
        floor_before = wrk(floor_url, CONNECTIONS)
        for name, paths in pools.items():
            with lua_script(CRAWL_SCRIPT % lua_paths(paths)) as script:
                row = wrk(
                    f"http://127.0.0.1:{PORT}/",
                    CONNECTIONS,
                    duration=CRAWL_DURATION,
                    script=script,
                )
            # Requests sent after the pool was spent (at most one per
            # connection) ask its first URLs again: none is a fresh crawl.
            row["pool"] = len(paths)
            results[name] = row
            show(name, row, floor_before["rps"])
        floor_after = wrk(floor_url, CONNECTIONS)
    results["floor"] = mean(floor_before, floor_after)
    show("floor (../shared/bench)", results["floor"])
    return results


def cached(pages):
    """Three rounds of the floor and then every page, each ratio measured
    against its own round's floor (the mean of the floor before and after
    the round); the median of the three per page."""
    floor_url = f"http://127.0.0.1:{FLOOR_PORT}/"
    rounds = []
    with portal_server(ENV):
        wrk(f"http://127.0.0.1:{PORT}{pages[0][1]}", CONNECTIONS, duration="3s")
        for _, path in pages:
            for _ in range(2 * WORKERS):  # each worker holds it
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}").read()
        floor = wrk(floor_url, CONNECTIONS)
        for number in range(ROUNDS):
            print(f" kolo {number + 1}:")
            rows = {
                name: wrk(f"http://127.0.0.1:{PORT}{path}", CONNECTIONS)
                for name, path in pages
            }
            floor_after = wrk(floor_url, CONNECTIONS)
            rows["floor"] = mean(floor, floor_after)
            floor = floor_after
            for name, row in rows.items():
                show(name, row, rows["floor"]["rps"])
            rounds.append(rows)
    return rounds


def median_row(rounds, name):
    ratios = [rows[name]["rps"] / rows["floor"]["rps"] for rows in rounds]
    return {
        "ratio": statistics.median(ratios),
        "ratios": ratios,
        "rps": statistics.median(rows[name]["rps"] for rows in rounds),
        "p99": statistics.median(rows[name]["p99"] for rows in rounds),
        "errors": sum(errors(rows[name]) for rows in rounds),
        "requests": sum(rows[name]["requests"] for rows in rounds),
    }


ENV = {}
LOAD_AT_START = []


def main():
    require_tools()
    # The machine is shared: the load before the run belongs beside the
    # figures as much as the load after it.
    LOAD_AT_START.extend(Path("/proc/loadavg").read_text().split()[:3])
    with bulk_site() as (env, bulk_seconds), floor_server():
        ENV.update(env)
        pools = python(env, POOLS, str(POOL), str(SEARCH_WORDS))
        pages = [
            ("home", "/"),
            ("document list", "/dokumenty/"),
            ("document list, a filter or page", pools["document list"][0]),
            ("document detail", pools["document detail"][0]),
            ("news list", "/aktuality/"),
            ("news detail", pools["news detail"][0]),
            ('search "romské"', "/hledat/?q=romsk%C3%A9"),
            ("programme list", "/dotace/"),
            ("programme detail", pools["programme detail"][0]),
            ("project detail", pools["project detail"][0]),
            ("news feed (Atom)", "/aktuality/atom/"),
            ("news list, English", "/en/aktuality/"),
        ]
        # The crawl asks none of the URLs the cached runs keep.
        kept = {path for _, path in pages}
        pools = {
            name: [p for p in paths if p not in kept] for name, paths in pools.items()
        }
        counts = python(env, QUERIES_AND_BYTES, json.dumps([p for _, p in pages]))
        print("Procházení (každá adresa jednou, nic z mezipaměti):")
        crawled = crawl(pools)
        print("Mezipaměť stránek (3 kola):")
        rounds = cached(pages)
        load_paths = ["/", "/dokumenty/", "/aktuality/", "/dotace/", "/projekty/"]
        print(f"Zátěž: {LOAD_CONNECTIONS} spojení, {LOAD_DURATION}…")
        load = run_load(env, load_paths)
        print(
            f"  {load['rps']:.1f} req/s, chyby {load['non2xx']}, timeouty {load['timeouts']}"
        )
        print(f"Paměť při stahování souboru {BIG_FILE_MB} MB…")
        memory = measure_big_file(env)
        print(f"  nárůst špičky paměti workeru: {memory['growth_mb']:.1f} MB")
    write_report(pages, counts, crawled, rounds, load, load_paths, memory, bulk_seconds)


def crawl_table(crawled):
    floor = crawled["floor"]
    lines = [
        "| page type | pool (distinct URLs) | requests | req/s | × floor "
        "| p50 / p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|",
        f"| floor (../shared/bench/floor.py) | 1 | {floor['requests']} "
        f"| {floor['rps']:.0f} | 1.000 | {floor['p50']:.1f} / {floor['p99']:.1f} "
        f"| {errors(floor)} |",
    ]
    for name, row in crawled.items():
        if name == "floor":
            continue
        lines.append(
            f"| {name} | {row['pool']} | {row['requests']} | {row['rps']:.0f} "
            f"| {row['rps'] / floor['rps']:.3f} | {row['p50']:.1f} / "
            f"{row['p99']:.1f} | {errors(row)} |"
        )
    return "\n".join(lines)


def cached_table(pages, counts, rounds):
    floors = [rows["floor"]["rps"] for rows in rounds]
    lines = [
        "| page | req/s (median) | × floor, median | × floor, each round "
        "| p99 ms | errors | SQL queries uncached | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| floor (../shared/bench/floor.py) | {statistics.median(floors):.0f} "
        f"| 1.00 | {' / '.join(f'{f:.0f}' for f in floors)} req/s | | | 0 | |",
    ]
    for name, path in pages:
        row = median_row(rounds, name)
        queries, size = counts[path]
        lines.append(
            f"| {name} | {row['rps']:.0f} | {row['ratio']:.2f} "
            f"| {' / '.join(f'{r:.2f}' for r in row['ratios'])} | {row['p99']:.1f} "
            f"| {row['errors']} | {queries} | {size} |"
        )
    return "\n".join(lines)


def targets(pages, rounds, load, memory):
    def verdict(ok):
        return "met" if ok else "**missed**"

    medians = {name: median_row(rounds, name) for name, _ in pages}
    lowest = min(medians, key=lambda name: medians[name]["ratio"])
    rows = [
        (
            f"every page cached ≥ {CACHED_TARGET} × floor (median of three)",
            f"lowest {medians[lowest]['ratio']:.2f} × ({lowest})",
            medians[lowest]["ratio"] >= CACHED_TARGET,
        ),
        (
            "200 MB file: worker memory + < 20 MB",
            f"+{memory['growth_mb']:.1f} MB peak ({memory['received_mb']:.0f} MB "
            "received)",
            memory["growth_mb"] < 20,
        ),
        (
            f"{LOAD_CONNECTIONS} connections for {LOAD_DURATION}: no errors, "
            "no timeouts",
            f"{load['requests']} requests, {load['rps']:.0f} req/s, p50 "
            f"{load['p50']:.0f} ms, p99 {load['p99']:.0f} ms, {load['non2xx']} "
            f"non-2xx, {load['socket_errors']} socket errors ({load['timeouts']} "
            "timeouts)",
            load["non2xx"] == 0 and load["socket_errors"] == 0,
        ),
    ]
    return "| target | measured | |\n|---|---|---|\n" + "\n".join(
        f"| {target} | {measured} | {verdict(ok)} |" for target, measured, ok in rows
    )


def write_report(
    pages, counts, crawled, rounds, load, load_paths, memory, bulk_seconds
):
    crawl_lines = crawl_table(crawled)
    cached_lines = cached_table(pages, counts, rounds)
    print("\n" + crawl_lines + "\n\n" + cached_lines)
    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    load_average = Path("/proc/loadavg").read_text().split()[:3]
    generated = f" (generated in {bulk_seconds:.0f} s)" if bulk_seconds else ""
    report = ROOT / "docs" / "performance.md"
    report.parent.mkdir(exist_ok=True)
    # The in-process section (scripts/cold_pages.py) is kept as it is.
    kept = ""
    if report.exists():
        old = report.read_text()
        if COLD_PAGES in old:
            kept = "\n" + old[old.index(COLD_PAGES) :]
    report.write_text(
        "# Performance\n\n"
        "## Method\n\n"
        "`make bench` (scripts/bench.py) runs the README's production recipe "
        "and nothing else: `DJANGO_DEBUG=0`, `DJANGO_HTTPS=0` (loopback), "
        f"`gunicorn portal.wsgi -w {WORKERS}` from the project root, which "
        "loads `gunicorn.conf.py`, on PostgreSQL with the demo content and "
        "`generate_bulk`'s defaults (50 000 documents, 20 000 news items, 500 "
        "programmes with 20 000 awards, 500 projects). Beside it, in the same "
        "run, the floor: `../shared/bench/floor.py` (a bare Django view, no "
        f"database, no portal middleware) under `gunicorn --chdir ../shared/bench -w {WORKERS} "
        "floor:application`. Every figure is also given as a ratio to the floor "
        "measured around it, since absolute figures on a shared two-core "
        "machine change from run to run. wrk -t1, 8 connections, on the same "
        "cores as the servers and the database.\n\n"
        "- **Crawl**: for each page type a pool of distinct real URLs: detail "
        "pages from the sitemap, list pages by page number and by each value "
        "of their filters, as deep as a list goes (50 pages; a page past that "
        "is a 404 that points to the filters), searches for words of the "
        "items' own text. The "
        "pool is shuffled and each URL asked exactly once (the Lua script stops "
        "wrk when every URL has been answered, or after "
        f"{CRAWL_DURATION}), on a server whose cache holds none of them: what "
        "a search engine or the first visitors after an edit cost. The floor "
        "is measured before and after the crawl.\n"
        "- **Cached**: one URL of each page type, in the cache, asked again and "
        f"again for {DURATION}; {ROUNDS} rounds of the floor and every page in "
        "turn, each page's ratio taken against its round's floor (the mean of "
        "the floor before and after the round), and the median of the three "
        "reported beside each round's ratio.\n"
        "- SQL queries and bytes per page come from Django's test client on "
        "the same data with the page cache off.\n\n"
        f"## Latest run: {date.today():%d. %m. %Y}\n\n"
        f"{os.cpu_count()} cores ({cpu}), Python {platform.python_version()}; "
        f"load average at the start {' / '.join(LOAD_AT_START)}, at the end "
        f"{' / '.join(load_average)} (other developers share the machine). Data: the demo content and `generate_bulk`'s "
        f"defaults{generated}.\n\n"
        f"### Crawl, 8 connections\n\n{crawl_lines}\n\n"
        f"### Cached, 8 connections\n\n{cached_lines}\n\n"
        f"### Targets\n\n{targets(pages, rounds, load, memory)}\n\n"
        f"The load run rotates over {', '.join(load_paths)} with the page cache "
        "as configured by default.\n" + kept
    )
    print(f"\nZapsáno do {report.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
