"""The page in the site's other languages: {% language_versions as versions %}
gives, for each language of settings.LANGUAGES, the URL of the same item or
page in that language, for the switcher and the hreflang alternates."""

from django import template
from django.conf import settings
from django.urls import NoReverseMatch, Resolver404, resolve, reverse
from django.utils import translation

register = template.Library()


@register.simple_tag(takes_context=True)
def language_versions(context):
    request = context.get("request")
    if request is None:
        return []
    current = translation.get_language()
    obj = context.get("object")
    url_of = _object_urls(obj, request) or _view_urls(request)
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
    return versions


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


def _view_urls(request):
    """The same view with the same arguments in each language; a path that
    resolves to nothing (a 404 page) leads to each language's home page."""
    match = _match(request)

    def url_of(code):
        if match is not None and match.view_name:
            try:
                return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
            except NoReverseMatch:  # the view has no URL in this language
                pass
        return reverse("portal:home")

    return url_of
