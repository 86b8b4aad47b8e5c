"""The page cache's middleware: whole anonymous pages from the cache.

A page is kept under a key made of

- the **next boundary** (state.boundary()), the first moment after now at
  which a page can change without anything being saved: an item's
  ``publish_at`` or ``archived_at``, or midnight. Once it passes, the key
  changes;
- the **address**: scheme, host, path and only the query parameters the
  view declares (its ``query_params``), sorted, so that parameters a view
  does not read, or their order, never make another copy; a view that
  declares none is not kept when a query string is present;

and is served from there only while none of the **tables it read** has
changed since (state.State): while a page renders, the SQL it runs is
watched for the tables it reads (``FROM``/``JOIN``), and the stored page
keeps their numbers.

Only anonymous GET/HEAD requests to cacheable paths look at the cache, and
only they cost its query: a session or messages cookie, a POST, static
files and the admin go straight on. Responses that set cookies, vary on
them, stream, or are not 200 are never stored. Stored pages get an ETag
and Last-Modified, and ``Cache-Control: public, no-cache`` so that browsers
and proxies revalidate every time (a cheap 304); pages with holes differ on
every visit and are ``private, no-cache`` without validators.
"""

import contextlib
import functools
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import DatabaseError, connection
from django.http import HttpResponse, QueryDict
from django.urls import Resolver404, get_urlconf, resolve
from django.utils import timezone
from django.utils.cache import get_conditional_response, patch_cache_control
from django.utils.http import http_date, parse_http_date_safe, urlencode
from django.utils.translation import get_language

from pagecache.holes import Holes, fill
from pagecache.state import Reads, boundary, read_state
from portal.links import forget_when_urls_change

MAX_BODY = 2 * 1024 * 1024
BYPASS_COOKIES = (settings.SESSION_COOKIE_NAME, "messages")


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


# --- the middleware -----------------------------------------------------


def _cacheable_request(request):
    return (
        request.method in ("GET", "HEAD")
        and not request.path.startswith(settings.PORTAL_PAGE_CACHE_SKIP)
        # SecurityMiddleware, after us, redirects plain HTTP to HTTPS.
        and not (settings.SECURE_SSL_REDIRECT and not request.is_secure())
    )


def _storable(response):
    # A response that sets a cookie (CsrfViewMiddleware's, after a
    # {% csrf_token %} outside a hole) is this visitor's alone.
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
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
        if settings.PORTAL_PAGE_CACHE_SECONDS <= 0 or not _cacheable_request(request):
            return self.get_response(request)
        if any(name in request.COOKIES for name in BYPASS_COOKIES):
            response = self.get_response(request)
            # A page made for one person; no shared cache may keep it.
            patch_cache_control(response, private=True)
            return response
        try:
            host = request.get_host()
        except DisallowedHost:
            host = None
        if host is None:
            # CommonMiddleware refuses it with Django's 400.
            return self.get_response(request)
        try:
            now = timezone.now()
            state = read_state()
            until = boundary(state.generation, now)
        except DatabaseError:
            # Let the view answer (DatabaseUnavailableMiddleware's 503).
            return self.get_response(request)
        query = ""
        if request.META.get("QUERY_STRING"):
            params = declared_query_params(request)
            if params is None:
                # A view that does not say what it reads: rendered, not kept.
                return self.get_response(request)
            query = canonical_query(request, params)
        key = self.key(request, host, query, until)
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
        if not _storable(response):
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
    def key(request, host, query, until):
        address = f"{request.scheme}://{host}{request.path}?{query}"
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
