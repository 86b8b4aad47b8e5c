"""The page in the site's other languages: {% language_versions as versions %}
gives, for each language of settings.LANGUAGES, the URL of the same item or
page in that language, for the switcher and the hreflang alternates."""

import functools

from django import template
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.urls import (
    NoReverseMatch,
    Resolver404,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
)
from django.utils import translation

from portal.links import forget_when_urls_change

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    obj = context.get("object")
    object_urls = _object_urls(obj, request)
    if object_urls is not None:
        return _versions(current, object_urls)
    match = _match(request)
    if match is None or not match.view_name:
        return _view_versions(current, None, (), (), *_url_setup())
    return _view_versions(
        current,
        match.view_name,
        tuple(match.args),
        tuple(sorted(match.kwargs.items())),
        *_url_setup(),
    )


def _url_setup():
    """What reverse() depends on besides the language and the view."""
    return get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


@functools.lru_cache(maxsize=512)
def _view_versions(current, view_name, args, kwargs, prefix, urlconf):
    """A page that is not an item's: the same for every visit of its view
    with its arguments (built once: a tenth of a list page's layout)."""

    def url_of(code):
        if view_name:
            try:
                return reverse(view_name, args=args, kwargs=dict(kwargs))
            except NoReverseMatch:  # the view has no URL in this language
                pass
        return reverse("portal:home")

    return _versions(current, url_of)


forget_when_urls_change(_view_versions.cache_clear)


def _versions(current, url_of):
    versions = []
    for code, name in settings.LANGUAGES:
        with translation.override(code):
            versions.append(
                {
                    "code": code,
                    "name": name,
                    "url": url_of(code),
                    "current": code == current,
                    # What the hint says, in the language it offers: the
                    # visitor does not yet read the page's one.
                    "hint": translation.gettext(
                        "Tato stránka je k dispozici také v češtině."
                    ),
                    "close": translation.gettext("Zavřít"),
                }
            )
    return tuple(versions)  # kept by _view_versions: nobody may change it


def _object_urls(obj, request):
    """The item's own URL in each language (slugs may differ per language),
    when the page is the item's page: its URL or another address of the same
    view (an item reached by its Czech slug under /en/)."""
    get_url = getattr(obj, "get_absolute_url", None)
    if get_url is None:
        return None
    url = get_url()
    match = _match(request)
    if url != request.path and (match is None or _view_name(url) != match.view_name):
        return None

    def url_of(code):
        return obj.get_absolute_url()

    return url_of


def _view_name(path):
    try:
        return resolve(path).view_name
    except Resolver404:
        return None


def _match(request):
    """How the request's path resolved, as Django did it for the view
    (resolving it again was a third of this tag's time); None on a page
    that resolved to nothing (a 404 page)."""
    return getattr(request, "resolver_match", None)


@register.filter
def origin(request):
    """``scheme://host`` of the request, for the hreflang links; empty (the
    links relative) on the 400 page of a host Django refuses."""
    try:
        return f"{request.scheme}://{request.get_host()}"
    except DisallowedHost:
        return ""
