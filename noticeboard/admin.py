from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from noticeboard.models import Notice


@admin.register(Notice)
class NoticeAdmin(PublishableAdmin):
    list_display = [
        "title",
        "reference_number",
        "agenda",
        "posted_on",
        "relevant_until",
        "status",
        "publish_state",
    ]
    list_filter = ["status", "agenda", "posted_on", "relevant_until"]
    search_fields = ["title", "reference_number", "file_number", "description"]
    autocomplete_fields = ["topics", "responsible", "attachments"]
    date_hierarchy = "posted_on"
    fieldsets = [
        (None, {"fields": ["title", "slug", "description", "attachments"]}),
        (
            _("Vyvěšení"),
            {
                "fields": [
                    ("posted_on", "relevant_until"),
                    ("reference_number", "file_number"),
                    ("agenda", "department"),
                ]
            },
        ),
        PUBLISHING_FIELDSET,
        PublishableAdmin.AUDIT_FIELDSET,
    ]
