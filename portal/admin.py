import json
import re
import secrets
from decimal import Decimal
from itertools import chain

from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.contrib.auth import get_permission_codename
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import models, router, transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive

from editorial import services as editions
from editorial.models import Edition
from portal import approval, history, search
from portal.czech import format_datetime, format_number
from portal.models import (
    Approval,
    Link,
    LinkGroup,
    OfficeHours,
    Organisation,
    Page,
    Person,
    Resolution,
    SearchTerm,
    SiteSettings,
    Status,
    Topic,
)
from portal.translation_admin import TranslatedAdminMixin
from portal.uploads import safe_filename

admin.site.site_header = _("Správa portálu odboru sociálních věcí")
admin.site.site_title = _("Správa portálu")
admin.site.index_title = _("Přehled")

PUBLISHING_FIELDSET = (
    _("Zveřejnění"),
    {
        "fields": [
            "status",
            "publish_at",
            "archived_at",
            "topics",
            "responsible",
            "review_at",
        ]
    },
)


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


def guard_against_overwrites(form_class, obj):
    """``form_class`` with a hidden field holding what the form was opened
    on: ``obj``'s newest version and a fingerprint of it and its rows
    (history.seen_token). Saving over anything newer, written through this
    admin, another admin (a link group in its own admin) or any other path,
    is refused with who changed what and when; the form comes back with the
    editor's input (inlines too) and now remembers the newer state, so the
    editor merges and saves again. A post without the field, or with
    another item's version, is refused the same way and shows nothing of
    any other item."""

    def clean(self):
        cleaned_data = super(guarded, self).clean()
        name = self.add_prefix("opened_version")
        version_id, _colon, posted = self.data.get(name, "").partition(":")
        seen = history.version_of(self.instance, version_id) if version_id else None
        now = history.seen_token(self.instance)
        if _colon and (seen or not version_id) and posted == now.partition(":")[2]:
            return cleaned_data
        latest = history.latest_version(self.instance)
        data = self.data.copy()
        data[name] = now
        self.data = data
        if not _colon or (version_id and seen is None):
            # A script's post, or another item's version: nothing of what
            # that version holds is shown.
            self.conflict = None
            raise ValidationError(
                _(
                    "Formulář nenese údaj o verzi položky, ze které jste "
                    "vycházeli, a tak by mohl přepsat novější změny. Vaše úpravy "
                    "jsme neuložili; zůstaly ve formuláři. Zkontrolujte je a "
                    "uložte znovu."
                )
            )
        if latest is None or seen == latest:
            self.conflict = None
            raise ValidationError(
                _(
                    "Položku nebo její části (např. odkazy, soubory) mezitím "
                    "změnil někdo jiný, v jiné části správy. Vaše úpravy jsme "
                    "neuložili, aby tuto změnu nepřepsaly; zůstaly ve formuláři. "
                    "Zkontrolujte položku a uložte znovu."
                )
            )
        what = history.changed_labels(seen, latest) if seen else []
        self.conflict = {
            "revision": latest.revision,
            "changes": history.compare(seen, latest) if seen else None,
        }
        raise ValidationError(
            _(
                "Položku mezitím uložil(a) %(who)s %(when)s (změněno: %(what)s). "
                "Vaše úpravy jsme neuložili, aby nepřepsaly tuto změnu; zůstaly "
                "ve formuláři. Porovnejte je s rozdíly níže, převezměte, co "
                "z nich platí, a uložte znovu."
            )
            % {
                "who": history.author(latest.revision),
                "when": format_datetime(latest.revision.date_created),
                "what": ", ".join(what) or latest.revision.get_comment() or "–",
            }
        )

    guarded = type(form_class)(
        form_class.__name__,
        (form_class,),
        {
            "__module__": form_class.__module__,
            "opened_version": forms.CharField(
                widget=forms.HiddenInput,
                required=False,
                initial=history.seen_token(obj),
            ),
            "clean": clean,
        },
    )
    return guarded


PENDING_SALT = "portal.admin.pending-upload"
PENDING_KEPT = 24 * 3600  # seconds a kept upload's token stays valid
# A kept upload may be a draft's document file: it waits in the private
# storage (settings.STORAGES, under PORTAL_PRIVATE_ROOT), which the web
# server never serves, not in public media.
PENDING_STORAGE = "documents"


