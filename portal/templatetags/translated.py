"""Marking Czech fallback text on pages in other languages.

``<article{% lang_attr object %}>`` adds ``lang="cs"`` when the item has no
translation in the visitor's language (its Czech text is shown instead), so
that a screen reader reads it with Czech pronunciation. base.html wraps the
page's content in ``{% czech_fallback %}``, which then says so once, above
the content, in the visitor's language: one note for a page, however many
of its items are Czech. Both print nothing in Czech and for translated
items.
"""

from django import template
from django.utils.html import format_html
from django.utils.translation import get_language, gettext, gettext_noop

from portal import translation
from portal.translation import shows_czech

register = template.Library()

NOTE = gettext_noop("Některé texty na této stránce jsou k dispozici jen v češtině.")

# The context key under which {% czech_fallback %} collects what it notes.
SHOWN = "czech_fallback_shown"


@register.simple_tag(takes_context=True)
def lang_attr(context, obj, field=None):
    if not shows_czech(obj, field):
        return ""
    shown = context.get(SHOWN)
    if shown is not None:
        shown.append(obj)
    return format_html(' lang="{}"', translation.SOURCE_LANGUAGE)


def fallback_note():
    note = gettext(NOTE)
    # A language whose catalogue lacks the sentence shows it in Czech.
    language = get_language() if note != NOTE else translation.SOURCE_LANGUAGE
    return format_html('<p class="czech-only" lang="{}">{}</p>', language, note)


class CzechFallbackNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        # A list, not a flag: the included templates of the rows get copies
        # of the context's scopes, but the same list.
        with context.push({SHOWN: []}):
            content = self.nodelist.render(context)
            shown = context[SHOWN]
        return fallback_note() + content if shown else content


@register.tag
def czech_fallback(parser, token):
    nodelist = parser.parse(("endczech_fallback",))
    parser.delete_first_token()
    return CzechFallbackNode(nodelist)


@register.filter
def language_first(files):
    """``document.files.all|language_first``: the visitor's language's
    files first."""
    return translation.language_first(files)
