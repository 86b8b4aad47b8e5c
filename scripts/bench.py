"""`make bench`: the README's production recipe, every public page type,
against the framework floor in the same run. Writes docs/performance.md.

- Data: a fresh PostgreSQL database with the demo content and
  `generate_bulk` at its defaults (50 000 documents, 20 000 news items,
  500 programmes with 20 000 awards, 500 projects, 2 000 organisations).
- The portal runs exactly as the README's Production section has it:
  DJANGO_DEBUG=0, DJANGO_HTTPS=0 (loopback), every other setting at its
  default, `gunicorn portal.wsgi -w 2` started in the project root, so that
  gunicorn loads gunicorn.conf.py by itself. The shared-cache row adds
  REDIS_URL and nothing else.
- The floor is ../shared/bench/floor.py (a bare Django view, no database,
  no portal middleware), served beside the portal by `gunicorn --chdir
  ../shared/bench -w 2 floor:application` (gunicorn's defaults, which
  gunicorn.conf.py matches), and measured before and after the pages of every mode (the mean of both).
- Load: wrk from Debian (installed when missing), -t1, at 8 connections
  and at one connection per worker, BENCH_DURATION each.
- *Cached*: the page cache as configured by default (local memory per
  worker), filled before the run. *Cold*: the same server, every request
  under a host name of its own (MISS_SCRIPT; DJANGO_ALLOWED_HOSTS, which a
  deployment sets anyway, admits them), so that none finds its page in
  the cache: what a visit costs for a page nobody asked for since a change
  of something it shows elsewhere, lookup and store included; pieces that
  several pages share and that did not change come from the cache. (A
  unique query string no longer makes a miss: parameters a view does not
  read share the cached page.)
- SQL queries and bytes per page come from Django's test client against
  the same database; "render after a change" is the in-process time of a
  render right after pagecache.bump(), when nothing can be reused.

Nothing here is part of `make test`. Traffic stays on 127.0.0.1.
"""