def prune_pending(storage, now=None):
    """Remove kept uploads whose tokens have expired: nothing else would."""
    now = now or timezone.now()
    try:
        folders, _files = storage.listdir("pending")
    except (FileNotFoundError, NotImplementedError):
        return
    for folder in folders:
        names = storage.listdir(f"pending/{folder}")[1]
        paths = [f"pending/{folder}/{name}" for name in names]
        if all(
            (now - storage.get_modified_time(path)).total_seconds() > PENDING_KEPT
            for path in paths
        ):
            for path in paths:
                storage.delete(path)


def keep_uploads(form_class):
    """``form_class`` that keeps a file chosen in a form that came back with
    an error: the upload is stored under an unguessable name, the form
    carries a signed reference to it (portal's change_form.html renders
    it), and the next post uses it unless another file is chosen."""
    names = [
        name
        for name, field in form_class.base_fields.items()
        if isinstance(field, forms.FileField)
    ]
    if not names:
        return form_class

    def full_clean(self):
        self.kept_uploads = {}
        if self.is_bound:
            for name in names:
                restore(self, name)
        super(kept, self).full_clean()
        if self.is_bound and self._errors:
            for name in names:
                keep(self, name)

    def restore(form, name):
        key = form.add_prefix(name)
        token = form.data.get(f"{key}__kept")
        if not token or form.files.get(key):
            return
        try:
            path = signing.loads(token, salt=PENDING_SALT, max_age=PENDING_KEPT)
        except signing.BadSignature:
            return
        storage = storages[PENDING_STORAGE]
        if not storage.exists(path):
            return
        with storage.open(path) as stored:
            upload = SimpleUploadedFile(path.rsplit("/", 1)[-1], stored.read())
        files = form.files.copy()
        files[key] = upload
        form.files = files
        form.kept_uploads[name] = {"key": f"{key}__kept", "token": token}

    def keep(form, name):
        key = form.add_prefix(name)
        upload = form.files.get(key)
        if upload is None or name in form.errors:
            return
        if name not in form.kept_uploads:
            upload.seek(0)
            storage = storages[PENDING_STORAGE]
            prune_pending(storage)
            path = storage.save(
                f"pending/{secrets.token_hex(12)}/{safe_filename(upload.name)}",
                upload,
            )
            form.kept_uploads[name] = {
                "key": f"{key}__kept",
                "token": signing.dumps(path, salt=PENDING_SALT),
            }
        # The bound field copied the help text when the form was cleaned.
        form.fields[name].help_text = form[name].help_text = _(
            "Vybraný soubor „%(name)s“ zůstává připravený; po opravě chyb se "
            "uloží, nemusíte ho vybírat znovu."
        ) % {"name": upload.name}

    kept = type(form_class)(
        form_class.__name__,
        (form_class,),
        {"__module__": form_class.__module__, "full_clean": full_clean},
    )
    return kept


