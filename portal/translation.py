"""Translated content: per-language columns on the same rows.

``@translated("title", "slug", "lead")`` on a model adds ``title_en``,
``title_uk``, ... beside the Czech ``title``. The Czech column stays the
field itself, so every query, constraint, form, history record and test that
names ``title`` keeps meaning the Czech text; only *reading* ``obj.title``
while English is active gives the English column, or the Czech text when the
English one is empty (the fallback). A list page therefore stays one query
per list in every language.

We chose this over django-modeltranslation because that package rewrites
queries (``filter(slug=...)`` becomes ``filter(slug_en=...)`` with no Czech
fallback), writes ``obj.title = ...`` into the active language's column and
needs its own admin base class; here the existing Czech code and its tests
cannot change behaviour.

``translation_state`` keeps, per language, a hash of the Czech text as it was
when that language's translation was last edited: when the Czech text has
changed since, the translation is stale ("překlad zastaral").
"""

import hashlib

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.db.models.query_utils import DeferredAttribute
from django.utils import translation
from django.utils.translation import gettext_lazy as _

# The languages with their own content columns. Columns are schema: adding
# one is a migration, so it is a list in code, not a setting. A language of
# the interface without columns simply shows the Czech content.
SOURCE_LANGUAGE = "cs"
CONTENT_LANGUAGES = ("en", "uk")
LANGUAGE_NAMES = {"en": _("anglicky"), "uk": _("ukrajinsky")}


def active_language():
    """The active content language, or None for Czech (and for languages
    without columns, which read the Czech text)."""
    code = (translation.get_language() or SOURCE_LANGUAGE).split("-")[0]
    return code if code in CONTENT_LANGUAGES else None


def column(name, lang):
    return f"{name}_{lang}"


def columns(model, *names):
    """``names`` with each translated one's columns in every content
    language: what ``only()`` must keep for ``obj.title`` to read as it does
    on a full row."""
    translated = getattr(model, "translated_fields", ())
    return [
        own
        for name in names
        for own in (
            [name, *(column(name, lang) for lang in CONTENT_LANGUAGES)]
            if name in translated
            else [name]
        )
    ]


def read_values(queryset, *names):
    """``queryset``'s rows as dicts of ``names``, each translated one in the
    active language or, where that is empty, in Czech (as ``obj.title``
    reads it): for many rows of which a few fields are shown (a feed's
    entries), where model instances cost more than the fields."""
    lang = active_language()
    translated = [
        name
        for name in names
        if name in getattr(queryset.model, "translated_fields", ())
    ]
    own = {name: column(name, lang) for name in translated} if lang else {}
    for row in queryset.values(*names, *own.values()):
        if "title" in own:
            # As a search entry says it (shows_czech()).
            row["czech_fallback"] = not row[own["title"]]
        for name, own_column in own.items():
            row[name] = row.pop(own_column) or row[name]
        yield row


def shows_czech(obj, field=None):
    """Whether ``obj`` (its ``field``, by default its title) is shown in
    Czech on a page or feed in another language. ``obj`` may be a row of
    read_values()."""
    visitor = (translation.get_language() or SOURCE_LANGUAGE).split("-")[0]
    if visitor == SOURCE_LANGUAGE:
        return False
    if visitor not in CONTENT_LANGUAGES:
        return True  # an interface language without content columns
    fallback = (
        obj.get("czech_fallback")
        if isinstance(obj, dict)
        else getattr(obj, "czech_fallback", None)
    )
    if isinstance(fallback, bool):
        return fallback  # a search entry or a row knows what it holds
    return not has_translation(obj, name=field)


class TranslatedAttribute(DeferredAttribute):
    """``obj.title``: the active language's column, else the Czech one."""

    def __get__(self, instance, cls=None):
        if instance is None:
            return self
        lang = active_language()
        if lang:
            value = instance.__dict__.get(column(self.field.attname, lang))
            if value:
                return value
        return super().__get__(instance, cls)

    def __set__(self, instance, value):
        # A data descriptor, so that reading goes through __get__ although
        # the value lives in the instance's __dict__ (a plain
        # DeferredAttribute is shadowed by it). Writing always sets Czech.
        instance.__dict__[self.field.attname] = value

    def czech(self, instance):
        return super().__get__(instance, type(instance))


