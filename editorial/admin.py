"""The editorial back office: PublishableAdmin, which every publishable
content type's admin builds on (drafts of changes to live items, approval,
publishing actions), and the approvers' queue."""

from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.contrib.auth.admin import GroupAdmin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editorial import approval, history
from editorial import services as editions
from editorial.edition_admin import EditionAdminMixin
from editorial.history_admin import HistoryAdmin
from editorial.models import Approval, FilePurge
from portal import search
from portal.czech import format_datetime
from portal.czech_admin import CzechAdmin, CzechPermissionsMixin
from portal.publishing import Status

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


class PublishableAdmin(EditionAdminMixin, HistoryAdmin):
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
    object_views = [
        *HistoryAdmin.object_views,
        ("nahled/", "preview_view", "preview"),
    ]

    AUDIT_FIELDSET = (
        _("Záznam o změnách"),
        {
            "fields": ["created_at", "created_by", "updated_at", "updated_by"],
            "classes": ["collapse"],
        },
    )

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
        if obj is not None:
            opts = self.model._meta
            context["preview_url"] = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_preview",
                args=[quote(obj.pk)],
            )
        if getattr(request, "editing_draft", False):
            context["editing_draft"] = True
            context["publish_change"] = may_publish and may_change
            context["may_withdraw"] = request.user.has_perm(approval.APPROVE)
            edition = context.get("edition")
            context["may_discard"] = edition is not None and approval.may_discard(
                request.user, edition
            )
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

    def refuse(self, request, message, objects):
        """A changelist action that changed nothing, and the (first ten)
        selected items that stopped it, named in ``message``'s %(items)s."""
        items = ", ".join(f"„{obj}“" for obj in objects[:10])
        self.message_user(request, message % {"items": items}, messages.ERROR)

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
            self.refuse(
                request,
                _(
                    "Nic jsme nezměnili: k položkám %(items)s nemáte oprávnění "
                    "(zveřejněné položky mění jen ti, kdo smějí zveřejňovat, "
                    "nebo se mění přes schválení)."
                ),
                refused,
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


@admin.register(FilePurge)
class FilePurgeAdmin(CzechAdmin):
    """The record of files removed for good from history: who, when, why
    (editorial.purge). Nobody writes or changes it here."""

    list_display = ["file_name", "title", "purged_by", "purged_at", "reason"]
    list_select_related = ["purged_by"]
    search_fields = ["file_name", "title", "reason"]

    def has_module_permission(self, request):
        return request.user.has_perm("editorial.purge_file")

    def has_view_permission(self, request, obj=None):
        return request.user.has_perm("editorial.purge_file")

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


# The editor roles are groups (editorial.roles); their form names every
# permission in Czech.
admin.site.unregister(Group)


@admin.register(Group)
class RoleAdmin(CzechPermissionsMixin, GroupAdmin):
    pass
