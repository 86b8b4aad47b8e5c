import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext_lazy as _

from editorial import approval
from editorial.admin import PublishableAdmin
from editorial.edition_admin import EditionAdminMixin
from noticeboard import certificate
from noticeboard.models import Notice, NoticeAttachment, take_down
from portal.czech import format_datetime
from portal.models import SiteSettings
from portal.publishing import Status


class NoticeAttachmentInline(admin.TabularInline):
    model = NoticeAttachment
    fields = ["file", "label", "order", "format", "size"]
    readonly_fields = ["format", "size"]
    extra = 1
    verbose_name = _("příloha")
    verbose_name_plural = _(
        "Přílohy (soubory oznámení; na webu jen na úřední desce a v jejím archivu)"
    )

    # A posted notice is fixed, its files too.
    def has_add_permission(self, request, obj=None):
        return (obj is None or not obj.is_fixed) and super().has_add_permission(
            request, obj
        )

    def has_change_permission(self, request, obj=None):
        return (obj is None or not obj.is_fixed) and super().has_change_permission(
            request, obj
        )

    def has_delete_permission(self, request, obj=None):
        return (obj is None or not obj.is_fixed) and super().has_delete_permission(
            request, obj
        )


@admin.register(Notice)
class NoticeAdmin(PublishableAdmin):
    list_display = [
        "title",
        "reference_number",
        "agenda",
        "posted_moment",
        "removed_moment",
        "status",
        "publish_state",
    ]
    list_filter = ["status", "agenda", "posted_on", "relevant_until"]
    search_fields = ["title", "reference_number", "file_number", "description"]
    autocomplete_fields = ["topics", "responsible", "attachments", "corrects"]
    readonly_fields = [
        *PublishableAdmin.readonly_fields,
        "posted_at",
        "removed_at",
        "corrected_by",
    ]
    date_hierarchy = "posted_on"
    inlines = [NoticeAttachmentInline]
    # Going up and coming down are recorded moments: a notice is posted by
    # publishing it and taken down by its own action, never put back.
    actions = ["publish", "take_down_selected"]
    object_views = [
        *PublishableAdmin.object_views,
        ("sejmout/", "take_down_view", "take_down"),
        ("osvedceni.pdf", "certificate_view", "certificate"),
    ]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        (
            _("Vyvěšení"),
            {
                "fields": [
                    "status",
                    ("posted_at", "removed_at"),
                    "relevant_until",
                    ("reference_number", "file_number"),
                    ("agenda", "department"),
                    ("corrects", "corrected_by"),
                ],
                "description": _(
                    "Oznámení vyvěsíte tím, že ho zveřejníte; den vyvěšení i "
                    "sejmutí zapíše systém. Vyvěšené oznámení už nejde změnit: "
                    "opravu vydejte jako nové oznámení („Vydat opravu“)."
                ),
            },
        ),
        (
            _("Související obsah"),
            {"fields": ["attachments", "topics", "responsible", "review_at"]},
        ),
        PublishableAdmin.AUDIT_FIELDSET,
    ]

    @admin.display(description=_("vyvěšeno"), ordering="posted_at")
    def posted_moment(self, obj):
        return format_datetime(obj.posted_at) if obj.posted_at else "–"

    @admin.display(description=_("sejmuto"), ordering="removed_at")
    def removed_moment(self, obj):
        moment = obj.removal_moment()
        return format_datetime(moment) if moment else "–"

    @admin.display(description=_("opraveno oznámeními"))
    def corrected_by(self, obj):
        corrections = obj.corrections.all() if obj.pk else []
        return ", ".join(str(notice) for notice in corrections) or "–"

    def get_changeform_initial_data(self, request):
        """ "Vydat opravu" opens a new notice prefilled from the one it
        corrects."""
        initial = super().get_changeform_initial_data(request)
        # The board is the department's: "Odbor" starts as its name.
        initial.setdefault("department", SiteSettings.load().department_name)
        corrected = self._corrected(request)
        if corrected is not None:
            initial.update(
                corrects=corrected.pk,
                title=_("Oprava: %(title)s") % {"title": corrected.title},
                reference_number=corrected.reference_number,
                file_number=corrected.file_number,
                agenda=corrected.agenda,
                department=corrected.department,
                description=corrected.description,
            )
        return initial

    @staticmethod
    def _corrected(request):
        try:
            pk = int(request.GET.get("corrects", ""))
        except ValueError:
            return None
        return Notice.objects.filter(pk=pk, posted_at__isnull=False).first()

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.is_fixed:
            return False
        return super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        # A posted notice stays in the archive.
        if obj is not None and obj.is_fixed:
            return False
        return super().has_delete_permission(request, obj)

    def may_take_down(self, request, obj):
        return (
            obj.is_fixed
            and obj.removed_at is None
            and request.user.has_perm("noticeboard.change_notice")
            and approval.may_publish(request.user)
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or not obj.is_fixed:
            return super().change_view(request, object_id, form_url, extra_context)
        # A posted notice has no draft of a change: it is shown as it hangs.
        opts = self.model._meta
        extra_context = {
            **(extra_context or {}),
            "notice_fixed": True,
            "may_take_down": self.may_take_down(request, obj),
            "take_down_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_take_down",
                args=[quote(obj.pk)],
            ),
            "certificate_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_certificate",
                args=[quote(obj.pk)],
            ),
            "correct_url": reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
            + f"?corrects={obj.pk}",
            "may_correct": self.has_add_permission(request),
        }
        return super(EditionAdminMixin, self).change_view(
            request, object_id, form_url, extra_context
        )

    def take_down_view(self, request, object_id):
        """Take the notice off the board now; the removal is recorded."""
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.may_take_down(request, obj):
            raise PermissionDenied
        with reversion.create_revision():
            take_down(obj, request.user)
            reversion.set_user(request.user)
            reversion.set_comment(_("Sejmuto z úřední desky"))
            reversion.add_to_revision(obj)
        messages.success(
            request,
            _("„%(title)s“ je sejmuto z úřední desky (%(when)s) a je v archivu.")
            % {"title": obj, "when": format_datetime(obj.removed_at)},
        )
        opts = self.model._meta
        return redirect(
            f"admin:{opts.app_label}_{opts.model_name}_change", quote(obj.pk)
        )

    def certificate_view(self, request, object_id):
        """The certificate of posting and removal (PDF)."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        if not obj.is_fixed:
            messages.error(
                request,
                _("Oznámení zatím nebylo vyvěšeno, osvědčení o vyvěšení nemá."),
            )
            opts = self.model._meta
            return redirect(
                f"admin:{opts.app_label}_{opts.model_name}_change", quote(obj.pk)
            )
        response = HttpResponse(
            certificate.build(obj, request), content_type="application/pdf"
        )
        response["Content-Disposition"] = content_disposition_header(
            False, f"osvedceni-{obj.pk}.pdf"
        )
        return response

    @admin.action(description=_("Vyvěsit vybraná oznámení"), permissions=["publish"])
    def publish(self, request, queryset):
        # A notice whose last day has passed cannot go up (Notice.clean).
        late = [
            notice
            for notice in queryset.filter(status=Status.DRAFT)
            if notice.missed_its_last_day
        ]
        if late:
            self.refuse(
                request,
                _(
                    "Nic jsme nevyvěsili: oznámení %(items)s měla viset do dne, "
                    "který už minul; opravte ho."
                ),
                late,
            )
            return
        super().publish(request, queryset)

    @admin.action(
        description=_("Sejmout vybraná oznámení z úřední desky"),
        permissions=["publish"],
    )
    def take_down_selected(self, request, queryset):
        notices = list(queryset)
        refused = [
            notice for notice in notices if not self.may_take_down(request, notice)
        ]
        if refused:
            self.refuse(
                request,
                _(
                    "Nic jsme nesejmuli: %(items)s nejsou vyvěšena, nebo už "
                    "jsou sejmuta."
                ),
                refused,
            )
            return
        with reversion.create_revision():
            for notice in notices:
                take_down(notice, request.user)
                reversion.add_to_revision(notice)
            reversion.set_user(request.user)
            reversion.set_comment(_("Sejmuto z úřední desky"))
        self.message_user(
            request,
            _("Sejmuto oznámení: %(count)d.") % {"count": len(notices)},
            messages.SUCCESS,
        )
