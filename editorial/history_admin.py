"""The admin of every model with history: compare, revert and recover
within the editor's permissions."""

from itertools import chain

from django.contrib import messages
from django.contrib.admin.utils import NestedObjects, quote, unquote
from django.contrib.auth import get_permission_codename
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive

from editorial import history, purge
from editorial.forms import guard_against_overwrites, keep_uploads
from editorial.models import FilePurge
from portal.czech import format_datetime
from portal.czech_admin import CzechAdmin


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

    # Views of one object that subclasses add: (route after the object's
    # id, method name, URL name suffix).
    object_views = [
        ("history/compare/", "compare_view", "compare"),
        ("history/soubory/", "purge_view", "purge"),
    ]

    def get_urls(self):
        opts = self.model._meta
        return [
            path(
                f"<path:object_id>/{route}",
                self.admin_site.admin_view(getattr(self, view)),
                name=f"{opts.app_label}_{opts.model_name}_{suffix}",
            )
            for route, view, suffix in self.object_views
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

    def purge_view(self, request, object_id):
        """The files this item's history keeps that it no longer uses, each
        with "Trvale odstranit soubor" (editorial.purge), for those who may
        (Správce)."""
        if not request.user.has_perm("editorial.purge_file"):
            raise PermissionDenied
        obj = get_object_or_404(self.model, pk=unquote(object_id))
        status = 200
        if request.method == "POST":
            try:
                record = purge.purge_file(
                    obj,
                    request.POST.get("file_name", ""),
                    user=request.user,
                    reason=request.POST.get("reason", ""),
                )
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
                status = 400
            else:
                messages.success(
                    request,
                    _(
                        "Soubor „%(name)s“ je trvale odstraněn z úložiště i ze "
                        "všech verzí (%(count)d)."
                    )
                    % {"name": record, "count": len(record.version_ids)},
                )
                return redirect(request.path)
        opts = self.model._meta
        context = {
            **self.admin_site.each_context(request),
            "opts": opts,
            "object": obj,
            "title": _("Soubory v historii: %(object)s") % {"object": obj},
            "files": [
                {"name": name, "label": name.rsplit("/", 1)[-1], "versions": len(ids)}
                for name, _model, _field, ids in purge.replaced_files(obj)
            ],
            "purges": FilePurge.objects.filter(
                content_type=ContentType.objects.get_for_model(obj),
                object_id=str(obj.pk),
            ).select_related("purged_by"),
        }
        return TemplateResponse(
            request, "admin/history_files.html", context, status=status
        )

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
        for record in purge.purges_of(version):
            messages.warning(
                request,
                _(
                    "Soubor „%(name)s“ této verze byl trvale odstraněn "
                    "(%(who)s, %(when)s, důvod: %(reason)s); obnovená verze ho "
                    "nemá."
                )
                % {
                    "name": record,
                    "who": history.author_name(record.purged_by)
                    if record.purged_by
                    else _("neznámý uživatel"),
                    "when": format_datetime(record.purged_at),
                    "reason": record.reason,
                },
            )
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
