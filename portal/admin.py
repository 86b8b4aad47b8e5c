from django.contrib import admin, messages
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from reversion.admin import VersionAdmin

from portal import search
from portal.models import (
    Link,
    LinkGroup,
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


class PublishableAdmin(VersionAdmin):
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
class TopicAdmin(VersionAdmin):
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Organisation)
class OrganisationAdmin(VersionAdmin):
    list_display = ["name", "kind", "ico", "municipality", "is_sample"]
    list_filter = ["kind", "is_sample"]
    search_fields = ["name", "ico", "municipality"]


@admin.register(Person)
class PersonAdmin(VersionAdmin):
    list_display = ["name", "role", "email", "phone", "show_on_contacts"]
    list_filter = ["show_on_contacts"]
    search_fields = ["name", "role", "email"]
    autocomplete_fields = ["organisation"]


@admin.register(Resolution)
class ResolutionAdmin(VersionAdmin):
    list_display = ["__str__", "body", "date"]
    list_filter = ["body", "year"]
    search_fields = ["=number", "url"]
    date_hierarchy = "date"


class LinkInline(admin.TabularInline):
    model = Link
    extra = 1


@admin.register(LinkGroup)
class LinkGroupAdmin(VersionAdmin):
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


@admin.register(SiteSettings)
class SiteSettingsAdmin(VersionAdmin):
    fieldsets = [
        (None, {"fields": ["authority_name", "department_name", "notice"]}),
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
        return not SiteSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