def czech_value(instance, name):
    """The Czech text of ``name`` whatever language is active."""
    descriptor = type(instance).__dict__.get(name) or getattr(type(instance), name)
    if isinstance(descriptor, TranslatedAttribute):
        return descriptor.czech(instance)
    return getattr(instance, name)


def _read_czech(field):
    """Saving and serialising must always see the Czech column, even when a
    view in English saves the row (a visit counter, say)."""
    original_pre_save = field.pre_save

    def pre_save(instance, add):
        with translation.override(SOURCE_LANGUAGE):
            return original_pre_save(instance, add)

    def value_from_object(instance):
        return czech_value(instance, field.attname)

    field.pre_save = pre_save
    field.value_from_object = value_from_object


def _translation_field(field, lang):
    """A copy of ``field`` for ``lang``: optional, never unique (an empty
    translation is the normal case), labelled with the language."""
    name, path, args, kwargs = field.deconstruct()
    kwargs.update(
        blank=True,
        default="",
        verbose_name=f"{field.verbose_name} ({lang})",
    )
    for key in ("unique", "db_index", "help_text", "null"):
        kwargs.pop(key, None)
    if field.choices:
        kwargs.pop("choices", None)
    return type(field)(*args, **kwargs)


def _note_new_translations(sender, instance, raw=False, **kwargs):
    """A translation that appears without the admin (an import, the demo,
    the shell) counts as made for the Czech text it is saved with; only a
    later change of the Czech text makes it stale."""
    if raw:
        return
    state = instance.translation_state or {}
    missing = [
        lang
        for lang in CONTENT_LANGUAGES
        if lang not in state and has_translation(instance, lang)
    ]
    if missing:
        current = source_hash(instance)
        instance.translation_state = {**state, **dict.fromkeys(missing, current)}
    fill_slugs(instance)


def fill_slugs(instance):
    """A translated title without a slug of its own gets one, transliterated
    like the Czech ones, unless another item uses it. Cyrillic gives no
    ASCII slug: the item then keeps its Czech slug in that language."""
    names = instance.translated_fields
    if "slug" not in names:
        return
    from portal.czech import slugify

    source = "title" if "title" in names else names[0]
    max_length = type(instance)._meta.get_field("slug").max_length
    for lang in CONTENT_LANGUAGES:
        slug_column = column("slug", lang)
        if instance.__dict__.get(slug_column):
            continue
        slug = slugify(instance.__dict__.get(column(source, lang)) or "")[:max_length]
        if slug and not slug_taken(instance, lang, slug):
            setattr(instance, slug_column, slug)


def slug_taken(instance, lang, slug):
    """Whether another item answers at ``slug`` in ``lang`` (its slug in
    that language, or its Czech slug, which also works there). A model whose
    slugs are unique only among siblings (pages) says so itself."""
    if hasattr(instance, "translated_slug_taken"):
        return instance.translated_slug_taken(lang, slug)
    return (
        type(instance)
        ._default_manager.filter(Q(**{column("slug", lang): slug}) | Q(slug=slug))
        .exclude(pk=instance.pk)
        .exists()
    )


def _refresh_in_czech(model):
    """refresh_from_db() copies each field with getattr(): in English it
    would copy the English text into the Czech column."""
    original_refresh = model.refresh_from_db

    def refresh_from_db(self, *args, **kwargs):
        with translation.override(SOURCE_LANGUAGE):
            return original_refresh(self, *args, **kwargs)

    model.refresh_from_db = refresh_from_db


def _validate_slugs(model):
    """The model's clean() also refuses a translated slug another item
    already answers at, with a Czech message for the admin form."""
    original_clean = model.clean

    def clean(self):
        original_clean(self)
        errors = {}
        for lang in CONTENT_LANGUAGES:
            slug = self.__dict__.get(column("slug", lang))
            if slug and slug_taken(self, lang, slug):
                errors[column("slug", lang)] = _(
                    "Adresu „%(slug)s“ už v tomto jazyce používá jiná položka."
                ) % {"slug": slug}
        if errors:
            raise ValidationError(errors)

    model.clean = clean


