from django import forms
from django.contrib import admin, messages
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms.models import BaseInlineFormSet
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from editorial.admin import PUBLISHING_FIELDSET, PublishableAdmin
from grants import services
from grants.models import AllocationChange, Award, Programme
from grants.notices import NoticeOfferAdminMixin
from portal.czech import format_money
from portal.czech_admin import CzechAdmin, CzechInline
from portal.models import Organisation


class AllocationChangeInline(CzechInline, admin.TabularInline):
    accusative = _("změnu alokace")
    model = AllocationChange
    extra = 0
    autocomplete_fields = ["resolution"]


class AwardFormSet(BaseInlineFormSet):
    def clean(self):
        """Each award's rules ran in its form (Award.full_clean()); the
        total against the allocation is the programme's."""
        super().clean()
        if any(self.errors):
            return
        self.instance.check_awards_total(
            form.cleaned_data.get("awarded")
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        )


class AwardInline(CzechInline, admin.StackedInline):
    # Stacked, a few fields a line: ten columns side by side made the
    # programme form three times as wide as a 1 280 px screen.
    accusative = _("přidělenou dotaci")
    model = Award
    formset = AwardFormSet
    extra = 0
    autocomplete_fields = ["organisation", "resolution"]
    fields = [
        "project_title",
        ("organisation", "person_name", "person_municipality"),
        ("requested", "awarded", "resolution"),
        ("contract_number", "contract_register_url", "register_warning"),
    ]
    readonly_fields = ["register_warning"]

    @admin.display(description=_("registr smluv"))
    def register_warning(self, award):
        if award.pk and award.needs_register_link:
            return format_html(
                '<strong class="errornote">{}</strong>',
                _("chybí odkaz (nad 50 000 Kč)"),
            )
        return "–"


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Soubor CSV nebo XLSX"))


