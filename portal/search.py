"""Site search across pages and every registered section.

Each published item is copied into one SearchEntry row, with its text
lower-cased and stripped of diacritics in Python, so "romske" finds
"romské" on SQLite and PostgreSQL alike. PostgreSQL matches and ranks with
its full-text search (a GIN index on a stored tsvector of the normalised
text); SQLite falls back
to substring matching. Words are matched by their stem-ish prefix, which
covers most Czech endings ("menšiny" finds "menšina"). Scheduled items are
indexed with their publish_at and filtered at query time, so they appear on
time without any cron job.
"""

import re
import unicodedata

from django.contrib.contenttypes.models import ContentType
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Value
from django.db.models.signals import post_delete, post_save
from django.utils import timezone
from django.utils.html import escape, strip_tags
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from portal.models import Page, SearchEntry
from portal.publishing import Status
from portal.sections import sections

MAX_QUERY_LENGTH = 200
MAX_TERMS = 8
BODY_LIMIT = 200_000
SNIPPET = 240
RANKED_LIMIT = 1000
MAX_RESULTS = 1000  # pages of results offered; a search is refined, not paged


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


def terms(query):
    """Search terms of a query: folded words, trimmed to a stem-like
    prefix so that Czech endings don't matter."""
    words = re.findall(r"[^\W_]+", fold(query[:MAX_QUERY_LENGTH]))
    result = []
    for word in words:
        if len(word) < 2:
            continue
        stem = word[: max(4, len(word) - 2)] if len(word) > 5 else word
        if stem not in result:
            result.append(stem)
    return result[:MAX_TERMS]


# --- indexing ---------------------------------------------------------------


class PageSource:
    search_label = _("Stránka")
    search_models = (Page,)

    def search_queryset(self):
        return Page.objects.filter(status=Status.PUBLISHED)

    def search_text(self, page):
        return f"{page.lead}\n{strip_tags(page.body)}"


def sources():
    return [PageSource(), *sections()]


def source_for(model):
    for source in sources():
        if model in source.search_models:
            return source
    return None


def owner(obj):
    """The publishable item a saved object belongs to (a document for its
    file)."""
    if hasattr(obj, "document") and not hasattr(obj, "status"):
        return obj.document
    return obj


def index(obj):
    """Put one item in the index, or take it out when it isn't published."""
    item = owner(obj)
    source = source_for(type(item))
    if source is None:
        return
    content_type = ContentType.objects.get_for_model(type(item))
    if item.pk is None or item.status != Status.PUBLISHED:
        SearchEntry.objects.filter(
            content_type=content_type, object_id=item.pk
        ).delete()
        return
    SearchEntry.objects.update_or_create(
        content_type=content_type,
        object_id=item.pk,
        defaults=entry_fields(item, source),
    )


def entry_fields(item, source):
    body = " ".join(f"{item.title}. {source.search_text(item)}".split())[:BODY_LIMIT]
    text = fold(body)
    fields = {
        "kind": str(source.search_label),
        "title": item.title[:255],
        "url": item.get_absolute_url(),
        "body": body,
        "text": text,
        "publish_at": item.publish_at,
        "archived_at": item.archived_at,
    }
    if connection.vendor == "postgresql":
        fields["vector"] = SearchVector(Value(text), config="simple")
    return fields


def bulk_index(source, queryset, batch_size=1000):
    """Index many new published items at once, in bulk inserts (the bulk
    data generator's inserts send no signals), a batch of items at a time
    so that memory stays flat. Returns the count."""
    content_type = ContentType.objects.get_for_model(queryset.model)
    count, last = 0, 0
    while batch := list(queryset.filter(pk__gt=last).order_by("pk")[:batch_size]):
        SearchEntry.objects.bulk_create(
            SearchEntry(
                content_type=content_type,
                object_id=item.pk,
                **entry_fields(item, source),
            )
            for item in batch
        )
        count += len(batch)
        last = batch[-1].pk
    return count


def unindex(obj):
    item = owner(obj)
    if item is not obj:  # a file was deleted: its document stays
        index(item)
        return
    content_type = ContentType.objects.get_for_model(type(obj))
    SearchEntry.objects.filter(content_type=content_type, object_id=obj.pk).delete()


def _on_save(sender, instance, raw=False, **kwargs):
    if not raw:
        index(instance)


def _on_delete(sender, instance, **kwargs):
    unindex(instance)


def connect_signals():
    for source in sources():
        for model in source.search_models:
            post_save.connect(
                _on_save, sender=model, dispatch_uid=f"search-save-{model._meta.label}"
            )
            post_delete.connect(
                _on_delete,
                sender=model,
                dispatch_uid=f"search-delete-{model._meta.label}",
            )


def rebuild():
    SearchEntry.objects.all().delete()
    return sum(bulk_index(source, source.search_queryset()) for source in sources())


# --- querying ---------------------------------------------------------------


def search(query):
    """Live entries matching every term. On PostgreSQL, best first; a term
    so common that more than RANKED_LIMIT entries match is not worth
    ranking (nearly everything contains "romské" here), so those come
    newest first, which the publish_at index answers at once."""
    words = terms(query)
    if not words:
        return SearchEntry.objects.none(), words
    entries = SearchEntry.objects.filter(publish_at__lte=timezone.now()).defer(
        "text", "vector"
    )
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(
            " & ".join(f"{word}:*" for word in words),
            search_type="raw",
            config="simple",
        )
        entries = entries.filter(vector=tsquery)
        if entries[: RANKED_LIMIT + 1].count() > RANKED_LIMIT:
            return entries.order_by("-publish_at"), words
        return entries.annotate(rank=SearchRank(F("vector"), tsquery)).order_by(
            "-rank", "-publish_at"
        ), words
    for word in words:
        entries = entries.filter(text__contains=word)
    return entries.order_by("-publish_at"), words


def snippet(entry, words):
    """An escaped excerpt around the first match, matches in <mark>."""
    body = entry.body
    folded = fold(body)
    positions = [folded.find(word) for word in words if folded.find(word) >= 0]
    start = max(0, min(positions) - SNIPPET // 3) if positions else 0
    excerpt, folded_excerpt = (
        body[start : start + SNIPPET],
        folded[start : start + SNIPPET],
    )
    pattern = re.compile(
        "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    )
    out, cursor = [], 0
    for match in pattern.finditer(folded_excerpt):
        end = match.end()
        # Highlight the whole word the stem starts.
        while end < len(folded_excerpt) and folded_excerpt[end].isalnum():
            end += 1
        out.append(escape(excerpt[cursor : match.start()]))
        out.append(f"<mark>{escape(excerpt[match.start() : end])}</mark>")
        cursor = end
    out.append(escape(excerpt[cursor:]))
    prefix = "… " if start else ""
    suffix = " …" if start + SNIPPET < len(body) else ""
    return mark_safe(prefix + "".join(out) + suffix)  # noqa: S308 - every piece is escaped
