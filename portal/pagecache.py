"""The anonymous page cache: whole public pages kept in the cache, never stale.

A cached page is found under a key made of

- the **next boundary**, the first moment after now at which a page can
  change without anything being saved: an item's ``publish_at`` or
  ``archived_at``, or midnight, when "days left", programme phases and
  project phases move on. Once it passes, the key changes;
- the **address**: host, path and only the query parameters the view
  declares (``query_params``), sorted, so that parameters a view does not
  read, or their order, never make another copy.

and is served from there only while none of the **tables it read** has
changed since: every change of public content (a save, publish, unpublish
or delete, in the admin or anywhere else) bumps the content generation, a
number in the database (ContentVersion), and notes that number against the
changed table, in the same transaction. Each app declares its models with
watch_app() in its ``AppConfig.ready()``. While a page renders, the SQL it
runs is watched for the tables it reads (``FROM``/``JOIN``); the stored
page keeps their numbers, so saving a news item leaves the cached document
pages in place, and saving a document replaces them.

Reading the generation and the tables' numbers costs one small query per
request; in exchange the rule holds across several app servers, with Redis
or local memory, and while Redis is down (portal.cache_backends falls back).

What differs on every visit (a visit counter, a form's CSRF token) is a
**hole**: the template marks it with ``{% hole "name" %}``, the cache
stores the page with a marker there and fills it for each visit with the
function the app registered under that name (register_hole()).

Only anonymous GET/HEAD requests are served from or stored in the cache.
A session or messages cookie (staff, a visitor just after a form) bypasses
it; responses that set cookies, vary on them, stream, or are not 200 are
never stored. Stored pages get an ETag and Last-Modified, and
``Cache-Control: public, no-cache`` so that browsers and proxies revalidate
every time (a cheap 304) instead of showing an old copy; pages with holes
differ on every visit and are ``private, no-cache`` without validators.
"""

import contextlib
import functools
import hashlib
import json
import operator
import re
import secrets
from datetime import UTC, datetime, time, timedelta
from time import time as epoch_seconds