@admin.register(Programme)
class ProgrammeAdmin(NoticeOfferAdminMixin, PublishableAdmin):
    accusative = _("dotační program")
    list_display = [
        "code",
        "title",
        "year",
        "phase_label",
        "status",
        "publish_state",
        "import_link",
    ]
    list_filter = ["status", "year", "cancelled", "entered_after_fact", "topics"]
    search_fields = ["title", "code", "fund"]
    autocomplete_fields = [
        "topics",
        "responsible",
        "announcing_resolution",
        "decision_resolution",
        "conditions_document",
        "application_form",
        "model_contract",
        "awards_document",
        "contacts",
        "notice",
    ]
    readonly_fields = [*PublishableAdmin.readonly_fields, "running_totals"]
    inlines = [AllocationChangeInline, AwardInline]

    class Media:
        js = ["js/grants-totals.js"]

    fieldsets = [
        (None, {"fields": ["title", "slug", "fund", "code", "year", "running_totals"]}),
        (
            _("Obsah programu (§ 10c zákona č. 250/2000 Sb.)"),
            {
                "fields": [
                    "purpose",
                    "reasons",
                    "allocation",
                    ("min_subsidy", "max_subsidy", "max_share"),
                    "eligible_applicants",
                    "eligible_costs",
                    "evaluation_criteria",
                    "conditions",
                    ("conditions_document", "application_form", "model_contract"),
                    "contacts",
                ]
            },
        ),
        (
            _("Termíny a usnesení"),
            {
                "fields": [
                    ("notice", "post_notice"),
                    ("notice_board_date", "notice_board_url"),
                    ("window_start", "window_end"),
                    "decision_deadline",
                    "announcing_resolution",
                    "decision_resolution",
                    "awards_document",
                    "entered_after_fact",
                    "cancelled",
                ]
            },
        ),
        PUBLISHING_FIELDSET,
        PublishableAdmin.AUDIT_FIELDSET,
    ]

    @admin.display(description=_("stav programu"))
    def phase_label(self, programme):
        return programme.phase_label()

    @admin.display(description=_("příjemci"))
    def import_link(self, programme):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:grants_programme_import", args=[programme.pk]),
            _("Importovat příjemce"),
        )

    @admin.display(description=_("průběžné součty"))
    def running_totals(self, programme):
        if not programme.pk:
            return "–"
        totals = programme.totals()
        # grants-totals.js recomputes the spans from the inline rows as the
        # editor types; without JavaScript they show the saved state.
        return format_html(
            '<span data-grants-totals data-allocation="{}">'
            '{}: {} · {}: <span data-total="requested">{}</span> · '
            '{}: <span data-total="awarded">{}</span> · '
            '{}: <span data-total="remaining">{}</span></span>',
            totals["allocation"] if totals["allocation"] is not None else "",
            _("alokace"),
            format_money(totals["allocation"]) or _("neuvedena"),
            _("požadováno"),
            format_money(totals["requested"]),
            _("přiděleno"),
            format_money(totals["awarded"]),
            _("zbývá"),
            format_money(totals["remaining"])
            if totals["remaining"] is not None
            else "–",
        )

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        missing = form.instance.awards.missing_register_link().count()
        if missing:
            messages.warning(
                request,
                _(
                    "Dotace nad 50 000 Kč bez odkazu do registru smluv: "
                    "%(count)s. Zákon č. 340/2015 Sb. vyžaduje takové smlouvy "
                    "zveřejnit; doplňte odkaz, jakmile bude smlouva v registru."
                )
                % {"count": missing},
            )

    def get_urls(self):
        return [
            path(
                "<int:pk>/import/",
                self.admin_site.admin_view(self.import_view),
                name="grants_programme_import",
            )
        ] + super().get_urls()

    def import_view(self, request, pk):
        """Upload → preview with row-by-row errors → confirm; nothing is
        saved until the whole file is valid."""
        programme = get_object_or_404(Programme, pk=pk)
        # The import adds awards and their recipients' organisations.
        if not (
            self.has_change_permission(request, programme)
            and self.has_model_permission(request, "add", Award)
            and self.has_model_permission(request, "add", Organisation)
        ):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "programme": programme,
            "opts": self.model._meta,
            "title": _("Import přidělených dotací"),
            "form": ImportForm(),
        }
        if request.method == "POST" and "confirm" in request.POST:
            try:
                rows = signing.loads(
                    request.POST["confirm"], salt="grants.import", max_age=3600
                )
                created = services.import_awards(
                    programme=programme,
                    rows=rows,
                    duplicates_confirmed="duplicates" in request.POST,
                )
            except (signing.BadSignature, ValidationError) as error:
                messages.error(
                    request,
                    _("Import se nepodařil: %(error)s")
                    % {"error": " ".join(getattr(error, "messages", [str(error)]))},
                )
                return redirect(reverse("admin:grants_programme_import", args=[pk]))
            messages.success(
                request, _("Importováno dotací: %(count)s.") % {"count": len(created)}
            )
            return redirect(reverse("admin:grants_programme_change", args=[pk]))
        if request.method == "POST":
            form = ImportForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                try:
                    rows = services.read_rows(form.cleaned_data["file"])
                except services.ImportError as error:
                    form.add_error("file", str(error))
                else:
                    clean, errors = services.check_rows(programme=programme, rows=rows)
                    context.update(
                        rows=clean,
                        errors=errors,
                        duplicates=sum(row["duplicate"] for row in clean),
                    )
                    if not errors:
                        context["token"] = signing.dumps(rows, salt="grants.import")
        return render(request, "admin/grants/programme/import.html", context)


@admin.register(Award)
class AwardAdmin(CzechAdmin):
    accusative = _("přidělenou dotaci")
    list_display = ["project_title", "programme", "awarded_amount", "needs_register"]
    list_select_related = ["programme", "organisation"]
    search_fields = [
        "project_title",
        "organisation__name",
        "person_name",
        "contract_number",
    ]
    autocomplete_fields = ["programme", "organisation", "resolution"]

    @admin.display(description=_("přiděleno"), ordering="awarded")
    def awarded_amount(self, award):
        return format_money(award.awarded)

    @admin.display(description=_("chybí registr smluv"), boolean=True)
    def needs_register(self, award):
        return award.needs_register_link
