"""Site search across pages and every registered section.

Each published item is copied into one SearchEntry row, with its text
lower-cased and stripped of diacritics in Python, so "romske" finds
"romské" on SQLite and PostgreSQL alike. PostgreSQL matches and ranks with
its full-text search (a GIN index on a stored tsvector of the normalised
text); SQLite falls back to substring matching. Words are matched by
their Czech stem (portal/stemmer.py, in Python when indexing and querying,
so both databases agree and need no dictionary): "romech" finds "Romové",
"cizinců" finds "cizinec". Scheduled items are
indexed with their publish_at and filtered at query time, so they appear on
time without any cron job.
"""

import functools
import html
import re
import threading
import unicodedata
from contextlib import contextmanager
from typing import NamedTuple

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import (
    Case,
    F,
    Q,
    QuerySet,
    Value,
    When,
    prefetch_related_objects,
)
from django.db.models.functions import Length, StrIndex, Substr
from django.db.models.lookups import Exact, GreaterThan
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from portal import saves, translation
from portal.models import (
    OfficeHours,
    Page,
    Person,
    SearchEntry,
    SearchTerm,
    SiteSettings,
    Topic,
)
from portal.sections import Section, sections
from portal.stemmer import stem

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
BODY_LIMIT = 200_000
SNIPPET = 240
# Matches ranked; past it the newest come first. Each search counts its
# matches up to one past it, reading each match's vector from the table:
# for a word in 5 000 of the 72 000 entries of the bulk data, 1 001 of them
# took 50–80 ms on PostgreSQL, 201 a fifth of that.
RANKED_LIMIT = 200
# Results offered (10 pages); a search is refined, not paged. At most
# RANKED_LIMIT, so that the ranking cut-off's count gives the results'
# count (search()).
MAX_RESULTS = 200


class _FoldTable(dict):
    """Each character's folded form, worked out the first time it is seen:
    str.translate() then folds a page of text in C, where normalising
    character by character took most of a search page's time."""

    def __missing__(self, code):
        char = chr(code)
        folded = self[code] = unicodedata.normalize("NFKD", char)[:1] or char
        return folded


_FOLD = _FoldTable()


def fold(text):
    """Lower case without diacritics, one character per character."""
    text = str(text).lower()
    return text if text.isascii() else text.translate(_FOLD)


# A programme's number ("5.1") or a resolution ("158/20/ZK"): kept whole,
# since its parts alone are too short or too common to search by.
REFERENCE = re.compile(r"[^\W_]+(?:[./][^\W_]+)+")


def is_reference(term):
    return REFERENCE.fullmatch(term) is not None


TOKEN = re.compile(r"[^\W_]+(?:[./][^\W_]+)*")


@functools.lru_cache(maxsize=200_000)
def folded_stem(token):
    """The folded Czech stem of a lower-case ``token``; a reference whole."""
    return token if is_reference(token) else fold(stem(token))


def query_forms(query):
    """(stem, word) of each word of a query: its folded Czech stem, so that
    "romech" finds "Romové", and the word itself folded, which matches too
    (the stem of "Plzen" typed without its "ň" is "plzn", not in
    "plzenskem"). References are kept whole."""
    forms = {}
    for token in TOKEN.findall(query[:MAX_QUERY_LENGTH].lower()):
        if len(token) > 1:
            forms.setdefault(folded_stem(token), fold(token))
    return list(forms.items())[:MAX_TERMS]


def terms(query):
    """Search terms of a query: the stems of query_forms()."""
    return [term for term, _word in query_forms(query)]


def marks(query):
    """What an excerpt marks: stems and words, since a stem need not start
    its word ("cizink" of "cizinců")."""
    return list(dict.fromkeys(form for pair in query_forms(query) for form in pair))


def stemmed_words(text):
    """The stems of ``text``, lower-cased, in order."""
    return [folded_stem(token) for token in TOKEN.findall(text.lower())]


@functools.lru_cache(maxsize=200_000)
def _stem_not_prefix(token):
    """The folded stem of ``token`` if the folded word does not start with
    it ("cizinec" → "cizink"), else None: a word's prefix is found in the
    word itself."""
    term = folded_stem(token)
    return None if fold(token).startswith(term) else term


