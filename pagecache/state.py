"""The content's state: the generation and each table's number, how
changes bump them, and the next moment a page changes by the clock alone.

Every change of public content (a save, publish, unpublish or delete, in
the admin or anywhere else) bumps the content generation, a number in the
database (portal.models.ContentVersion), and notes that number against the
changed table, in the same transaction. A page in the cache keeps the
numbers of the tables it read while it rendered and is served only while
they are unchanged, so every app server sees a change exactly when it sees
the new content, with Redis or local memory, and while Redis is down.
"""

import contextlib
import json
import re
import threading
from contextlib import contextmanager
from datetime import UTC, datetime, time, timedelta

from django.apps import apps
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone

from portal.publishing import Publishable, Status


def bump(tables=None):
    """Mark the cached pages that read one of ``tables`` as old (all of
    them when ``tables`` is None). Called by signals inside the change's own
    transaction; the new generation is at least the current time in
    microseconds, so it never repeats a number used before, even after a
    database restore. The row is locked while it is read and written, so
    two changes committed at once both leave their tables' numbers."""
    from portal.models import ContentVersion

    now = timezone.now()
    with transaction.atomic():
        row = ContentVersion.objects.select_for_update().filter(pk=1).first()
        if row is None:
            row = ContentVersion(pk=1, generation=0)
        row.generation = max(row.generation + 1, int(now.timestamp() * 1_000_000))
        row.changed_at = now
        if tables is None:
            changed = {EVERYTHING: row.generation}
        else:
            changed = json.loads(row.tables or "{}")
            changed.update(dict.fromkeys(tables, row.generation))
        row.tables = json.dumps(changed, sort_keys=True)
        row.save()


STATE_QUERY = "SELECT generation, tables FROM portal_contentversion WHERE id = 1"


def _state_cursor():
    """A cursor as connection.cursor() makes it (logged where queries are
    logged, with the connection's execute wrappers), but without Django's
    health check before it: that check is a ``SELECT 1`` round trip on the
    first query of every request, and this query, the only one a cached
    page makes, fails the same way on a connection the server has closed,
    whereupon read_state() replaces the connection. Every other query of
    the request still gets Django's check (CONN_HEALTH_CHECKS)."""
    connection.ensure_connection()
    with connection.wrap_database_errors:
        cursor = connection.create_cursor()
    if connection.queries_logged:
        return connection.make_debug_cursor(cursor)
    return connection.make_cursor(cursor)


def _read_state():
    with _state_cursor() as cursor:
        cursor.execute(STATE_QUERY)
        return cursor.fetchone()


def read_state():
    """The current content generation and the tables' numbers: one
    single-row query, which every cacheable request makes first. It is its
    own health check: a persistent connection the server has closed (a
    restart, an idle timeout) is replaced here."""
    try:
        row = _read_state()
    except (OperationalError, InterfaceError):
        if connection.in_atomic_block:
            raise
        # The server closed the connection (a restart, an idle timeout):
        # open a new one and ask again.
        connection.close()
        row = _read_state()
    if row is None:
        bump()
        row = _read_state()
    return State(row[0], row[1])


# The key under which a bump of every table is noted (generate_bulk, a
# restore): it counts as the number of every table.
EVERYTHING = "*"

# Per process: the tables' numbers of the latest generation seen, parsed
# once per generation.
_parsed = (None, {})


class State:
    """The content as of one request's start: its generation and, parsed
    once per generation and process, the number of every table's last
    change."""

    __slots__ = ("generation", "_raw")

    def __init__(self, generation_, raw):
        self.generation = generation_
        self._raw = raw

    @property
    def tables(self):
        global _parsed
        parsed = _parsed
        if parsed[0] != self.generation:
            parsed = _parsed = (self.generation, json.loads(self._raw or "{}"))
        return parsed[1]

    def numbers(self, tables):
        """``{table: number of its last change}`` for ``tables``. A table
        that watch() does not cover (the search index, users, sessions)
        changes without a number of its own, so it counts as changed with
        every change: a page that reads it is kept only while nothing at
        all changes, as every page was before tables had numbers."""
        known = self.tables
        everything = known.get(EVERYTHING, 0)
        return {
            table: max(known.get(table, 0), everything)
            if table in _watched
            else self.generation
            for table in tables
        }

    def unchanged(self, numbers):
        """Whether none of the tables in ``numbers`` has changed since."""
        return self.numbers(numbers) == numbers


# --- what a render reads ---------------------------------------------------

