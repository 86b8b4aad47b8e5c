from itertools import chain

from django.contrib import admin, messages
from django.contrib.admin.utils import NestedObjects, unquote
from django.contrib.auth import get_permission_codename
from django.core.exceptions import PermissionDenied
from django.db import router
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin
from reversion.models import Version
from reversion.revisions import _follow_relations_recursive

from portal import search
from portal.models import (
    Link,
    LinkGroup,
    OfficeHours,
    Organisation,
    Page,
    Person,
    Resolution,
    SiteSettings,
    Status,
    Topic,
)

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


class HistoryAdmin(VersionAdmin):
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

    def _own_version_or_404(self, version_id, object_id=None):
        versions = Version.objects.get_for_model(self.model)
        if object_id is not None:
            versions = versions.filter(object_id=object_id)
        return get_object_or_404(versions, pk=version_id)

    def _check_revision_permissions(self, request, version):
        """A POST that would restore what the user may not touch is refused;
        the form it would come from, where it offers to save, warns."""
        if request.method == "POST":
            if self.revision_refusals(request, version.revision):
                raise PermissionDenied
        elif self.has_change_permission(request):
            refused = self.revision_refusals(request, version.revision)
            if refused:
                messages.warning(
                    request,
                    _(
                        "Tuto verzi nemůžete obnovit, protože by změnila i "
                        "%(objects)s a k tomu nemáte oprávnění."
                    )
                    % {"objects": ", ".join(refused)},
                )

    def revision_refusals(self, request, revision):
        """What reverting ``revision`` would write, re-create or delete
        without the user's permission, as Czech names of models."""
        refused = set()
        present = []
        for version in revision.version_set.all():
            model = version._model
            if model is None:  # a model removed since; nobody may restore it
                refused.add(str(_("odstraněný typ obsahu")))
                continue
            objects = model._default_manager.using(version.db)
            obj = objects.filter(pk=version.object_id).first()
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

    @admin.display(description=_("na webu"))
    def publish_state(self, obj):
        if obj.status == Status.DRAFT:
            return _("koncept")
        if obj.is_scheduled:
            return _("naplánováno")
        if obj.is_archived:
            return _("archiv")
        return _("zveřejněno")

    def _bulk_update(
        self, request, queryset, message_singular, message_plural, **values
    ):
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

    @admin.action(description=_("Zveřejnit vybrané položky"), permissions=["change"])
    def publish(self, request, queryset):
        self._bulk_update(
            request,
            queryset.filter(status=Status.DRAFT),
            "Zveřejněna %(count)d položka.",
            "Zveřejněno položek: %(count)d.",
            status=Status.PUBLISHED,
        )

    @admin.action(
        description=_("Vrátit vybrané položky do konceptu"), permissions=["change"]
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


@admin.register(Topic)
class TopicAdmin(HistoryAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(HistoryAdmin):
    list_display = ["name", "kind", "ico", "municipality", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "ico", "municipality"]


@admin.register(Person)
class PersonAdmin(HistoryAdmin):
    list_display = ["name", "role", "area", "email", "phone", "show_on_contacts"]
    list_filter = ["show_on_contacts"]
    search_fields = ["name", "role", "email"]
    autocomplete_fields = ["organisation"]


@admin.register(Resolution)
class ResolutionAdmin(HistoryAdmin):
    list_display = ["__str__", "body", "date"]
    list_filter = ["body", "year"]
    search_fields = ["=number", "url"]
    date_hierarchy = "date"


class LinkInline(admin.TabularInline):
    model = Link
    extra = 1


@admin.register(LinkGroup)
class LinkGroupAdmin(HistoryAdmin):
    list_display = ["title", "page", "order"]
    search_fields = ["title", "page__title"]
    autocomplete_fields = ["page"]
    inlines = [LinkInline]


class LinkGroupInline(admin.TabularInline):
    model = LinkGroup
    extra = 0
    show_change_link = True


@admin.register(Page)
class PageAdmin(PublishableAdmin):
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


class OfficeHoursInline(admin.TabularInline):
    model = OfficeHours
    extra = 0


@admin.register(SiteSettings)
class SiteSettingsAdmin(HistoryAdmin):
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