def translated(*names):
    """Class decorator: per-language columns for ``names``."""

    def decorate(model):
        model.translated_fields = tuple(names)
        for name in names:
            field = model._meta.get_field(name)
            for lang in CONTENT_LANGUAGES:
                model.add_to_class(column(name, lang), _translation_field(field, lang))
            _read_czech(field)
            setattr(model, field.attname, TranslatedAttribute(field))
        if "slug" in names:
            _validate_slugs(model)
        _refresh_in_czech(model)
        models.signals.pre_save.connect(
            _note_new_translations, sender=model, weak=False
        )
        if not any(f.name == "translation_state" for f in model._meta.local_fields):
            model.add_to_class(
                "translation_state",
                models.JSONField(
                    _("stav překladů"), default=dict, blank=True, editable=False
                ),
            )
        return model

    return decorate


def is_translated_model(model):
    return bool(getattr(model, "translated_fields", ()))


def has_translation(instance, lang=None, name=None):
    """Whether ``instance`` has its ``lang`` text (its title, or the first
    translated field when it has no title)."""
    lang = lang or active_language()
    if lang is None:
        return True
    if not is_translated_model(type(instance)):
        return False
    name = name or (
        "title"
        if "title" in instance.translated_fields
        else instance.translated_fields[0]
    )
    return bool(instance.__dict__.get(column(name, lang)))


def edited_fields(model):
    """The translated fields an editor writes (a page's path is derived)."""
    return [
        name for name in model.translated_fields if model._meta.get_field(name).editable
    ]


def source_hash(instance):
    """A hash of every Czech text of ``instance`` that has a translation."""
    digest = hashlib.sha256()
    for name in edited_fields(type(instance)):
        digest.update(str(czech_value(instance, name) or "").encode())
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def translation_changed(instance, changed_fields):
    """Record that ``instance``'s translations named in ``changed_fields``
    were edited against its current Czech text."""
    state = dict(instance.translation_state or {})
    current = source_hash(instance)
    for lang in CONTENT_LANGUAGES:
        if any(
            column(name, lang) in changed_fields for name in instance.translated_fields
        ):
            state[lang] = current
    instance.translation_state = state


def stale_languages(instance):
    """Languages whose translation exists but was made for an older Czech
    text than the current one."""
    current = source_hash(instance)
    state = instance.translation_state or {}
    return [
        lang
        for lang in CONTENT_LANGUAGES
        if has_translation(instance, lang) and state.get(lang) != current
    ]


def slug_lookup(model, slug, field="slug"):
    """The condition that finds ``slug`` in the active language's ``field``
    or in the Czech one (the fallback: a Czech URL with an /en/ prefix
    works)."""
    lang = active_language()
    if lang and field in getattr(model, "translated_fields", ()):
        return Q(**{column(field, lang): slug}) | Q(**{field: slug})
    return Q(**{field: slug})


def get_by_slug(queryset, slug, field="slug"):
    """The one item of ``queryset`` at ``slug``: its translated slug (or
    ``field``) first, then a Czech one."""
    from django.http import Http404

    lang = active_language()
    # Unordered: at most two rows, sorted here; ordering them in SQL cost a
    # programme page 0.7 ms of the ORM's time for its 89 columns.
    queryset = queryset.order_by()
    items = list(queryset.filter(slug_lookup(queryset.model, slug, field))[:2])
    if len(items) > 1:
        items.sort(key=lambda item: item.__dict__.get(column(field, lang)) != slug)
    if not items:
        raise Http404
    return items[0]


def language_first(files, lang=None):
    """``files`` with those in the visitor's language first (a document's
    Ukrainian version on its Ukrainian page); otherwise in their order."""
    lang = lang or active_language()
    files = list(files)
    if lang:
        files.sort(key=lambda file: getattr(file, "language", None) != lang)
    return files