from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.db import (
    DatabaseError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.backends.signals import connection_created
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, QueryDict
from django.middleware.csrf import (
    CSRF_ALLOWED_CHARS,
    CSRF_SECRET_LENGTH,
    CsrfViewMiddleware,
)
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import (
    get_conditional_response,
    patch_cache_control,
    patch_vary_headers,
)
from django.utils.html import conditional_escape, format_html
from django.utils.http import http_date, parse_http_date_safe, urlencode
from django.utils.translation import get_language

from portal.links import forget_when_urls_change
from portal.publishing import Publishable, Status

MAX_BODY = 2 * 1024 * 1024
BYPASS_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


# --- the generation ------------------------------------------------------------


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
# The SQLSTATEs of a prepared statement the session lacks or has already:
# what a pooler in transaction mode (PgBouncer's pool_mode = transaction)
# causes, handing each transaction another server session.
UNPREPARED = {"26000", "42P05"}


def _read_state():
    """The state's row. On PostgreSQL the query is prepared once per
    session: parsing and planning it again on every request was about half
    of what PostgreSQL did for a cached page (114–126 µs of CPU per hit,
    61–86 µs prepared)."""
    with connection.cursor() as cursor:
        state_query = getattr(connection, "portal_state_query", "unprepared")
        if connection.vendor != "postgresql" or state_query == "plain":
            cursor.execute(STATE_QUERY)
            return cursor.fetchone()
        try:
            if state_query == "unprepared":
                cursor.execute(f"PREPARE portal_state AS {STATE_QUERY}")
                connection.portal_state_query = "prepared"
            cursor.execute("EXECUTE portal_state")
        except DatabaseError as error:
            code = getattr(error.__cause__, "pgcode", None)
            if connection.in_atomic_block or code not in UNPREPARED:
                raise
            # Sessions change under this connection: ask plainly.
            connection.portal_state_query = "plain"
            cursor.execute(STATE_QUERY)
        return cursor.fetchone()


@receiver(connection_created, dispatch_uid="portal-state-session")
def _new_session(sender, **kwargs):
    """A new database session has nothing prepared yet."""
    kwargs["connection"].portal_state_query = "unprepared"


def read_state():
    """The current content generation and the tables' numbers: one
    single-row query, which every request makes first and which doubles as
    the check that a persistent database connection still works: it
    reconnects below, so Django's own health check (a ``SELECT 1`` before
    it) would only add a round trip."""
    connection.health_check_done = True
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


# --- what a render reads -------------------------------------------------------

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
    bump([sender._meta.db_table])


def _m2m_changed(sender, action, **kwargs):
    # ``sender`` is the relation's own table, which is what pages join.
    if action in ("post_add", "post_remove", "post_clear"):
        bump([sender._meta.db_table])


# The tables whose changes bump the generation under their own name.
_watched = set()


def watch(*models):
    """Bump the generation whenever one of ``models`` is saved or deleted,
    or one of its many-to-many relations changes. A model that says
    ``changes_public_pages = False`` (search index rows, subscribers,
    messages) is left out. Each app calls this for its own models from its
    ``AppConfig.ready()``, usually through watch_app()."""
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


def watch_app(app_config):
    """watch() every model of an app, its many-to-many tables included."""
    watch(*app_config.get_models(include_auto_created=True))


# --- the next boundary ---------------------------------------------------------

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


# --- holes: the per-request parts of a cached page ---------------------------

# name -> (fill, finish); filled by the apps from their AppConfig.ready().
_holes = {}


def register_hole(name, fill, *, finish=None):
    """Declare a hole that templates mark with ``{% hole name key=value %}``
    (portal/templatetags/pagecache.py).

    ``fill(request, **values)`` returns the text for this one request (it is
    escaped unless marked safe); it runs on every visit, whether the page
    was just rendered or comes from the cache. ``finish(request, response)``,
    if given, runs once after the holes of a response are filled, e.g. to
    set a cookie that the filled text needs."""
    _holes[name] = (fill, finish)


def fill_hole(request, name, values):
    fill, _finish = _holes[name]
    return conditional_escape(fill(request, **values))


MARKER = "<!--pagecache-hole:{}:{}-->"


class Holes:
    """The holes marked while one page renders for the cache.

    A marker is an HTML comment with a random part that no content can
    guess, so only the template tag can make one; the stored page is cut at
    the markers once, and a visit joins the pieces with fresh fills."""

    def __init__(self):
        self.nonce = secrets.token_hex(12)
        self.marked = []

    def mark(self, name, values):
        if name not in _holes:
            raise KeyError(f"No page cache hole called {name!r} is registered.")
        self.marked.append((name, values))
        return format_html(MARKER, self.nonce, len(self.marked) - 1)

    def cut(self, content):
        """The content as pieces between the holes, and the holes in the
        order they appear (a marked hole that did not reach the page, e.g.
        rendered into a fragment thrown away, is dropped)."""
        found = []
        for index, hole in enumerate(self.marked):
            marker = MARKER.format(self.nonce, index).encode()
            position = content.find(marker)
            if position >= 0:
                found.append((position, len(marker), hole))
        found.sort(key=lambda item: item[0])
        pieces, holes, start = [], [], 0
        for position, length, hole in found:
            pieces.append(content[start:position])
            holes.append(hole)
            start = position + length
        pieces.append(content[start:])
        return pieces, holes


def fill(request, response, pieces, holes):
    """Put this request's text into the holes; run the holes' finish hooks."""
    if holes:
        charset = response.charset
        parts = [pieces[0]]
        for (name, values), piece in zip(holes, pieces[1:], strict=True):
            parts.append(fill_hole(request, name, values).encode(charset))
            parts.append(piece)
        response.content = b"".join(parts)
    else:
        response.content = pieces[0]
    response["Content-Length"] = str(len(response.content))
    for name in {name for name, _values in holes}:
        finish = _holes[name][1]
        if finish is not None:
            finish(request, response)
    return response


_csrf = CsrfViewMiddleware(lambda request: None)


def csrf_input(request):
    """A form's hidden CSRF field with this visitor's own token. On a page
    served from the cache CsrfViewMiddleware has not run, so the visitor's
    CSRF cookie is read here; a visitor without one gets a new one."""
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
        _csrf_token(request),
    )


