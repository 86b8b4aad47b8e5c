"""Marking Czech fallback text on pages in other languages.

``<article{% lang_attr object %}>`` adds ``lang="cs"`` when the item has no
translation in the visitor's language (its Czech text is shown instead), so
that a screen reader reads it with Czech pronunciation; ``{% czech_only
object %}`` then says so in the visitor's language. Both print nothing in
Czech and for translated items.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, gettext_noop

from portal import translation
from portal.translation import shows_czech

register = template.Library()

NOTE = gettext_noop("Tento text je k dispozici jen v češtině.")


@register.simple_tag
def lang_attr(obj, field=None):
    if not shows_czech(obj, field):
        return ""
    return format_html(' lang="{}"', translation.SOURCE_LANGUAGE)


@register.simple_tag
def czech_only(obj):
    if not shows_czech(obj):
        return ""
    note = gettext(NOTE)
    # A language whose catalogue lacks the sentence shows it in Czech.
    language = get_language() if note != NOTE else translation.SOURCE_LANGUAGE
    return format_html('<p class="czech-only" lang="{}">{}</p>', language, note)


@register.filter
def language_first(files):
    """``document.files.all|language_first``: the visitor's language's
    files first."""
    return translation.language_first(files)