class HistoryAdmin(CzechAdmin, VersionAdmin):
    """The admin of every model with history (django-reversion), which
    keeps its revert and recover views inside the editor's permissions.

    Reversion finds a version by its id alone and then reverts its whole
    revision: through any admin, a version of any model could be restored.
    Here a version must belong to this admin's model (and, for a revert,
    to the object in the URL), or the answer is 404. Restoring it needs
    change permission on every object its revision writes back, add
    permission on every one it re-creates, and delete permission on
    everything it removes (objects added since that the revision does not
    hold, and what their deletion cascades to); otherwise 403 and nothing
    changes.

    Even showing an old version reverts its revision (in a transaction
    rolled back afterwards), and reversion checks the model permission
    only after that; here the revert never runs for a user who may not see
    its result: 403 first.
    """

    object_history_template = "admin/history.html"

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = keep_uploads(super().get_form(request, obj, change, **kwargs))
        return guard_against_overwrites(form, obj) if obj is not None else form

    def get_fields(self, request, obj=None):
        # The hidden version field is rendered by the template, not in a
        # fieldset (admins without fieldsets list the form's fields).
        fields = super().get_fields(request, obj)
        return [field for field in fields if field != "opened_version"]

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                "<path:object_id>/history/compare/",
                self.admin_site.admin_view(self.compare_view),
                name=f"{opts.app_label}_{opts.model_name}_compare",
            )
        ] + super().get_urls()

    def history_view(self, request, object_id, extra_context=None):
        # The versions, newest first, for the compare form's choices.
        versions = Version.objects.get_for_object_reference(
            self.model, unquote(object_id)
        ).select_related("revision", "revision__user")
        extra_context = {"versions": versions, **(extra_context or {})}
        return super().history_view(request, object_id, extra_context)

    def construct_change_message(self, request, form, formsets, add=False):
        # Called after the save, before this revision is written: the
        # newest version is the one the edit started from.
        if not add:
            form.__dict__["changed_data"] = history.really_changed(
                form.instance, form.changed_data
            )
        return super().construct_change_message(request, form, formsets, add)

    def compare_view(self, request, object_id):
        """Two versions of one object side by side, field by field: ?old=
        and ?new= are version ids (new defaults to the newest)."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        object_id = unquote(object_id)
        obj = get_object_or_404(self.model, pk=object_id)
        try:
            old = self._own_version_or_404(
                int(request.GET.get("old", "")), object_id=object_id
            )
            new_id = request.GET.get("new")
            new = (
                self._own_version_or_404(int(new_id), object_id=object_id)
                if new_id
                else history.latest_version(obj)
            )
        except ValueError:
            raise Http404 from None
        if old.revision.date_created > new.revision.date_created:
            old, new = new, old
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "object": obj,
            "title": _("Porovnání verzí: %(object)s") % {"object": obj},
            "old": old,
            "new": new,
            "changes": history.compare(old, new),
            "restore_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_revision",
                args=[quote(old.object_id), old.pk],
            ),
        }
        return TemplateResponse(request, "admin/history_compare.html", context)

    def recover_view(self, request, version_id, extra_context=None):
        if not (
            self.has_add_permission(request) and self.has_change_permission(request)
        ):
            raise PermissionDenied
        version = self._own_version_or_404(version_id)
        self._check_revision_permissions(request, version)
        return super().recover_view(request, version_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        version = self._own_version_or_404(version_id, object_id=unquote(object_id))
        self._check_revision_permissions(request, version)
        return super().revision_view(request, object_id, version_id, extra_context)

    def _reversion_revisionform_view(self, request, version, *args, **kwargs):
        # Reversion reverts the whole revision the version belongs to, which
        # may hold other items (each one's rows, or a bulk change): the
        # restore would write them back too. Only this item and its rows
        # are restored.
        version.revision.revert = lambda delete=False: history.restore_item(version)
        return super()._reversion_revisionform_view(request, version, *args, **kwargs)

    def _own_version_or_404(self, version_id, object_id=None):
        versions = Version.objects.get_for_model(self.model)
        if object_id is not None:
            versions = versions.filter(object_id=object_id)
        return get_object_or_404(versions, pk=version_id)

    def _check_revision_permissions(self, request, version):
        """A POST that would restore what the user may not touch is refused;
        the form it would come from, where it offers to save, warns."""
        if request.method == "POST":
            if self.revision_refusals(request, version):
                raise PermissionDenied
        elif self.has_change_permission(request):
            refused = self.revision_refusals(request, version)
            if refused:
                messages.warning(
                    request,
                    _(
                        "Tuto verzi nemůžete obnovit, protože by změnila i "
                        "%(objects)s a k tomu nemáte oprávnění."
                    )
                    % {"objects": ", ".join(refused)},
                )

    def revision_refusals(self, request, version):
        """What restoring ``version`` (its item and rows) would write,
        re-create or delete without the user's permission, as Czech names
        of models."""
        refused = set()
        present = []
        for held in history.item_versions(version):
            model = held._model
            if model is None:  # a model removed since; nobody may restore it
                refused.add(str(_("odstraněný typ obsahu")))
                continue
            objects = model._default_manager.using(held.db)
            obj = objects.filter(pk=held.object_id).first()
            if obj is None:
                needed = ["add", "change"]
            else:
                needed = ["change"]
                present.append(obj)
            if not all(
                self.has_model_permission(request, action, model, obj)
                for action in needed
            ):
                refused.add(str(model._meta.verbose_name_plural))
        # Reversion's revert(delete=True) removes what the restored objects
        # hold now and the revision does not, as the Collector would.
        added_since = set(
            chain.from_iterable(_follow_relations_recursive(obj) for obj in present)
        ) - set(present)
        if added_since:
            collector = NestedObjects(using=router.db_for_write(self.model))
            collector.collect(list(added_since))
            for model, objs in collector.model_objs.items():
                if not all(
                    self.has_model_permission(request, "delete", model, obj)
                    for obj in objs
                ):
                    refused.add(str(model._meta.verbose_name_plural))
        return sorted(refused)

    def has_model_permission(self, request, action, model, obj=None):
        """Whether the user may ``action`` ("add", "change", "delete",
        "view") ``model`` (or ``obj``): the model's own admin decides where
        there is one; an inline's model answers with the user's model
        permission."""
        model_admin = self.admin_site._registry.get(model)
        if model_admin is not None:
            if action == "add":
                return model_admin.has_add_permission(request)
            return getattr(model_admin, f"has_{action}_permission")(request, obj)
        codename = get_permission_codename(action, model._meta)
        return request.user.has_perm(f"{model._meta.app_label}.{codename}")


class _RolledBack(Exception):
    """Carries a response out of the transaction it was made in."""

    def __init__(self, response):
        self.response = response


def _parse_moment(text):
    """A date and time as the admin's own date fields read it (Czech: "17. 9.
    2027 8:00"), aware in the site's zone; or None."""
    try:
        return forms.DateTimeField().clean(text)
    except ValidationError:
        return None


