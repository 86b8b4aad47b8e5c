"""gunicorn.conf.py's hooks, called as gunicorn calls them."""

import gc
import runpy
from types import SimpleNamespace

from tests.sites import ROOT


def test_a_worker_keeps_what_its_first_page_loaded_out_of_the_collectors_passes():
    """After a worker's first page, what it loaded is frozen: the full
    garbage collections that walked it stopped the worker for up to 87 ms.
    Only once, since a later freeze would keep that page's garbage."""
    hooks = runpy.run_path(str(ROOT / "gunicorn.conf.py"))
    worker = SimpleNamespace()
    try:
        assert gc.get_freeze_count() == 0
        hooks["post_request"](worker, None, {}, None)
        frozen = gc.get_freeze_count()
        assert frozen > 1000
        # A second freeze would take these 1 000 lists along; other threads
        # of the test run may still move a frozen object or two.
        garbage = [[] for _ in range(1000)]
        hooks["post_request"](worker, None, {}, None)
        assert gc.get_freeze_count() < frozen + 100
        del garbage
    finally:
        gc.unfreeze()