# An item without a translation has the same text in every language: its
# entries' text is worked out once (bulk_index() indexes an item's
# languages one after another).
@functools.lru_cache(maxsize=8)
def index_text(title, body, keywords=""):
    """What an entry is matched by: the stems of its title, "|", its body
    folded (it starts with the title, see title_score()), "|" and the
    body's stems that are not prefixes of their words. A term is then found
    in the words it is a prefix of, or among those stems."""
    # Each word once: a long text repeats most of its words.
    words = dict.fromkeys(TOKEN.findall(body.lower()))
    extra = dict.fromkeys(
        term for token in words if (term := _stem_not_prefix(token)) is not None
    )
    if keywords:
        extra.update(dict.fromkeys(stemmed_words(keywords)))
    # Angle brackets go: PostgreSQL's parser takes "<script> a romské …" for
    # a tag and drops the words in it (the body shows "<" unescaped).
    folded = fold(body).replace("<", " ").replace(">", " ")
    return f"{' '.join(stemmed_words(title))} | {folded} | {' '.join(extra)}"


# --- indexing ---------------------------------------------------------------
#
# What an item's entry holds is decided in one place, entry_fields(), and
# which items have one in another, each source's searchable(). The signals
# (a save or delete of an item or of a row shown on its page), the admin's
# save once the inlines are saved, rebuild() and the bulk data generator all
# go through these two, so they cannot disagree.


def descendants(page):
    """A page is in search only while the pages above it are published, so
    a page's save re-indexes the pages below it."""
    return Page.objects.filter(path__startswith=f"{page.path}/").values_list(
        "pk", flat=True
    )


class PageSource(Section):
    search_label = _("Stránka")
    search_model = Page
    search_related = {Page: descendants}

    def searchable(self):
        return Page.objects.searchable()

    def search_text(self, page):
        return f"{page.lead}\n{strip_tags(page.body)}"

    def search_publish_at(self, page):
        return page.visible_from


PAGES = PageSource()


def contacts_of(row):
    """The contacts page shows the office's hours and its people."""
    return [1]


class ContactsSource(Section):
    """The office's contacts page, found by what it lists: the data box,
    office hours, address, phone and the people to turn to."""

    search_label = _("Kontakty")
    search_model = SiteSettings
    search_related = {OfficeHours: contacts_of, Person: contacts_of}

    def searchable(self):
        return SiteSettings.objects.prefetch_related("office_days")

    def search_title(self, settings):
        return str(_("Kontakty"))

    def search_text(self, settings):
        # The page's own headings, so that "datová schránka" or "úřední
        # hodiny" find it (in the entry's language, see entry_fields()).
        lines = [settings.authority_name, settings.department_name, settings.address]
        for label, value in [
            (_("Telefon"), settings.phone),
            (_("E-mail"), settings.email),
            (_("ID datové schránky"), settings.data_box),
            (_("IČO"), settings.ico),
        ]:
            if value:
                lines.append(f"{label}: {value}.")
        days = settings.office_days.all()
        if days or settings.office_hours:
            lines.append(f"{_('Úřední hodiny')}:")
            lines += [f"{day.get_weekday_display()} {day.hours}," for day in days]
            lines.append(settings.office_hours)
        people = Person.objects.filter(show_on_contacts=True).order_by(
            "area", "order", "name"
        )
        lines += [
            f"{person.name}, {person.role}." if person.role else f"{person.name}."
            for person in people
        ]
        return "\n".join(line for line in lines if line)

    def search_publish_at(self, settings):
        return settings.updated_at


class TopicSource(Section):
    """A topic's page, found by its name, description and keywords."""

    search_label = _("Téma")
    search_model = Topic

    def searchable(self):
        return Topic.objects.all()

    def search_title(self, topic):
        return topic.name

    def search_text(self, topic):
        return f"{topic.description}\n{topic.keywords}"

    def search_publish_at(self, topic):
        return topic.updated_at


def has_topics(model):
    return any(field.name == "topics" for field in model._meta.many_to_many)


def keywords_of(item):
    """The keywords of ``item``'s topics in the active language: "іноземці"
    finds what is filed under "Integrace cizinců"."""
    if not has_topics(type(item)):
        return ""
    return " ".join(topic.keywords for topic in item.topics.all())


def sources():
    return [PAGES, ContactsSource(), TopicSource(), *sections()]


def czech_label(source):
    with override(translation.SOURCE_LANGUAGE):
        return str(source.search_label)


