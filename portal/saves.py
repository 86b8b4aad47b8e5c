"""A block of many saves, such as an import of 300 awards: what follows each
save (the search index, the page cache's note of changed tables) is done
once, when the block ends, not 300 times.

    with saves.batch():
        for award in awards:
            award.save()

Code that follows saves registers a context manager with
defer_during_batch(); batch() enters each of them for the block."""

from contextlib import ExitStack, contextmanager

_deferrers = []


def defer_during_batch(deferrer):
    """Enter ``deferrer()`` (a context manager) for every batch."""
    if deferrer not in _deferrers:
        _deferrers.append(deferrer)


@contextmanager
def batch():
    with ExitStack() as stack:
        for deferrer in _deferrers:
            stack.enter_context(deferrer())
        yield