def _csrf_token(request):
    """get_token(), drawing the secret (when the visitor has none) and the
    mask from one read of the system's random source, and working on
    bytes of the alphabet's positions, in C: Django's get_random_string()
    reads the source once per character, 64 times a token. With the
    cookie below, a visitor's token took 47 µs, 20 µs now (timeit,
    the field and the cookie's header included)."""
    secret = request.META.get("CSRF_COOKIE")
    if secret is None and "HTTP_COOKIE" in request.META:
        _csrf.process_request(request)  # the visitor's cookie, checked by Django
        secret = request.META.get("CSRF_COOKIE")
    if secret is None:
        drawn = _csrf_positions(2 * CSRF_SECRET_LENGTH)
        mask, positions = drawn[:CSRF_SECRET_LENGTH], drawn[CSRF_SECRET_LENGTH:]
        request.META["CSRF_COOKIE"] = positions.translate(_CSRF_CHAR).decode()
    else:
        mask = _csrf_positions(CSRF_SECRET_LENGTH)
        positions = secret.encode().translate(_CSRF_POSITION)
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token() does
    # Django's _mask_cipher_secret(): each character shifted by the mask's.
    cipher = bytes(map(operator.add, positions, mask))
    return (mask + cipher).translate(_CSRF_CHAR).decode()


_CSRF_SIZE = len(CSRF_ALLOWED_CHARS)  # 62
# A position in the alphabet (or the sum of two) as its character.
_CSRF_CHAR = bytes(ord(CSRF_ALLOWED_CHARS[n % _CSRF_SIZE]) for n in range(256))
# A character of the alphabet as its position.
_CSRF_POSITION = bytes(
    CSRF_ALLOWED_CHARS.index(chr(n)) if chr(n) in CSRF_ALLOWED_CHARS else 0
    for n in range(256)
)
# A random byte as a position, uniformly: bytes from 248 (4 × 62) up are
# dropped, not folded onto the first positions.
_CSRF_POSITION_OF_BYTE = bytes(n % _CSRF_SIZE for n in range(256))
_CSRF_DROPPED = bytes(range(256 - 256 % _CSRF_SIZE, 256))


def _csrf_positions(count):
    """``count`` random positions in the CSRF alphabet, as bytes."""
    drawn = b""
    while len(drawn) < count:
        drawn += secrets.token_bytes(count + 16).translate(
            _CSRF_POSITION_OF_BYTE, _CSRF_DROPPED
        )
    return drawn[:count]


def set_csrf_cookie(request, response):
    """The CSRF cookie that the token in csrf_input() pairs with, as
    CsrfViewMiddleware sets it, copied from the one it sets in this
    second: working out the attributes again took 8 µs, a copy 3 µs."""
    if not request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return
    secret = request.META["CSRF_COOKIE"]
    cookie = _csrf_cookie(int(epoch_seconds())).copy()
    cookie.set(cookie.key, secret, secret)  # letters and digits: not quoted
    response.cookies[cookie.key] = cookie
    patch_vary_headers(response, ("Cookie",))
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False


@functools.lru_cache(maxsize=1)
def _csrf_cookie(second):
    """The CSRF cookie CsrfViewMiddleware sets during ``second``."""
    request, response = HttpRequest(), HttpResponse()
    request.META.update(CSRF_COOKIE="x", CSRF_COOKIE_NEEDS_UPDATE=True)
    _csrf.process_response(request, response)
    return response.cookies[settings.CSRF_COOKIE_NAME]


@receiver(setting_changed, dispatch_uid="portal-csrf-cookie")
def _csrf_settings_changed(setting, **kwargs):
    if setting.startswith("CSRF_COOKIE"):
        _csrf_cookie.cache_clear()