def entry_fields(source, item):
    """The search entry of ``item``, one of ``source.searchable()``, in the
    active language (its translated text, or the Czech as a fallback)."""
    title = " ".join(source.search_title(item).split())
    # HTML stripped of its tags still holds entities ("&nbsp;", "&amp;"):
    # as characters they are searchable, and the excerpt escapes them once.
    # split() also takes the non-breaking space for a space.
    words = " ".join(html.unescape(source.search_text(item)).split())
    # The body starts with the title: search ranks title matches by it.
    body = f"{title}. {words}"[:BODY_LIMIT]
    # The keywords are matched, not shown: they stay out of the excerpt.
    text = index_text(title, body, keywords_of(item))
    fields = {
        # In Czech in every language: the results page translates it (its
        # Czech label is the catalogue's msgid).
        "kind": czech_label(source),
        "title": title[:255],
        "url": item.get_absolute_url(),
        "body": body,
        "text": text,
        "publish_at": source.search_publish_at(item),
        # The office's contacts are never archived.
        "archived_at": getattr(item, "archived_at", None),
        "language": translation.active_language() or translation.SOURCE_LANGUAGE,
        "czech_fallback": not translation.has_translation(item),
    }
    if connection.vendor == "postgresql":
        fields["vector"] = SearchVector(Value(text), config="simple")
    return fields


def site_languages():
    """Czech and each language with content columns: one entry each."""
    return (translation.SOURCE_LANGUAGE, *translation.CONTENT_LANGUAGES)


def index_item(source, pk):
    """Make the entry of item ``pk`` of ``source`` what rebuild() makes it:
    written from the stored item, or removed when it is not searchable."""
    content_type = ContentType.objects.get_for_model(source.search_model)
    item = source.searchable().filter(pk=pk).first()
    if item is None:
        SearchEntry.objects.filter(content_type=content_type, object_id=pk).delete()
        return
    for lang in site_languages():
        with override(lang):
            SearchEntry.objects.update_or_create(
                content_type=content_type,
                object_id=pk,
                language=lang,
                defaults=entry_fields(source, item),
            )


def affected(obj):
    """(source, item pk) of every entry that shows ``obj``: the item itself
    and the items it is an inline or a file of, as the sections declare."""
    found = []
    for source in sources():
        if isinstance(obj, source.search_model):
            found.append((source, obj.pk))
        find = source.search_related.get(type(obj))
        if find is not None:
            found += [(source, pk) for pk in find(obj) if pk is not None]
        if isinstance(obj, Topic) and has_topics(source.search_model):
            # The items filed under a topic carry its keywords.
            items = source.search_model.objects.filter(topics=obj)
            found += [(source, pk) for pk in items.values_list("pk", flat=True)]
    return list(dict.fromkeys(found))


_batch = threading.local()


def index(obj):
    """Bring the index up to date after ``obj`` was saved or deleted (at
    the end of the batch, when one is open)."""
    pending = getattr(_batch, "pending", None)
    for source, pk in affected(obj):
        if pending is None:
            index_item(source, pk)
        else:
            pending[source, pk] = None


# Imports and the admin's bulk actions call it as search.batch().
batch = saves.batch


@contextmanager
def indexing_once():
    """Index each item a block of saves touches once, when the block ends
    (saves.batch())."""
    if getattr(_batch, "pending", None) is not None:
        yield  # an outer batch indexes
        return
    _batch.pending = {}
    try:
        yield
        for source, pk in _batch.pending:
            index_item(source, pk)
    finally:
        _batch.pending = None


def bulk_index(source, queryset, batch_size=1000):
    """Index many new items of ``source`` at once, in bulk inserts (the bulk
    data generator's inserts send no signals), a batch of items at a time
    so that memory stays flat. ``queryset`` narrows ``source.searchable()``.
    Returns the count."""
    content_type = ContentType.objects.get_for_model(source.search_model)
    count, last = 0, 0
    while batch := list(queryset.filter(pk__gt=last).order_by("pk")[:batch_size]):
        if has_topics(source.search_model):
            # Their keywords (keywords_of()), in one query per batch.
            prefetch_related_objects(batch, "topics")
        entries = []
        # An item's languages one after another: index_text() then works
        # out an untranslated item's text once for all of them.
        for item in batch:
            for lang in site_languages():
                with override(lang):
                    fields = entry_fields(source, item)
                entries.append(
                    SearchEntry(content_type=content_type, object_id=item.pk, **fields)
                )
        SearchEntry.objects.bulk_create(entries)
        count += len(batch)
        last = batch[-1].pk
    return count


