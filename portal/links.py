"""Items' addresses without a reverse() for each item.

A feed of 30 news items, a language switcher or a list of links asks for
many addresses of the same view that differ only by the slug. reverse()
matches the view's pattern anew for each (a quarter of the news feed's
time); slug_url() reverses the view once per language, script prefix and
URLconf, with a marker for the slug, and puts each slug in its place."""

import re

from django.conf import settings
from django.core.signals import setting_changed
from django.dispatch import receiver
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import get_language

MARKER = "slug-placeholder-7f3a"
# What the slug converter accepts, which reverse() leaves unquoted.
SLUG = re.compile(r"[-a-zA-Z0-9_]+")

_patterns = {}
# What URLs are made of besides the view, its arguments and the language.
URL_SETTINGS = {"LANGUAGES", "LANGUAGE_CODE", "ROOT_URLCONF"}
_forgetters = [_patterns.clear]


def forget_when_urls_change(clear):
    """Register ``clear`` (e.g. an lru_cache's cache_clear) to be called
    when a setting that URLs depend on changes (in tests), for everything
    remembered about URLs and paths."""
    _forgetters.append(clear)
    return clear


@receiver(setting_changed)
def _urls_changed(setting, **kwargs):
    if setting in URL_SETTINGS:
        for clear in _forgetters:
            clear()


def slug_url(viewname, slug):
    """reverse(viewname, args=[slug]) for a view whose one argument is a
    slug, in the active language."""
    if not SLUG.fullmatch(slug) or MARKER in slug:
        return reverse(viewname, args=[slug])  # whatever reverse() makes of it
    key = (
        viewname,
        get_language(),
        get_script_prefix(),
        get_urlconf() or settings.ROOT_URLCONF,
    )
    pattern = _patterns.get(key)
    if pattern is None:
        pattern = _patterns[key] = reverse(viewname, args=[MARKER])
    return pattern.replace(MARKER, slug)
