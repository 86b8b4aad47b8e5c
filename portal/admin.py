from django import forms
from django.apps import apps as django_apps
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from editorial import approval
from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from editorial.history_admin import HistoryAdmin
from portal.czech import format_datetime
from portal.czech_admin import CzechInline
from portal.models import (
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

admin.site.site_header = _("Správa portálu odboru sociálních věcí")
admin.site.site_title = _("Správa portálu")
admin.site.index_title = _("Přehled")


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
        (None, {"fields": ["authority_name", "department_name", "notice", "about"]}),
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