class WebStateFilter(admin.SimpleListFilter):
    """What the list's "na webu" column says, as a filter (it reads the
    annotations PublishableAdmin.get_queryset adds)."""

    title = _("na webu")
    parameter_name = "na_webu"

    def lookups(self, request, model_admin):
        return [
            ("koncept", _("koncept")),
            ("ceka", _("čeká na schválení")),
            ("zverejneno", _("zveřejněno")),
            ("zmena", _("zveřejněno · rozpracovaná změna")),
            ("naplanovano", _("naplánováno")),
        ]

    def queryset(self, request, queryset):
        now = timezone.now()
        published = Q(status=Status.PUBLISHED)
        return {
            "koncept": lambda: queryset.filter(
                status=Status.DRAFT, approval_pending=False
            ),
            "ceka": lambda: queryset.filter(
                Q(status=Status.DRAFT, approval_pending=True)
                | Q(open_edition_state="submitted")
            ),
            "zverejneno": lambda: queryset.filter(published, publish_at__lte=now),
            "zmena": lambda: queryset.filter(
                published, open_edition_state__isnull=False
            ),
            "naplanovano": lambda: queryset.filter(published, publish_at__gt=now),
        }.get(self.value(), lambda: queryset)()


class PublishableAdmin(HistoryAdmin):
    """The admin every publishable content type builds on: history and
    recovery (django-reversion), who changed what, and publishing actions."""

    list_display = ["title", "status", "publish_state", "publish_at", "updated_at"]
    list_filter = ["status", "topics"]
    search_fields = ["title"]
    autocomplete_fields = ["topics", "responsible"]
    readonly_fields = ["created_at", "created_by", "updated_at", "updated_by"]
    prepopulated_fields = {"slug": ["title"]}
    date_hierarchy = "publish_at"
    actions = ["publish", "unpublish", "archive", "unarchive"]
    save_on_top = True

    AUDIT_FIELDSET = (
        _("Záznam o změnách"),
        {
            "fields": ["created_at", "created_by", "updated_at", "updated_by"],
            "classes": ["collapse"],
        },
    )

    # A published item (live or scheduled) is changed through a draft of
    # the change (editorial.Edition): the change form loads the draft into
    # the rows, saves the editor's input there, keeps what the rows then
    # hold as the new draft and rolls the rows back, so the public keeps the
    # published edition until the draft is published (directly, after
    # approval, or at its scheduled time).

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or obj.status != Status.PUBLISHED:
            return super().change_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST" and "_discard_change" in request.POST:
            return self._discard_change(request, obj)
        if request.method == "POST" and "_withdraw" in request.POST:
            return self._withdraw(request, obj)
        edition = editions.open_edition(obj)
        return self._through_draft(
            request,
            obj,
            extra_context,
            load=(lambda: editions.load(edition)) if edition else None,
            view=lambda context: self.changeform_view(
                request, object_id, form_url, context
            ),
        )

    def _reversion_revisionform_view(self, request, version, *args, **kwargs):
        obj = self.model._default_manager.filter(pk=version.object_id).first()
        if obj is None or obj.status != Status.PUBLISHED:
            return super()._reversion_revisionform_view(
                request, version, *args, **kwargs
            )
        # Restoring an older version of a live item makes it the draft.
        template_name, extra_context = args[0], (args[1:] or [None])[0]
        return self._through_draft(
            request,
            obj,
            extra_context,
            load=lambda: history.restore_item(version),
            view=lambda context: self.changeform_view(
                request, quote(str(obj.pk)), request.path, context
            ),
            template_name=template_name,
        )

    def _through_draft(self, request, obj, extra_context, load, view, **kwargs):
        request.editing_draft = True
        edition = editions.open_edition(obj)
        context = {"edition": edition, **(extra_context or {})}
        captured = None
        try:
            with transaction.atomic():
                if load is not None:
                    load()
                response = view(context)
                if request.method == "POST" and response.status_code == 302:
                    captured = editions.capture(obj)
                elif hasattr(response, "render"):
                    if kwargs.get("template_name"):
                        response.template_name = kwargs["template_name"]
                    response.render()  # with the draft, before the rollback
                raise _RolledBack(response)
        except _RolledBack as rolled_back:
            response = rolled_back.response
        if captured is None:
            return response
        return self._keep_draft(request, obj, captured)

    def log_change(self, request, obj, message):
        # In a draft's rolled-back transaction the log entry is lost; the
        # draft's revision keeps what changed instead.
        if getattr(request, "editing_draft", False):
            request.draft_change_message = (
                json.dumps(message) if isinstance(message, list) else message
            )
        return super().log_change(request, obj, message)

    def _keep_draft(self, request, obj, captured):
        may_publish = approval.may_publish(request.user)
        submit = "_submit_approval" in request.POST and not may_publish
        edition = editions.save_draft(
            obj,
            captured,
            request.user,
            submitted=submit,
            comment=getattr(request, "draft_change_message", ""),
        )
        change_url = request.path
        if edition.state == Edition.State.SUBMITTED and not submit:
            # Saved again while waiting: the approver is asked about this
            # newer draft, and an approval of the one seen before is refused.
            approval.submit(request, obj, edition=edition)
            done = _(
                "Změnu „%(title)s“ jsme uložili; schvalovatel uvidí tuto novou "
                "verzi. Na webu zatím platí zveřejněná verze."
            )
            return self._done(request, obj, done)
        if submit:
            approval.submit(request, obj, edition=edition)
            done = _(
                "Změnu „%(title)s“ jsme odeslali ke schválení; na webu zatím "
                "platí zveřejněná verze."
            )
            return self._done(request, obj, done, "changelist")
        if may_publish and "_schedule_change" in request.POST:
            when = _parse_moment(request.POST.get("go_live_at", ""))
            if when is None or when <= timezone.now():
                messages.error(
                    request,
                    _(
                        "Zadejte budoucí datum a čas zveřejnění změny, např. "
                        "17. 9. 2027 8:00. Změnu jsme uložili jako rozpracovanou."
                    ),
                )
                return redirect(change_url)
            editions.schedule(edition, request.user, when)
            return self._done(
                request,
                obj,
                _("Změna „%(title)s“ se zveřejní %(when)s.")
                % {"title": "%(title)s", "when": format_datetime(when)},
                "changelist",
            )
        if may_publish and "_save_draft" not in request.POST:
            # Roles that publish save through the same draft, published at
            # once.
            editions.publish(edition, request.user)
            return self._done(request, obj, _("Změna „%(title)s“ je zveřejněná."))
        return self._done(
            request,
            obj,
            _(
                "Změnu „%(title)s“ jsme uložili jako rozpracovanou; na webu zatím "
                "platí zveřejněná verze."
            ),
        )

    def _done(self, request, obj, message, where="change"):
        messages.success(request, message % {"title": obj})
        opts = self.model._meta
        if where == "changelist":
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)

    def _discard_change(self, request, obj):
        edition = editions.open_edition(obj)
        if edition is not None:
            editions.discard(edition)
            pending = approval.pending_for(obj)
            if pending is not None and pending.edition_id == edition.pk:
                pending.delete()
        return self._done(
            request, obj, _("Rozpracovanou změnu „%(title)s“ jsme zahodili.")
        )

    def _withdraw(self, request, obj):
        if not request.user.has_perm(approval.APPROVE):
            raise PermissionDenied
        reason = request.POST.get("withdraw_reason", "").strip()
        if not reason:
            messages.error(request, _("Napište, proč položku stahujete z webu."))
            return redirect(request.path)
        editions.withdraw(obj, request.user, reason)
        return self._done(request, obj, _("„%(title)s“ jsme stáhli z webu."))

    def has_delete_permission(self, request, obj=None):
        if obj is not None and self._public_and_unapproved(request, obj):
            return False
        return super().has_delete_permission(request, obj)

    @staticmethod
    def _public_and_unapproved(request, obj):
        return obj.status == Status.PUBLISHED and not approval.may_publish(request.user)

    def has_publish_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and approval.may_publish(
            request.user
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not approval.may_publish(request.user):
            # New items stay drafts until an approver publishes them.
            fields.append("status")
        return fields

    def render_change_form(self, request, context, add=False, change=False, **kw):
        obj = context.get("original")
        may_change = context.get("has_change_permission", True)
        may_publish = approval.may_publish(request.user)
        context["submit_for_approval"] = not may_publish and may_change
        context["pending_approval"] = obj is not None and approval.pending_for(obj)
        if getattr(request, "editing_draft", False):
            context["editing_draft"] = True
            context["publish_change"] = may_publish and may_change
            context["may_withdraw"] = request.user.has_perm(approval.APPROVE)
        return super().render_change_form(request, context, add, change, **kw)

    def _after_save(self, request, obj, response):
        if "_submit_approval" not in request.POST or approval.may_publish(request.user):
            return response
        approval.submit(request, obj)
        messages.success(
            request,
            _("„%(title)s“ jsme odeslali ke schválení; o výsledku vám přijde e-mail.")
            % {"title": obj},
        )
        opts = self.model._meta
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")

    def response_add(self, request, obj, post_url_continue=None):
        response = super().response_add(request, obj, post_url_continue)
        return self._after_save(request, obj, response)

    def response_change(self, request, obj):
        if getattr(request, "editing_draft", False):
            # The draft is kept after the rollback (_keep_draft), which
            # decides where to go and what to say.
            return redirect(request.path)
        return self._after_save(request, obj, super().response_change(request, obj))

    def get_deleted_objects(self, objs, request):
        """Content that other content links to (a document used by a news
        item or a project) is protected like a PROTECT foreign key: the
        delete page lists the links and refuses, instead of silently
        dropping them."""
        to_delete, counts, perms_needed, protected = super().get_deleted_objects(
            objs, request
        )
        for obj in objs:
            for relation in obj._meta.related_objects:
                if not relation.many_to_many:
                    continue
                for linked in getattr(obj, relation.get_accessor_name()).all()[:20]:
                    protected.append(
                        _("%(kind)s „%(linked)s“ odkazuje na „%(obj)s“")
                        % {
                            "kind": capfirst(linked._meta.verbose_name),
                            "linked": linked,
                            "obj": obj,
                        }
                    )
        return to_delete, counts, perms_needed, protected

    def save_model(self, request, obj, form, change):
        if not approval.may_publish(request.user) and not getattr(
            request, "editing_draft", False
        ):
            # Whatever wrote the row before the form (a restore or recover
            # of a version that was published), only a draft of the change
            # or an approval makes it public.
            obj.status = Status.DRAFT
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        # The item was indexed when it was saved, before its inlines; its
        # search entry shows their text too, so it is written again once
        # they are all saved.
        with search.batch():
            super().save_related(request, form, formsets, change)
            search.index(form.instance)

    def get_list_filter(self, request):
        return [WebStateFilter, *super().get_list_filter(request)]

    def get_queryset(self, request):
        # What the list says of each item: its open draft of a change and a
        # pending approval, two subqueries rather than a query per row.
        return editions.annotate_states(super().get_queryset(request))

    @admin.display(description=_("na webu"))
    def publish_state(self, obj):
        waiting = getattr(obj, "approval_pending", False)
        if obj.status == Status.DRAFT:
            return _("čeká na schválení") if waiting else _("koncept")
        if obj.is_scheduled:
            state = _("naplánováno")
        elif obj.is_archived:
            state = _("archiv")
        else:
            state = _("zveřejněno")
        change = getattr(obj, "open_edition_state", None)
        if change == "submitted":
            return _("%(state)s · změna čeká na schválení") % {"state": state}
        if change == "scheduled":
            return _("%(state)s · změna naplánována") % {"state": state}
        if change:
            return _("%(state)s · rozpracovaná změna") % {"state": state}
        return state

    def _bulk_update(
        self, request, queryset, message_singular, message_plural, **values
    ):
        """Set ``values`` on each selected item, if the user may change every
        one of them as the change form decides (a live item is not theirs
        to change without approval); otherwise nothing changes."""
        queryset = list(queryset)
        refused = [
            obj
            for obj in queryset
            if not self.has_change_permission(request, obj)
            or self._public_and_unapproved(request, obj)
        ]
        if "status" in values:
            refused += [
                obj
                for obj in queryset
                if obj not in refused and not self.has_publish_permission(request, obj)
            ]
        if refused:
            self.message_user(
                request,
                _(
                    "Nic jsme nezměnili: k položkám %(items)s nemáte oprávnění "
                    "(zveřejněné položky mění jen ti, kdo smějí zveřejňovat, "
                    "nebo se mění přes schválení)."
                )
                % {"items": ", ".join(f"„{obj}“" for obj in refused[:10])},
                messages.ERROR,
            )
            return
        count = 0
        for obj in queryset:
            for field, value in values.items():
                setattr(obj, field, value() if callable(value) else value)
            obj.updated_by = request.user
            obj.save()
            count += 1
        self.message_user(
            request,
            ngettext(message_singular, message_plural, count) % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Zveřejnit vybrané položky"), permissions=["publish"])
    def publish(self, request, queryset):
        self._bulk_update(
            request,
            queryset.filter(status=Status.DRAFT),
            "Zveřejněna %(count)d položka.",
            "Zveřejněno položek: %(count)d.",
            status=Status.PUBLISHED,
        )

    @admin.action(
        description=_("Vrátit vybrané položky do konceptu"), permissions=["publish"]
    )
    def unpublish(self, request, queryset):
        self._bulk_update(
            request,
            queryset.filter(status=Status.PUBLISHED),
            "Do konceptu vrácena %(count)d položka.",
            "Do konceptu vráceno položek: %(count)d.",
            status=Status.DRAFT,
        )

    @admin.action(
        description=_("Přesunout vybrané položky do archivu"), permissions=["change"]
    )
    def archive(self, request, queryset):
        self._bulk_update(
            request,
            queryset.filter(archived_at__isnull=True),
            "Archivována %(count)d položka.",
            "Archivováno položek: %(count)d.",
            archived_at=timezone.now,
        )

    @admin.action(
        description=_("Vrátit vybrané položky z archivu"), permissions=["change"]
    )
    def unarchive(self, request, queryset):
        self._bulk_update(
            request,
            queryset.filter(archived_at__isnull=False),
            "Z archivu vrácena %(count)d položka.",
            "Z archivu vráceno položek: %(count)d.",
            archived_at=None,
        )


@admin.register(Approval)
class ApprovalAdmin(CzechAdmin):
    """The approvers' queue: each request opens as the item's differences
    from its published version, with approve and return buttons."""

    list_display = ["title", "content_type", "state", "author", "submitted_at"]
    list_filter = ["state"]
    list_select_related = ["content_type", "author"]
    search_fields = ["title"]

    def has_module_permission(self, request):
        return request.user.has_perm(approval.APPROVE)

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm(approval.APPROVE)

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm(approval.APPROVE)

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if not self.has_change_permission(request):
            raise PermissionDenied
        request_ = get_object_or_404(Approval, pk=unquote(object_id))
        obj = request_.item
        if obj is None:
            raise Http404
        status = 200
        if request.method == "POST" and request_.state == Approval.State.PENDING:
            approve = "_approve" in request.POST
            comment = request.POST.get("comment", "").strip()
            if not approve and not comment:
                messages.error(request, _("Napište autorovi, co má upravit."))
            elif refused := approval.decide(
                request, request_, approve, comment, seen=request.POST.get("seen")
            ):
                status = 409 if refused == approval.STALE else 403
                messages.error(
                    request,
                    _(
                        "Položka se změnila od chvíle, kdy jste ji otevřel(a). "
                        "Nic jsme nezveřejnili; níže jsou rozdíly, jak platí "
                        "nyní. Zkontrolujte je a rozhodněte znovu."
                    )
                    if refused == approval.STALE
                    else _(
                        "Vlastní změnu schválit nemůžete; schválí ji někdo "
                        "jiný s oprávněním schvalovat."
                    ),
                )
            else:
                if not approve:
                    done = _("„%(title)s“ jsme vrátili autorovi.")
                elif obj.is_scheduled:
                    done = _("„%(title)s“ je schváleno a zveřejní se %(when)s.")
                else:
                    done = _("„%(title)s“ je schváleno a zveřejněno.")
                messages.success(
                    request,
                    done % {"title": obj, "when": format_datetime(obj.publish_at)},
                )
                return redirect("admin:index")
        published = approval.published_version(obj)
        if request_.edition_id:
            # The draft of a change the approver is asked to publish.
            latest = editions.item_version(request_.edition)
        else:
            latest = history.latest_version(obj)
        opts = obj._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Ke schválení: %(title)s") % {"title": obj},
            "request_": request_,
            "item": obj,
            "item_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
            ),
            "changes": history.compare(published, latest) if latest else None,
            "published": published,
            "seen": approval.seen_token(request_, obj),
        }
        return TemplateResponse(request, "admin/approval.html", context, status=status)


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    accusative = _("téma")
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class SearchTermForm(forms.ModelForm):
    # The site's other languages, read when the form is built: the list is
    # a setting (PORTAL_LANGUAGES), so it is not a choice of the model.
    language = forms.ChoiceField(label=_("jazyk"), choices=())

    class Meta:
        model = SearchTerm
        fields = ["language", "words", "czech"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = [
            (code, name) for code, name in settings.LANGUAGES if code != "cs"
        ]


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    form = SearchTermForm
    list_display = ["words", "czech", "language"]
    list_filter = ["language"]
    search_fields = ["words", "czech"]


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    accusative = _("organizaci")
    list_display = ["name", "kind", "ico", "municipality", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "ico", "municipality"]


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    accusative = _("osobu")
    list_display = ["name", "role", "area", "email", "phone", "show_on_contacts"]
    list_filter = ["show_on_contacts"]
    search_fields = ["name", "role", "email"]
    autocomplete_fields = ["organisation"]


@admin.register(Resolution)
class ResolutionAdmin(HistoryAdmin):
    accusative = _("usnesení")
    list_display = ["__str__", "body", "date"]
    list_filter = ["body", "year"]
    search_fields = ["=number", "url"]
    date_hierarchy = "date"


class LinkInline(CzechInline, admin.TabularInline):
    accusative = _("odkaz")
    model = Link
    extra = 1


class LinkGroupForm(forms.ModelForm):
    may_publish = True  # set per request by LinkGroupAdmin.get_form()

    def clean_page(self):
        page = self.cleaned_data["page"]
        if page and page.status == Status.PUBLISHED and not self.may_publish:
            raise ValidationError(
                _(
                    "Stránka „%(page)s“ je zveřejněná: odkazy na ní se mění "
                    "v úpravě stránky a se schválením."
                ),
                code="page_published",
                params={"page": page},
            )
        return page


@admin.register(LinkGroup)
class LinkGroupAdmin(HistoryAdmin):
    """Link groups are rows of their page (its inline); here they are also
    edited on their own, under the page's rule: a live page's links are
    changed only by those who may publish."""

    accusative = _("skupinu odkazů")
    form = LinkGroupForm
    list_display = ["title", "page", "order"]
    search_fields = ["title", "page__title"]
    autocomplete_fields = ["page"]
    inlines = [LinkInline]

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        form.may_publish = approval.may_publish(request.user)
        return form

    def _on_live_page(self, request, obj):
        return (
            obj is not None
            and obj.page.status == Status.PUBLISHED
            and not approval.may_publish(request.user)
        )

    def has_change_permission(self, request, obj=None):
        if self._on_live_page(request, obj):
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        if self._on_live_page(request, obj):
            return False
        return super().has_delete_permission(request, obj)


class LinkGroupInline(CzechInline, admin.TabularInline):
    accusative = _("skupinu odkazů")
    model = LinkGroup
    extra = 0
    show_change_link = True


@admin.register(Page)
class PageAdmin(PublishableAdmin):
    accusative = _("stránku")
    list_display = [
        "title",
        "path",
        "status",
        "publish_state",
        "show_in_menu",
        "updated_at",
    ]
    list_filter = ["status", "show_in_menu", "topics"]
    search_fields = ["title", "path", "body"]
    autocomplete_fields = ["parent", "topics", "responsible"]
    inlines = [LinkGroupInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", "order", "show_in_menu"]}),
        (_("Obsah"), {"fields": ["lead", "body"]}),
        PUBLISHING_FIELDSET,
        PublishableAdmin.AUDIT_FIELDSET,
    ]


class OfficeHoursInline(CzechInline, admin.TabularInline):
    accusative = _("úřední hodiny")
    model = OfficeHours
    extra = 0


@admin.register(SiteSettings)
class SiteSettingsAdmin(HistoryAdmin):
    accusative = _("nastavení webu")
    inlines = [OfficeHoursInline]
    fieldsets = [
        (None, {"fields": ["authority_name", "department_name", "notice"]}),
        (_("Vzhled"), {"fields": ["logo", "logo_alt", "colour"]}),
        (
            _("Kontakty"),
            {
                "fields": [
                    "address",
                    "ico",
                    "data_box",
                    "phone",
                    "email",
                    "office_hours",
                ]
            },
        ),
    ]

    def has_add_permission(self, request):
        # One row only, and only for those whose role may add it.
        return super().has_add_permission(request) and not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


def _czech_login_lockout():
    """django-axes names its section and its records in English ("Axes",
    "Attempted Access: …"); the back office reads Czech throughout. Its
    field names come from the locale (locale/cs)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    django_apps.get_app_config("axes").verbose_name = _("Blokování přihlášení")

    def describe(label):
        def __str__(self):
            return _("%(label)s: %(username)s, %(time)s") % {
                "label": label,
                "username": self.username or "–",
                "time": format_datetime(self.attempt_time),
            }

        return __str__

    AccessAttempt.__str__ = describe(_("Pokus o přihlášení"))
    AccessFailureLog.__str__ = describe(_("Neúspěšné přihlášení"))
    AccessLog.__str__ = describe(_("Přihlášení"))


_czech_login_lockout()
