"""Holes: the parts of a cached page that differ on every visit.

A template marks one with ``{% hole "name" key=value %}``; the page is
stored with a marker there and the hole is filled for each visit by the
function registered under that name (pagecache.register_hole())."""

import secrets

from django.middleware.csrf import CsrfViewMiddleware, get_token
from django.utils.html import conditional_escape, format_html

# name -> (fill, finish); filled by the apps from their AppConfig.ready().
_holes = {}


def register(name, fill, *, finish=None):
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
        order they appear (a marked hole that did not reach the page is
        dropped)."""
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


# --- the CSRF token ---------------------------------------------------------

# Django's own middleware, run for the hole: a page from the cache has not
# been through the one in MIDDLEWARE, and a rendered page's response has
# left it before its holes are filled.
_csrf = CsrfViewMiddleware(lambda request: None)


def csrf_input(request):
    """A form's hidden CSRF field with this visitor's token, from
    get_token(): the visitor's CSRF cookie read and checked by Django's
    middleware, or a new one."""
    if not getattr(request, "pagecache_csrf_read", False):
        request.pagecache_csrf_read = True
        _csrf.process_request(request)
    return format_html(
        '<input type="hidden" name="csrfmiddlewaretoken" value="{}">',
        get_token(request),
    )


def set_csrf_cookie(request, response):
    """The CSRF cookie that the token pairs with, set by Django's middleware
    as it sets it on any page with a form."""
    _csrf.process_response(request, response)