# The tables a statement reads. The ORM quotes every table name and names
# each in a FROM or JOIN clause, subqueries included; raw SQL in this
# project does the same.
TABLE_NAMES = re.compile(r'\b(?:FROM|JOIN)\s+"?(\w+)"?', re.IGNORECASE)


class Reads:
    """Collects the tables of every statement run while it is installed as
    the connection's execute wrapper."""

    def __init__(self):
        self.tables = set()

    def __call__(self, execute, sql, params, many, context):
        self.tables.update(TABLE_NAMES.findall(sql))
        return execute(sql, params, many, context)


def _changes_public_pages(sender, **kwargs):
    _changed(sender._meta.db_table)


def _m2m_changed(sender, action, **kwargs):
    # ``sender`` is the relation's own table, which is what pages join.
    if action in ("post_add", "post_remove", "post_clear"):
        _changed(sender._meta.db_table)


# The tables of watched models changed in this thread's open batch of saves
# (portal.saves.batch()), or None outside one.
_batch = threading.local()


def _changed(table):
    pending = getattr(_batch, "tables", None)
    if pending is None:
        bump([table])
    else:
        pending.add(table)


@contextmanager
def bumping_once():
    """Bump once for all the saves of a batch, when it ends: an import of
    300 awards locks and writes the state's row once, not 300 times. The
    bump stays inside the batch's transaction, so the new numbers and the
    new content are seen together."""
    if getattr(_batch, "tables", None) is not None:
        yield  # an outer batch bumps
        return
    _batch.tables = set()
    try:
        yield
    except BaseException:
        tables, _batch.tables = _batch.tables, None
        if tables:
            # The saves before the error may stand (outside a transaction,
            # or in one that goes on): their pages must go. In a transaction
            # the database has already aborted, nothing stands to bump for.
            with contextlib.suppress(DatabaseError), transaction.atomic():
                bump(tables)
        raise
    tables, _batch.tables = _batch.tables, None
    if tables:
        bump(tables)


# The tables whose changes bump the generation under their own name.
_watched = set()


def watch(*models):
    """Bump the generation whenever one of ``models`` is saved or deleted,
    or one of its many-to-many relations changes. A model that says
    ``changes_public_pages = False`` (search index rows, subscribers,
    messages) is left out. Each app calls this for its own models from its
    ``AppConfig.ready()``, through pagecache.watch_app()."""
    for model in models:
        # A many-to-many table follows the model that declares it.
        owner = model._meta.auto_created or model
        if not getattr(owner, "changes_public_pages", True):
            continue
        _watched.add(model._meta.db_table)
        uid = f"pagecache-{model._meta.label}"
        post_save.connect(_changes_public_pages, sender=model, dispatch_uid=uid)
        post_delete.connect(_changes_public_pages, sender=model, dispatch_uid=uid)
        if model._meta.auto_created:
            m2m_changed.connect(_m2m_changed, sender=model, dispatch_uid=uid)


# Per process: the boundary is a function of the content generation and of
# the clock, so it is computed once per generation and boundary.
_boundaries = {}


def next_midnight(now):
    local = timezone.localtime(now)
    tomorrow = datetime.combine(local.date() + timedelta(days=1), time.min)
    return timezone.make_aware(tomorrow)


def compute_boundary(now):
    """The first moment after ``now`` at which a published item appears or
    moves to the archive, or the next midnight if that comes first. One
    query over every publishable model (both fields are indexed)."""
    quote = connection.ops.quote_name
    parts = []
    for model in apps.get_models():
        if issubclass(model, Publishable):
            for field in ("publish_at", "archived_at"):
                parts.append(
                    f"SELECT MIN({quote(field)}) AS moment FROM "
                    f"{quote(model._meta.db_table)} WHERE {quote('status')} = %s "
                    f"AND {quote(field)} > %s"
                )
    moment = None
    if parts:
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT MIN(moment) FROM ({' UNION ALL '.join(parts)}) moments",
                [Status.PUBLISHED, now] * len(parts),
            )
            moment = cursor.fetchone()[0]
    if isinstance(moment, str):  # SQLite hands back text from a raw MIN()
        moment = datetime.fromisoformat(moment)
    if moment is not None and timezone.is_naive(moment):
        moment = timezone.make_aware(moment, UTC)
    midnight = next_midnight(now)
    return min(moment, midnight) if moment else midnight


def boundary(generation_, now):
    known = _boundaries.get(generation_)
    if known is None or known <= now:
        known = compute_boundary(now)
        _boundaries.clear()  # older generations are never asked for again
        _boundaries[generation_] = known
    return known