# --- query parameters ---------------------------------------------------------


def declared_query_params(request):
    """The query parameters the requested view reads, or None when the view
    does not say. A view class (or function) declares them in its
    ``query_params`` attribute; only these make a distinct cache entry, and
    the view sees no others, so every URL that differs only in other
    parameters gets the same, canonical page."""
    return _query_params_of(
        request.path_info, get_language(), get_urlconf() or settings.ROOT_URLCONF
    )


@functools.lru_cache(maxsize=1024)
def _query_params_of(path, language, urlconf):
    # Resolving the path again was a sixth of a cached hit on a page with a
    # query string (a search, a filtered list); the answer depends on
    # nothing but the arguments. Bounded, since paths are the visitors'.
    try:
        match = resolve(path, urlconf)
    except Resolver404:
        return None
    view = getattr(match.func, "view_class", match.func)
    params = getattr(view, "query_params", None)
    return None if params is None else frozenset(params)


forget_when_urls_change(_query_params_of.cache_clear)


def canonical_query(request, params):
    """The declared parameters of the request, sorted by name, so that
    neither unknown parameters nor their order make another cache entry."""
    pairs = [
        (name, value)
        for name in sorted(set(request.GET) & params)
        for value in request.GET.getlist(name)
    ]
    return urlencode(pairs)


# --- the middleware -----------------------------------------------------------


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        # A Host not in ALLOWED_HOSTS: CommonMiddleware answers 400, and no
        # key may be made from it.
        and _allowed_host(request)
        and not request.path.startswith(settings.PORTAL_PAGE_CACHE_SKIP)
        # SecurityMiddleware, after us, redirects plain HTTP to HTTPS.
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    )