import json
import os
import platform
import re
import secrets
import shutil
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
DURATION = os.environ.get("BENCH_DURATION", "10s")
# 8 connections: requests queue behind each other as under real traffic;
# one per worker: each request's own latency.
CONNECTIONS = (8, WORKERS)
LOAD_CONNECTIONS = int(os.environ.get("BENCH_LOAD_CONNECTIONS", "200"))
LOAD_DURATION = os.environ.get("BENCH_LOAD_DURATION", "60s")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8")
BULK = os.environ.get("BENCH_BULK", "")  # e.g. "--documents=5000" for a quick run
BIG_FILE_MB = 200
# In-process renders per page for the "first render after a change" column.
RENDERS = int(os.environ.get("BENCH_RENDERS", 15))
NOTES = "## Notes"
# Targets in × floor at 8 connections (issue 17).
DETAIL_PAGES = {
    "document detail",
    "news detail",
    "programme detail, 100 awards",
    "project detail",
    "news feed (Atom)",
}

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
import json, sys, time, django; django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
import pagecache
client = Client(); result = {}
for path in json.loads(sys.argv[1]):
    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    client.get(path)
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    queries = len(ctx.captured_queries)
    # The worst case, with the page cache on: the first render after a
    # change of everything (pagecache.bump()), so that neither the page nor
    # any shared piece, count or remembered menu is of use.
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    spent = []
    for _ in range(RENDERS):
        pagecache.bump()
        started = time.perf_counter()
        client.get(path)
        spent.append(time.perf_counter() - started)
    spent.sort()
    result[path] = [queries, len(response.content), spent[len(spent) // 2] * 1000]
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

# Each request under another host name: the page cache keys pages by host,
# so each one is a miss, as the first visit of a page after a change is.
MISS_DOMAIN = ".bench.test"
# wrk's Lua starts every run with the same random numbers: without the seed,
# the second run over a page (one connection per worker) asked for the host
# names of the first and found many of its pages in the cache.
MISS_SCRIPT = """
local counter = 0
math.randomseed(os.time())
local run = tostring(math.random(1000000000))
request = function()
  counter = counter + 1
  local host = "r" .. run .. "-" .. counter .. "DOMAIN"
  return wrk.format(nil, nil, {["Host"] = host})
end
""".replace("DOMAIN", MISS_DOMAIN)

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
    return {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": percentile("50"),
        "p99": percentile("99"),
        "requests": number(r"(\d+) requests in"),
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


def show(name, row):
    print(
        f"  {name:30} {row['rps']:8.1f} req/s  p50 {row['p50']:6.1f} ms  "
        f"p99 {row['p99']:6.1f} ms  chyby {errors(row)}"
    )


def mean(first, again):
    return {
        key: (first[key] + again[key]) / 2
        if key in ("rps", "p50", "p99")
        else first[key] + again[key]
        for key in first
    }


def run_mode(env, pages, connections, script=None):
    """Every page at each number of connections (its requests made by the
    wrk ``script`` when given), with the floor measured before and after
    them (the mean of both), so that one unlucky run on a shared machine
    does not skew every ratio. Returns {connections: {name: row}}, the
    floor under "floor"."""
    floor_url = f"http://127.0.0.1:{FLOOR_PORT}/"
    results = {}
    with portal_server(env):
        # A first wrk run against fresh workers shows a tail that later runs
        # do not (seen on the floor itself): one is run and thrown away.
        wrk(f"http://127.0.0.1:{PORT}{pages[0][1]}", 8, duration="3s")
        for _, path in pages:
            for _ in range(2 * WORKERS):  # fills each worker's cache when on
                urllib.request.urlopen(f"http://127.0.0.1:{PORT}{path}").read()
        for count in connections:
            print(f" {count} spojení:")
            first = wrk(floor_url, count)
            results[count] = rows = {}
            for name, path in pages:
                rows[name] = wrk(f"http://127.0.0.1:{PORT}{path}", count, script=script)
                show(name, rows[name])
            rows["floor"] = mean(first, wrk(floor_url, count))
            show("floor (../shared/bench)", rows["floor"])
    return results


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


def main():
    require_tools()
    with bulk_site() as (env, bulk_seconds):
        urls = python(env, PICK_URLS)
        pages = [
            ("home", "/"),
            ("document list", "/dokumenty/"),
            ("document list, 2 filters", urls["document_list"]),
            ("document detail", urls["document"]),
            ("news list", "/aktuality/"),
            ("news detail", urls["news"]),
            ('search "romské"', "/hledat/?q=romsk%C3%A9"),
            ("programme detail, 100 awards", urls["programme"]),
            ("project detail", urls["project"]),
            ("news feed (Atom)", "/aktuality/atom/"),
            # A language under its prefix costs what Czech does (issue 21).
            ("news list, English", "/en/aktuality/"),
        ]
        counts = python(
            env,
            QUERIES_AND_BYTES.replace("RENDERS", str(RENDERS)),
            json.dumps([p for _, p in pages]),
        )
        results = {}
        with floor_server():
            print("Mezipaměť stránek (README: lokální paměť workeru):")
            results["cached"] = run_mode(env, pages, CONNECTIONS)
            print("Mezipaměť stránek v Redis (REDIS_URL):")
            results["redis"] = run_mode(
                {**env, "REDIS_URL": REDIS_URL}, pages, CONNECTIONS[:1]
            )
            print("Studené stránky (každý požadavek jiný hostitel, nic z mezipaměti):")
            hosts = f"{env['DJANGO_ALLOWED_HOSTS']},{MISS_DOMAIN}"
            with lua_script(MISS_SCRIPT) as script:
                results["cold"] = run_mode(
                    {**env, "DJANGO_ALLOWED_HOSTS": hosts},
                    pages,
                    CONNECTIONS,
                    script=script,
                )
        load_paths = ["/", "/dokumenty/", "/aktuality/", "/dotace/", "/projekty/"]
        print(f"Zátěž: {LOAD_CONNECTIONS} spojení, {LOAD_DURATION}…")
        load = run_load(env, load_paths)
        print(
            f"  {load['rps']:.1f} req/s, chyby {load['non2xx']}, timeouty {load['timeouts']}"
        )
        print(f"Paměť při stahování souboru {BIG_FILE_MB} MB…")
        memory = measure_big_file(env)
        print(f"  nárůst špičky paměti workeru: {memory['growth_mb']:.1f} MB")
    write_report(pages, counts, results, load, load_paths, memory, bulk_seconds)


def ratio(rows, name):
    return rows[name]["rps"] / rows["floor"]["rps"]


def tables(pages, counts, results):
    cached, redis, cold = (results[mode][8] for mode in ("cached", "redis", "cold"))
    lines = [
        "| page | cached req/s | × floor | cached p99 ms | Redis req/s | × floor "
        "| cold req/s | × floor | cold p50 / p99 ms | errors | SQL queries "
        "| render after a change, ms | bytes |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        f"| floor (../shared/bench/floor.py) | {cached['floor']['rps']:.0f} | 1.00 "
        f"| {cached['floor']['p99']:.1f} | {redis['floor']['rps']:.0f} | 1.00 "
        f"| {cold['floor']['rps']:.0f} | 1.00 | {cold['floor']['p50']:.1f} / "
        f"{cold['floor']['p99']:.1f} | "
        f"{sum(errors(mode['floor']) for mode in (cached, redis, cold))} | 0 | | |",
    ]
    for name, path in pages:
        queries, size, render_ms = counts[path]
        c = cold[name]
        lines.append(
            f"| {name} | {cached[name]['rps']:.0f} | {ratio(cached, name):.2f} "
            f"| {cached[name]['p99']:.1f} | {redis[name]['rps']:.0f} "
            f"| {ratio(redis, name):.2f} | {c['rps']:.0f} | {ratio(cold, name):.3f} "
            f"| {c['p50']:.1f} / {c['p99']:.1f} "
            f"| {sum(errors(mode[name]) for mode in (cached, redis, cold))} "
            f"| {queries} | {render_ms:.1f} | {size} |"
        )
    one = WORKERS
    cached, cold = results["cached"][one], results["cold"][one]
    single = [
        "| page | cached req/s | × floor | cached p99 ms | cold req/s | × floor "
        "| cold p50 / p99 ms | errors |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        f"| floor (../shared/bench/floor.py) | {cached['floor']['rps']:.0f} | 1.00 "
        f"| {cached['floor']['p99']:.1f} | {cold['floor']['rps']:.0f} | 1.00 "
        f"| {cold['floor']['p50']:.1f} / {cold['floor']['p99']:.1f} "
        f"| {errors(cached['floor']) + errors(cold['floor'])} |",
    ]
    for name, _ in pages:
        single.append(
            f"| {name} | {cached[name]['rps']:.0f} | {ratio(cached, name):.2f} "
            f"| {cached[name]['p99']:.1f} | {cold[name]['rps']:.0f} "
            f"| {ratio(cold, name):.3f} | {cold[name]['p50']:.1f} / "
            f"{cold[name]['p99']:.1f} | {errors(cached[name]) + errors(cold[name])} |"
        )
    return "\n".join(lines), "\n".join(single)


def targets(pages, counts, results, load, memory):
    names = [name for name, _ in pages]
    cached, redis, cold = (results[mode][8] for mode in ("cached", "redis", "cold"))

    def verdict(ok):
        return "met" if ok else "**missed**"

    def lowest(rows, selected):
        name = min(selected, key=lambda n: ratio(rows, n))
        return ratio(rows, name), name

    listing = [n for n in names if n not in DETAIL_PAGES]
    detail = [n for n in names if n in DETAIL_PAGES]
    cached_low, cached_name = lowest(cached, names)
    redis_low, redis_name = lowest(redis, names)
    list_low, list_name = lowest(cold, listing)
    detail_low, detail_name = lowest(cold, detail)
    worst_p99 = max(names, key=lambda n: cold[n]["p99"])
    all_rows = [
        row
        for mode in results.values()
        for rows in mode.values()
        for row in rows.values()
    ]
    error_count = sum(errors(row) for row in all_rows)
    search = next(name for name in names if name.startswith("search"))
    max_queries = max(counts[p][0] for _, p in pages)
    rows = [
        (
            "every page cached ≥ 0.7 × floor",
            f"lowest {cached_low:.2f} × ({cached_name}); Redis: lowest "
            f"{redis_low:.2f} × ({redis_name})",
            cached_low >= 0.7,
        ),
        (
            "home, lists, search cold ≥ 0.1 × floor",
            f"lowest {list_low:.3f} × ({list_name})",
            list_low >= 0.1,
        ),
        (
            "detail pages and feed cold ≥ 0.15 × floor",
            f"lowest {detail_low:.3f} × ({detail_name})",
            detail_low >= 0.15,
        ),
        (
            "cold p99 ≤ 100 ms",
            f"worst {cold[worst_p99]['p99']:.1f} ms ({worst_p99})",
            cold[worst_p99]["p99"] <= 100,
        ),
        (
            "0 errors",
            f"{error_count} in {sum(row['requests'] for row in all_rows)} requests",
            error_count == 0,
        ),
        (
            "search p99 ≤ 150 ms at 50 000 documents (cold)",
            f"{cold[search]['p99']:.1f} ms",
            cold[search]["p99"] <= 150,
        ),
        ("≤ 12 SQL queries per page", f"at most {max_queries}", max_queries <= 12),
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


def write_report(pages, counts, results, load, load_paths, memory, bulk_seconds):
    main_table, single_table = tables(pages, counts, results)
    print("\n" + main_table + "\n\n" + single_table)
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
    # The hand-written notes at the end survive a new measurement.
    old = report.read_text() if report.exists() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else ""
    report.write_text(
        "# Performance\n\n"
        f"Measured by `make bench` on {date.today():%d. %m. %Y}: {os.cpu_count()} "
        f"cores ({cpu}), Python {platform.python_version()}, PostgreSQL and Redis "
        "on 127.0.0.1; load average at the end "
        f"{' / '.join(load_average)}. Data: demo content plus `generate_bulk` "
        f"defaults{generated}.\n\n"
        "The portal runs the README's production recipe and nothing else: "
        "`DJANGO_DEBUG=0`, `DJANGO_HTTPS=0` (loopback), `gunicorn portal.wsgi -w "
        f"{WORKERS}` from the project root, which loads `gunicorn.conf.py`; the "
        "Redis column adds `REDIS_URL`. The floor is `../shared/bench/floor.py` "
        "(a bare Django view without database or portal middleware) under "
        f"`gunicorn --chdir ../shared/bench -w {WORKERS} floor:application` "
        "(gunicorn's defaults, which gunicorn.conf.py now matches), measured "
        "before and after the pages of each mode (the mean of both). "
        f"wrk -t1 -d{DURATION}, on the same 2 cores as the servers and databases.\n\n"
        "*Cached*: the page cache as configured by default (local memory per "
        "worker), filled first. *Cold*: the same recipe, every request under "
        "a host name of its own (admitted by `DJANGO_ALLOWED_HOSTS`), so none "
        "finds its page in the cache: the page is rendered, with the cache's "
        "lookup and store, as for a page nobody asked for since a change of "
        "something it shows elsewhere, or another page number or filter of a "
        "listing; what several pages share and has not changed (a detail "
        "page's item, rows of documents, news, programmes, projects and "
        "notices, a programme's awards and body, a listing's filter form, "
        "count, item keys and choices, a feed's entries, a search result's "
        "label and title, a project's EU publicity, facts and empty contact "
        "form, the layout's head, masthead, menu and footer, and a detail "
        "page's blocks that read their own data: topics, related items, a "
        "document's facts and files, a project's activities, partners and "
        "photos, a programme's contacts) comes from the cache. A feed shows "
        "nothing but its entries, so in production it is rendered again only "
        "when they changed and must be read again: its cold figure is what "
        "its other format or another host name costs, and its first render "
        "after a change is the last column. "
        "*Render after a change*: in-process, the median of "
        f"{RENDERS} renders each right after `pagecache.bump()` (a change of "
        "everything), so that nothing at all is reused: the worst case, a "
        "page's first visit after a change of what it shows. SQL queries: "
        "a render with the page cache off (the menu and site settings "
        "included, which a miss takes from memory), from Django's test client "
        "on the same data.\n\n"
        f"### 8 connections\n\n{main_table}\n\n"
        f"### One connection per worker ({WORKERS})\n\n{single_table}\n\n"
        "## Targets\n\nAt 8 connections.\n\n"
        f"{targets(pages, counts, results, load, memory)}\n\n"
        f"The load run rotates over {', '.join(load_paths)} with the page cache "
        "as configured by default. The same constant query counts are asserted "
        "in the tests at small and large sizes (`make test`).\n"
        + (f"\n{notes}" if notes else "")
    )
    print(f"\nZapsáno do {report.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
