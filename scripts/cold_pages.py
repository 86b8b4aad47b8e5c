"""What a cold page costs in process: for each page type of `make bench`'s
crawl, the first URLs of its pool rendered by Django's test client with the
page cache off, one after another in one process (nothing else competes
for it): the median and 99th percentile of the time per page, the median
of the CPU time this process spent (the database's own work left out), and
the SQL queries. Prints a Markdown table for docs/performance.md.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/<bulk database> \\
        .venv/bin/python scripts/cold_pages.py [URLs per page type, 50]

The database is one `generate_bulk` has filled, as for `make bench`.
Search takes at least 150 words.
"""

import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import POOL, POOLS, SEARCH_WORDS, bulk_site, python  # noqa: E402

MEASURE = r"""
import json, statistics, sys, time, django; django.setup()
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
settings.PORTAL_PAGE_CACHE_SECONDS = 0
pools = json.loads(open(sys.argv[1]).read())
count = int(sys.argv[2])
client = Client()
result = {}
for name, urls in pools.items():
    urls = urls[: max(count, 150) if name == "search" else count]
    client.get(urls[-1])  # the page type's templates loaded once
    wall, cpu, queries, statuses = [], [], [], set()
    for url in urls:
        with CaptureQueriesContext(connection) as ctx:
            started, used = time.perf_counter(), time.process_time()
            response = client.get(url)
            wall.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - used) * 1000)
        queries.append(len(ctx.captured_queries))
        statuses.add(response.status_code)
    wall.sort()
    result[name] = {
        "urls": len(urls),
        "median": statistics.median(wall),
        "p99": wall[min(len(wall) - 1, int(0.99 * len(wall)))],
        "cpu": statistics.median(cpu),
        "queries": f"{min(queries)}–{max(queries)}"
        if min(queries) != max(queries)
        else str(queries[0]),
        "statuses": sorted(statuses),
    }
print(json.dumps(result))
"""


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 50
    if not os.environ.get("BENCH_DATABASE_URL"):
        sys.exit("BENCH_DATABASE_URL: a database generate_bulk has filled")
    with bulk_site() as (env, _seconds):
        pools = python(env, POOLS, str(POOL), str(SEARCH_WORDS))
        with tempfile.NamedTemporaryFile("w", suffix=".json") as file:
            json.dump(pools, file)
            file.flush()
            result = python(env, MEASURE, file.name, str(count))
    print(
        "| page type | URLs | median ms | p99 ms | CPU ms (median) | SQL queries "
        "| status |\n|---|---:|---:|---:|---:|---:|---|"
    )
    for name, row in result.items():
        statuses = " ".join(map(str, row["statuses"]))
        print(
            f"| {name} | {row['urls']} | {row['median']:.1f} | {row['p99']:.1f} "
            f"| {row['cpu']:.1f} | {row['queries']} | {statuses} |"
        )


if __name__ == "__main__":
    main()