def _allowed_host(request):
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def _storable(request, response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
        return False  # the page holds this visitor's CSRF token
    # "Vary: Cookie" alone does not stop us: only requests without a session
    # or messages cookie are ever served from here, and they all get the
    # same anonymous page.
    control = response.get("Cache-Control", "").lower()
    if any(word in control for word in ("private", "no-store", "max-age=0")):
        return False
    return len(response.content) <= MAX_BODY


CONDITIONAL_HEADERS = (
    "HTTP_IF_MATCH",
    "HTTP_IF_NONE_MATCH",
    "HTTP_IF_MODIFIED_SINCE",
    "HTTP_IF_UNMODIFIED_SINCE",
)


def etag(content):
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


class PageCacheMiddleware:
    """First in MIDDLEWARE: a page from the cache needs none of the others
    (its stored headers already carry what they add)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if settings.PORTAL_PAGE_CACHE_SECONDS <= 0:
            return self.get_response(request)
        try:
            now = timezone.now()
            state = read_state()
            until = boundary(state.generation, now)
        except DatabaseError:
            # Let the view answer (DatabaseUnavailableMiddleware's 503).
            return self.get_response(request)
        request.content_key = (state.generation, until)
        request.content_state = state
        personal = any(name in request.COOKIES for name in BYPASS_COOKIES)
        if personal or not _cacheable_request(request):
            response = self.get_response(request)
            if personal:
                # A page made for one person; no shared cache may keep it.
                patch_cache_control(response, private=True)
            return response
        query = ""
        if request.META.get("QUERY_STRING"):
            params = declared_query_params(request)
            if params is None:
                # A view that does not say what it reads: rendered, not kept.
                return self.get_response(request)
            query = canonical_query(request, params)
        key = self.key(request, query, until)
        entry = self.kept(key, state)
        if entry is not None:
            return self.from_entry(request, entry)
        # The view sees only the declared parameters: its page is the one
        # every URL with the same declared parameters gets.
        request.GET = QueryDict(query)
        request.META = {**request.META, "QUERY_STRING": query}
        request.page_holes = Holes()
        request.page_reads = Reads()
        with connection.execute_wrapper(request.page_reads):
            response = self.get_response(request)
        if response.streaming:
            return response
        pieces, holes = request.page_holes.cut(response.content)
        if not _storable(request, response):
            return fill(request, response, pieces, holes) if holes else response
        if holes:
            # Different on every visit: no validators, no shared copies.
            patch_cache_control(response, private=True, no_cache=True)
        else:
            self.add_validators(response, response.content, http_date(now.timestamp()))
        entry = {
            "headers": [
                (name, value)
                for name, value in response.items()
                if name != "Content-Length"
            ],
            "pieces": pieces,
            "holes": holes,
            "generation": state.generation,
            # The numbers as of the request's start: a change committed
            # while it rendered makes the next request render again.
            "reads": state.numbers(request.page_reads.tables),
        }
        seconds = min(settings.PORTAL_PAGE_CACHE_SECONDS, (until - now).total_seconds())
        if seconds >= 1:
            cache.set(key, entry, int(seconds))
            self.hold_near(key, entry)
        fill(request, response, pieces, holes)
        return self.conditional(request, response)

    @staticmethod
    def key(request, query, until):
        address = f"{request.scheme}://{request.get_host()}{request.path}?{query}"
        digest = hashlib.sha256(address.encode()).hexdigest()[:40]
        return f"page:{int(until.timestamp())}:{digest}"

    def kept(self, key, state):
        """The page kept under ``key`` if it is valid for ``state``: this
        process's copy, or the cache's."""
        entry = _near_pages.get(key)
        if entry is not None and self.valid(entry, state):
            return entry
        entry = cache.get(key)
        if entry is not None and self.valid(entry, state):
            self.hold_near(key, entry)
            return entry
        return None

    @staticmethod
    def valid(entry, state):
        return entry["generation"] == state.generation or state.unchanged(
            entry["reads"]
        )

    @staticmethod
    def hold_near(key, entry):
        if sum(map(len, entry["pieces"])) <= NEAR_PAGE_BYTES:
            _near_pages.hold(key, entry)

    @staticmethod
    def add_validators(response, content, modified):
        response["ETag"] = etag(content)
        response["Last-Modified"] = modified
        patch_cache_control(response, public=True, no_cache=True)

    def from_entry(self, request, entry):
        """The stored page with its headers (security headers included) and
        this visit's holes filled."""
        response = HttpResponse()
        for name, value in entry["headers"]:
            response[name] = value
        fill(request, response, entry["pieces"], entry["holes"])
        return self.conditional(request, response)

    @staticmethod
    def conditional(request, response):
        """304 Not Modified when the browser already has this page."""
        if "ETag" not in response or not any(
            header in request.META for header in CONDITIONAL_HEADERS
        ):
            return response  # most visits: nothing to compare
        return get_conditional_response(
            request,
            etag=response["ETag"],
            last_modified=parse_http_date_safe(response["Last-Modified"]),
            response=response,
        )


class Copies:
    """This process's copies of the pages it served last, in front of the
    cache. An entry is valid by its generation or its tables' numbers
    alone, whichever process kept it, so a copy here is as good as the
    cache's, and reading it spares the cache's key checks, lock and
    unpickling (with Redis, a round trip). At most ``limit`` of them, the
    oldest going first."""

    def __init__(self, limit):
        self.limit = limit
        self.entries = {}

    def get(self, name):
        return self.entries.get(name)

    def hold(self, name, entry):
        self.entries[name] = entry
        if len(self.entries) > self.limit:
            # Another thread may have taken the oldest out meanwhile.
            with contextlib.suppress(KeyError, RuntimeError):
                del self.entries[next(iter(self.entries))]

    def clear(self):
        self.entries.clear()


# Copies of whole pages, keyed as in the cache; a page larger than
# NEAR_PAGE_BYTES is not copied, so they take at most 64 MB per process.
NEAR_PAGES = 256
NEAR_PAGE_BYTES = 256 * 1024
_near_pages = Copies(NEAR_PAGES)


def forget_near():
    """Drop this process's copies of kept pages (tests start empty)."""
    _near_pages.clear()
