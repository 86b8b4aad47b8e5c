"""The admin in Czech: buttons that read as Czech sentences, amounts written
the Czech way. Every app's admin builds on these."""

import json
import re
from decimal import Decimal

from django import forms
from django.apps import apps
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from portal.czech import format_number
from portal.translation_admin import TranslatedAdminMixin


class AmountInput(forms.TextInput):
    """An amount as Czech write it: "100 000", "1 234,50", not "100000.00"."""

    def format_value(self, value):
        if isinstance(value, Decimal):
            return format_number(value, 0 if value == value.to_integral() else 2)
        return super().format_value(value)


class AmountField(forms.DecimalField):
    """Reads what AmountInput shows (spaces between thousands, a decimal
    comma) as well as "100000.00"."""

    widget = AmountInput

    def to_python(self, value):
        if isinstance(value, str):
            value = re.sub(r"[\s\u00a0]", "", value).replace(",", ".")
        return super().to_python(value)

    def widget_attrs(self, widget):
        # Not type=number (which refuses spaces): a text box with a numeric
        # keyboard on phones.
        return {"inputmode": "decimal"}


AMOUNTS = {models.DecimalField: {"form_class": AmountField, "widget": AmountInput}}


class CzechInline:
    """An inline that says "Přidat další změnu alokace" (its
    ``accusative``) and writes amounts the Czech way."""

    accusative = None
    formfield_overrides = AMOUNTS


class CzechAdmin(TranslatedAdminMixin, admin.ModelAdmin):
    """An admin whose buttons read as Czech sentences: "Přidat dotaci",
    not Django's "Přidat Přidělená dotace". ``accusative`` is the model's
    name in the accusative ("přidělenou dotaci"); inlines set theirs on
    themselves (``CzechInline``). Admins without it fall back to the
    locale's neutral "Přidat záznam (…)"."""

    accusative = None
    formfield_overrides = AMOUNTS

    def add_label(self):
        if self.accusative:
            return _("Přidat %(name)s") % {"name": self.accusative}
        return None

    def changelist_view(self, request, extra_context=None):
        extra_context = {"add_label": self.add_label(), **(extra_context or {})}
        return super().changelist_view(request, extra_context)

    def add_view(self, request, form_url="", extra_context=None):
        extra_context = extra_context or {}
        if self.accusative:
            extra_context.setdefault("title", self.add_label())
            extra_context.setdefault("add_label", self.add_label())
        return super().add_view(request, form_url, extra_context)

    def get_inline_formsets(self, request, formsets, inline_instances, obj=None):
        inline_admin_formsets = super().get_inline_formsets(
            request, formsets, inline_instances, obj
        )
        for inline_admin_formset in inline_admin_formsets:
            accusative = getattr(inline_admin_formset.opts, "accusative", None)
            if accusative:
                inline_admin_formset.inline_formset_data = _add_text(
                    inline_admin_formset.inline_formset_data,
                    _("Přidat další %(name)s") % {"name": accusative},
                )
        return inline_admin_formsets


def _add_text(inline_formset_data, text):
    """The inline's JSON for inlines.js with its own "add another" text."""

    def data():
        value = json.loads(inline_formset_data())
        value["options"]["addText"] = str(text)
        return json.dumps(value)

    return data


# Django names the default permissions in English ("Can add access
# attempt"); the back office names them in Czech from the model's own
# (Czech) verbose name.
PERMISSION_VERBS = {
    "add": "Smí přidávat",
    "change": "Smí měnit",
    "delete": "Smí mazat",
    "view": "Smí zobrazit",
}


# Apps and models of third-party packages that have no Czech name of their
# own (no verbose_name, or one not marked for translation).
APP_NAMES = {
    "otp_static": "Dvoufázové ověření – záložní kódy",
    "otp_totp": "Dvoufázové ověření – aplikace",
    "reversion": "Historie verzí",
}
MODEL_NAMES = {
    "otp_static.staticdevice": ("sada záložních kódů", "sady záložních kódů"),
    "otp_static.statictoken": ("záložní kód", "záložní kódy"),
    "otp_totp.totpdevice": ("ověřovací aplikace", "ověřovací aplikace"),
    "reversion.revision": ("revize", "revize"),
    "reversion.version": ("verze", "verze"),
}


def permission_label(permission):
    """ "Úřední deska | oznámení na úřední desce | Smí přidávat: oznámení na
    úřední desce" for a permission of the group and user forms."""
    content_type = permission.content_type
    model = content_type.model_class()
    if model is None:
        return permission.name
    opts = model._meta
    singular, plural = MODEL_NAMES.get(
        opts.label_lower, (opts.verbose_name, opts.verbose_name_plural)
    )
    action, _sep, rest = permission.codename.partition("_")
    if action in PERMISSION_VERBS and rest == opts.model_name:
        name = f"{PERMISSION_VERBS[action]}: {plural}"
    else:
        name = permission.name
    app = APP_NAMES.get(
        content_type.app_label, apps.get_app_config(content_type.app_label).verbose_name
    )
    return f"{app} | {singular} | {name}"


class CzechPermissionsMixin:
    """The permission pickers of the group and user forms, in Czech."""

    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field:
            field.label_from_instance = permission_label
        return field