def _on_change(sender, instance, raw=False, **kwargs):
    if not raw:
        index(instance)


def _on_topics_change(sender, instance, action, **kwargs):
    # An item's topics bring their keywords (keywords_of()).
    if action in {"post_add", "post_remove", "post_clear"}:
        index(instance)


def connect_signals():
    saves.defer_during_batch(indexing_once)
    models = set()
    for source in sources():
        models.add(source.search_model)
        models.update(source.search_related)
    for model in models:
        label = model._meta.label
        if has_topics(model):
            m2m_changed.connect(
                _on_topics_change,
                sender=model.topics.through,
                dispatch_uid=f"search-topics-{label}",
            )
        post_save.connect(_on_change, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(
            _on_change, sender=model, dispatch_uid=f"search-delete-{label}"
        )


def rebuild():
    SearchEntry.objects.all().delete()
    return sum(bulk_index(source, source.searchable()) for source in sources())


# --- querying ---------------------------------------------------------------


def title_score(words, exact):
    """How well the title holds the terms: 2 for each the title's stems
    start with ("5.1 Podpora …" for "5.1"), 1 for each they contain, and 1
    more for each of the query's own words (folded) in the title, so that
    the form searched for ranks first. The text starts with the title's
    stems up to the first "|", then the folded title, one character per
    character (fold(), index_text())."""
    bar = StrIndex("text", Value("|"))
    stems = Substr("text", 1, bar)
    title = Substr("text", bar + 2, Length("title"))
    scores = []
    for word in words:
        position = StrIndex(stems, Value(word))
        scores.append(
            Case(
                When(Exact(position, 1), then=2),
                When(GreaterThan(position, 0), then=1),
                default=0,
            )
        )
    for word in exact:
        scores.append(
            Case(When(GreaterThan(StrIndex(title, Value(word)), 0), then=1), default=0)
        )
    return sum(scores, start=Value(0))


class Results(NamedTuple):
    entries: QuerySet
    words: list
    # How many entries match, up to MAX_RESULTS, when the search has
    # counted them already (PostgreSQL's ranking cut-off); else None.
    count: int | None = None


def search(query, language=None):
    """Live entries matching every term: those with the terms in their
    title first, then (on PostgreSQL) the best ranked, then the newest. A
    term so common that more than RANKED_LIMIT entries match is not worth
    ranking (nearly everything contains "romské" here), so those come
    newest first, which the publish_at index answers at once.

    ``language`` is the index searched, by default the active language's."""
    forms = query_forms(query)
    words = [term for term, _word in forms]
    if not words:
        return Results(SearchEntry.objects.none(), words, 0)
    # A word matches by its stem or, where the stem does not start it, by
    # itself; it ranks higher where the title holds it as it was typed.
    either = {term: word for term, word in forms if not word.startswith(term)}
    exact = [word for term, word in forms if not is_reference(term)]
    marked = marks(query)
    language = language or translation.active_language() or translation.SOURCE_LANGUAGE
    # References ("5.1") are matched as text: full-text parsers split them.
    references = [word for word in words if is_reference(word)]
    plain = [word for word in words if not is_reference(word)]
    matched_as_text = references
    conditions = {"publish_at__lte": timezone.now(), "language": language}
    if connection.vendor == "postgresql" and plain:
        tsquery = SearchQuery(
            " & ".join(
                f"({word}:* | {either[word]}:*)" if word in either else f"{word}:*"
                for word in plain
            ),
            search_type="raw",
            config="simple",
        )
        conditions["vector"] = tsquery
    else:
        matched_as_text = words
    # One filter() for all the conditions: each further one copied the
    # query again (together 30–50 µs of the 200–250 this function took).
    entries = SearchEntry.objects.defer("text", "vector").filter(
        *(
            Q(text__contains=word) | Q(text__contains=either[word])
            if word in either
            else Q(text__contains=word)
            for word in matched_as_text
        ),
        **conditions,
    )
    if connection.vendor != "postgresql":
        ordered = entries.annotate(title_hits=title_score(words, exact)).order_by(
            "-title_hits", "-publish_at"
        )
        # Counted here as on PostgreSQL: the results page reads the count
        # to decide whether to search the Czech index instead.
        return Results(ordered, marked, min(entries.count(), MAX_RESULTS))
    # The cut-off's count is also the number of results shown (up to
    # MAX_RESULTS), so the results page need not count again.
    matches = entries[: RANKED_LIMIT + 1].count()
    count = min(matches, MAX_RESULTS)
    if matches > RANKED_LIMIT:
        return Results(entries.order_by("-publish_at"), marked, count)
    ranked = entries.annotate(title_hits=title_score(words, exact))
    if plain:
        ranked = ranked.annotate(rank=SearchRank(F("vector"), tsquery))
        return Results(
            ranked.order_by("-title_hits", "-rank", "-publish_at"), marked, count
        )
    return Results(ranked.order_by("-title_hits", "-publish_at"), marked, count)


def in_czech(query, language):
    """``query`` with each word or phrase that the glossary (SearchTerm)
    knows in ``language`` put into Czech, the longest phrase first; other
    words as typed ("5.1", names). "Roma strategy" → "Romové strategie"."""
    glossary = {}
    for forms, czech in SearchTerm.objects.filter(language=language).values_list(
        "words", "czech"
    ):
        for form in forms.split(","):
            if key := tuple(TOKEN.findall(fold(form))):
                glossary[key] = czech.strip()
    tokens = TOKEN.findall(query[:MAX_QUERY_LENGTH])
    folded = [fold(token) for token in tokens]
    longest = max(map(len, glossary), default=0)
    words, start = [], 0
    while start < len(tokens):
        for size in range(min(longest, len(tokens) - start), 0, -1):
            if czech := glossary.get(tuple(folded[start : start + size])):
                words.append(czech)
                start += size
                break
        else:
            words.append(tokens[start])
            start += 1
    return " ".join(words)


def snippet(entry, words):
    """An escaped excerpt around the first match after the title (the
    result's heading shows the title already), matches in <mark>."""
    body = entry.body
    # The body starts "<title>. " (entry_fields()).
    text_start = len(entry.title) + 2 if body.startswith(entry.title) else 0
    pattern = _pattern_of(tuple(sorted(words, key=len, reverse=True)))
    marked = frozenset(words)
    first = pattern.search(body, text_start)
    if first is None:
        # Found by a stem alone ("cizinec" for "cizinců"): word by word.
        tokens = TOKEN.finditer(body, text_start)
        first = next((m for m in tokens if _is_match(m.group(), marked)), None)
    start = max(text_start, first.start() - SNIPPET // 3) if first else text_start
    excerpt = body[start : start + SNIPPET]
    # The standard library's escape(): Django's wraps it with a check for
    # lazy strings, which plain text never is, a third of the snippets' time.
    escape = html.escape
    out, cursor = [], 0
    for match in TOKEN.finditer(excerpt):
        if not _is_match(match.group(), marked):
            continue
        out.append(escape(excerpt[cursor : match.start()]))
        out.append(f"<mark>{escape(match.group())}</mark>")
        cursor = match.end()
    out.append(escape(excerpt[cursor:]))
    prefix = "… " if start > text_start else ""
    suffix = " …" if start + SNIPPET < len(body) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped


def _is_match(token, words):
    """Whether a word of the text is one a search for ``words`` (marks())
    found: it starts with one of them, or has the stem of one ("cizinec"
    for "cizinců", whose stem "cizink" starts neither)."""
    folded = fold(token)
    return folded.startswith(tuple(words)) or folded_stem(token.lower()) in words


@functools.lru_cache(maxsize=256)
def _pattern_of(words):
    """A regular expression that finds the folded ``words`` in text as it
    is: each letter matches every character that fold() turns into it
    ("romske" finds "Romské"). Searching the text itself spares folding
    each result's whole text, which took a quarter of a search page."""
    return re.compile(
        "|".join("".join(_characters_of(char) for char in word) for word in words)
    )


def _characters_of(char):
    variants = _folded_to().get(char)
    if not variants:
        return re.escape(char)
    return "[" + "".join(re.escape(variant) for variant in sorted(variants)) + "]"


@functools.cache
def _folded_to():
    """{folded character: the characters that fold to it}, for the scripts
    the site's languages write (Latin, Greek, Cyrillic: up to U+2FFF)."""
    variants = {}
    for code in range(0x3000):
        char = chr(code)
        folded = fold(char)
        if len(folded) == 1:
            variants.setdefault(folded, set()).add(char)
    return variants
