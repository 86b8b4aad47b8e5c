"""The admin's side of translated content (portal/translation.py): each
language's fields in a fieldset of their own below the Czech ones, a
"Překlady" column that shows which are missing or stale, and the record of
when a translation was last edited."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from portal import translation


def translation_columns(model):
    if not translation.is_translated_model(model):
        return set()
    return {
        translation.column(name, lang)
        for name in translation.edited_fields(model)
        for lang in translation.CONTENT_LANGUAGES
    }


def with_translation_fieldsets(model, fieldsets):
    """``fieldsets`` without the translation columns, then one fieldset per
    language with them in the order of the Czech fields (a collapsible
    <details> that works without JavaScript)."""
    columns = translation_columns(model)
    if not columns:
        return fieldsets
    kept = [
        (
            name,
            {**options, "fields": [f for f in options["fields"] if f not in columns]},
        )
        for name, options in fieldsets
    ]
    for lang in translation.CONTENT_LANGUAGES:
        kept.append(
            (
                _("Překlad: %(language)s (%(code)s)")
                % {"language": translation.LANGUAGE_NAMES[lang], "code": lang},
                {
                    "fields": [
                        translation.column(name, lang)
                        for name in translation.edited_fields(model)
                    ],
                    "classes": ["collapse", f"translation-{lang}"],
                    "description": _(
                        "Prázdné pole = návštěvník v tomto jazyce uvidí český text "
                        "s poznámkou, že je jen česky."
                    ),
                },
            )
        )
    return kept


class MissingTranslationFilter(admin.SimpleListFilter):
    """ "Překlad chybí: anglicky": the items an editor still has to
    translate (judged by the title, or the first translated field)."""

    title = _("překlad chybí")
    parameter_name = "preklad_chybi"

    def lookups(self, request, model_admin):
        return [
            (lang, translation.LANGUAGE_NAMES[lang])
            for lang in translation.CONTENT_LANGUAGES
        ]

    def queryset(self, request, queryset):
        lang = self.value()
        if lang not in translation.CONTENT_LANGUAGES:
            return queryset
        names = queryset.model.translated_fields
        name = "title" if "title" in names else names[0]
        return queryset.filter(**{translation.column(name, lang): ""})


class TranslatedAdminMixin:
    """For every admin: a no-op unless its model has translated fields."""

    def get_fieldsets(self, request, obj=None):
        return with_translation_fieldsets(
            self.model, super().get_fieldsets(request, obj)
        )

    def get_list_display(self, request):
        list_display = super().get_list_display(request)
        if translation.is_translated_model(self.model):
            return [*list_display, "translation_status"]
        return list_display

    def get_list_filter(self, request):
        list_filter = super().get_list_filter(request)
        if translation.is_translated_model(self.model):
            return [*list_filter, MissingTranslationFilter]
        return list_filter

    @admin.display(description=_("Překlady"))
    def translation_status(self, obj):
        stale = translation.stale_languages(obj)
        parts = []
        for lang in translation.CONTENT_LANGUAGES:
            if not translation.has_translation(obj, lang):
                parts.append(_("%(code)s chybí") % {"code": lang})
            elif lang in stale:
                parts.append(_("%(code)s zastaral") % {"code": lang})
            else:
                parts.append(_("%(code)s ✓") % {"code": lang})
        return ", ".join(str(part) for part in parts)

    def save_model(self, request, obj, form, change):
        if translation.is_translated_model(self.model):
            translation.translation_changed(obj, form.changed_data)
        super().save_model(request, obj, form, change)
