from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from portal.czech_admin import CzechAdmin, CzechInline
from projects.models import (
    ContactMessage,
    KeyActivity,
    OperationalProgramme,
    Partnership,
    Photo,
    Project,
    ProjectStatus,
)


@admin.register(OperationalProgramme)
class OperationalProgrammeAdmin(CzechAdmin):
    accusative = _("operační program")
    list_display = ["abbreviation", "name", "period", "fund"]
    list_filter = ["period"]
    search_fields = ["abbreviation", "name"]


class KeyActivityInline(CzechInline, admin.StackedInline):
    accusative = _("klíčovou aktivitu")
    model = KeyActivity
    extra = 0


class PartnershipInline(CzechInline, admin.TabularInline):
    accusative = _("zapojenou organizaci")
    model = Partnership
    extra = 0
    autocomplete_fields = ["organisation"]


class PhotoInline(CzechInline, admin.TabularInline):
    accusative = _("fotografii")
    model = Photo
    extra = 0
    fields = ["image", "alt", "order"]


class StatusFilter(admin.SimpleListFilter):
    title = _("stav realizace")
    parameter_name = "realizace"

    def lookups(self, request, model_admin):
        return ProjectStatus.choices

    def queryset(self, request, queryset):
        return queryset.in_phase(self.value()) if self.value() else queryset


@admin.register(Project)
class ProjectAdmin(PublishableAdmin):
    accusative = _("projekt")
    list_display = [
        "title",
        "registration_number",
        "programme",
        "start_date",
        "end_date",
        "status",
        "publish_state",
    ]
    list_filter = ["status", StatusFilter, "programme", "topics"]
    list_select_related = ["programme"]
    search_fields = ["title", "registration_number", "title_en"]
    autocomplete_fields = ["topics", "responsible", "contact", "documents"]
    inlines = [KeyActivityInline, PartnershipInline, PhotoInline]
    fieldsets = [
        (
            None,
            {"fields": ["title", "slug", "registration_number", "programme", "call"]},
        ),
        (
            _("Realizace a rozpočet"),
            {"fields": ["start_date", "end_date", "budget", "eu_share"]},
        ),
        (
            _("Obsah"),
            {
                "fields": [
                    "aims",
                    "target_groups",
                    "description",
                    "contact",
                    "documents",
                ]
            },
        ),
        PUBLISHING_FIELDSET,
        PublishableAdmin.AUDIT_FIELDSET,
    ]


@admin.register(ContactMessage)
class ContactMessageAdmin(CzechAdmin):
    accusative = _("zprávu")
    list_display = ["name", "email", "project", "created_at", "emailed", "answered_at"]
    list_filter = ["emailed", ("answered_at", admin.EmptyFieldListFilter), "project"]
    search_fields = ["name", "email", "message"]
    readonly_fields = [
        "project",
        "name",
        "email",
        "message",
        "created_at",
        "emailed",
        "answered_at",
    ]
    actions = ["mark_answered"]

    def has_add_permission(self, request):
        return False  # messages come from the public form only

    @admin.action(
        description=_("Označit vybrané zprávy jako zodpovězené"),
        permissions=["change"],
    )
    def mark_answered(self, request, queryset):
        count = queryset.filter(answered_at__isnull=True).update(
            answered_at=timezone.now()
        )
        self.message_user(
            request, _("Označeno jako zodpovězené: %(count)s.") % {"count": count}
        )
