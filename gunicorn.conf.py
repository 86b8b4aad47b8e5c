"""gunicorn settings for production, loaded by itself when gunicorn starts
in the project root; every value can be overridden from the environment
(GUNICORN_BIND, GUNICORN_WORKERS, …). Each choice below was measured with wrk
on loopback (docs/performance.md, "gunicorn settings")."""

import gc
import multiprocessing
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1))
# Sync workers: rendering is CPU work under the GIL, so a second thread in a
# worker only adds the gthread worker's queueing (fewer requests per second
# and a longer tail); more workers are the way to more concurrency.
threads = int(os.environ.get("GUNICORN_THREADS", 1))
timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))
graceful_timeout = 30
# No recycling by default: a restarted worker starts with an empty local page
# cache, new database connections and cold imports, and at a few hundred
# requests per second a limit of thousands restarted each worker every few
# seconds. Set GUNICORN_MAX_REQUESTS to recycle anyway (jitter keeps the
# workers from restarting together).
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", 0))
max_requests_jitter = max_requests // 10
# Behind the proxy only; the proxy sets X-Forwarded-Proto.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1")
# The proxy in front logs every request already; an access log line per
# request costs the workers time. GUNICORN_ACCESS_LOG=- writes it to stdout.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = "-"


def post_request(worker, req, environ, resp):
    """After the worker's first page, which loaded what every page uses (URL
    patterns, templates, translations): all that lives as long as the
    worker, so the garbage collector's full passes need not walk it again.
    They stopped a worker for up to 87 ms every few hundred pages, and for
    7 ms with it frozen (measured in process, not with wrk: "Cold pages in
    process" in docs/performance.md). Once: freezing again would keep later
    pages' garbage for good."""
    if not getattr(worker, "gc_frozen", False):
        gc.collect()
        gc.freeze()
        worker.gc_frozen = True
