from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from documents.models import Category, Document, DocumentFile
from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from portal.czech import format_filesize
from portal.czech_admin import CzechAdmin, CzechInline


@admin.register(Category)
class CategoryAdmin(CzechAdmin):
    accusative = _("kategorii dokumentů")
    list_display = ["name", "slug", "order"]
    list_editable = ["order"]
    search_fields = ["name"]
    prepopulated_fields = {"slug": ["name"]}


class DocumentFileInline(CzechInline, admin.StackedInline):
    accusative = _("soubor dokumentu")
    model = DocumentFile
    extra = 0
    fields = [
        ("file", "external_url", "in_preparation"),
        ("label", "language", "order"),
        "facts",
    ]
    readonly_fields = ["facts"]

    @admin.display(description=_("o souboru"))
    def facts(self, obj):
        if not obj.pk or not obj.file:
            return "–"
        parts = [obj.format, format_filesize(obj.size), obj.original_name]
        if obj.page_count:
            parts.append(_("%(count)s str.") % {"count": obj.page_count})
        parts.append(_("staženo %(count)s×") % {"count": obj.download_count})
        problems = obj.accessibility_problems
        if problems:
            parts.append(
                _("přístupnost: %(problems)s")
                % {"problems": ", ".join(map(str, problems))}
            )
        return ", ".join(str(part) for part in parts if part)


@admin.register(Document)
class DocumentAdmin(PublishableAdmin):
    accusative = _("dokument")
    list_display = [
        "title",
        "category",
        "year",
        "scope",
        "status",
        "publish_state",
        "publish_at",
    ]
    list_filter = [
        "status",
        "category",
        "topics",
        "year",
        "scope",
        "audience",
        "archived_at",
    ]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "period"]  # also serves autocomplete
    autocomplete_fields = ["topics", "responsible", "issuer", "resolution"]
    inlines = [DocumentFileInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary"]}),
        (
            _("Údaje o dokumentu"),
            {"fields": ["issuer", "scope", "year", "period", "resolution", "audience"]},
        ),
        PUBLISHING_FIELDSET,
        PublishableAdmin.AUDIT_FIELDSET,
    ]

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Accessibility law: warn, don't refuse, about inaccessible PDFs.
        for document_file in form.instance.files.all():
            problems = document_file.accessibility_problems
            if problems:
                messages.warning(
                    request,
                    _("Soubor „%(name)s“ není přístupný: %(problems)s.")
                    % {
                        "name": document_file.original_name or document_file,
                        "problems": ", ".join(map(str, problems)),
                    },
                )
