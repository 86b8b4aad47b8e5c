"""The editorial back office: PublishableAdmin, which every publishable
content type's admin builds on (drafts of changes to live items, approval,
publishing actions), and the approvers' queue."""

import json
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import resolve, reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from editorial import approval, history
from editorial import services as editions
from editorial.history_admin import HistoryAdmin
from editorial.models import Approval, Edition
from portal import search
from portal.czech import format_datetime
from portal.czech_admin import CzechAdmin
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


class _RolledBack(Exception):
    """Carries a response out of the transaction it was made in."""

    def __init__(self, response):
        self.response = response


def _parse_moment(text):
    """A date and time as the admin's own date fields read it (Czech: "17. 9.
    2027 8:00"), aware in the site's zone; or None."""
    try:
        return forms.DateTimeField().clean(text)
    except ValidationError:
        return None


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

    # A published item (live or scheduled) is changed through a draft of
    # the change (editorial.Edition): the change form loads the draft into
    # the rows, saves the editor's input there, keeps what the rows then
    # hold as the new draft and rolls the rows back, so the public keeps the
    # published edition until the draft is published (directly, after
    # approval, or at its scheduled time).

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, unquote(object_id))
        if obj is None or obj.status != Status.PUBLISHED:
            return super().change_view(request, object_id, form_url, extra_context)
        if request.method == "POST" and not self.has_change_permission(request, obj):
            raise PermissionDenied
        if request.method == "POST" and "_discard_change" in request.POST:
            return self._discard_change(request, obj)
        if request.method == "POST" and "_withdraw" in request.POST:
            return self._withdraw(request, obj)
        edition = editions.open_edition(obj)
        return self._through_draft(
            request,
            obj,
            extra_context,
            load=(lambda: editions.load(edition)) if edition else None,
            view=lambda context: self.changeform_view(
                request, object_id, form_url, context
            ),
        )

    def preview_view(self, request, object_id):
        """The item on its public page, as it will look once live: with its
        open draft of a change, or, a draft item, as if published. The
        public view itself renders it, inside a transaction that is rolled
        back; only staff who may see the item get it, and it is never kept
        (the page cache leaves /admin/ alone) nor indexed."""
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            raise Http404
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        edition = editions.open_edition(obj)
        try:
            with transaction.atomic():
                if edition is not None:
                    obj = editions.load(edition)
                # update(): no signal, so nothing outside the transaction
                # (the search index, the page cache) hears of it.
                type(obj)._default_manager.filter(pk=obj.pk).update(
                    status=Status.PUBLISHED,
                    publish_at=min(obj.publish_at or timezone.now(), timezone.now()),
                )
                with translation.override(settings.LANGUAGE_CODE):
                    match = resolve(obj.get_absolute_url())
                response = match.func(request, *match.args, **match.kwargs)
                if hasattr(response, "render"):
                    response.render()
                raise _RolledBack(response)
        except _RolledBack as rolled_back:
            response = rolled_back.response
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex, nofollow"
        if "text/html" in response.get("Content-Type", ""):
            banner = format_html(
                '<p class="preview-banner" role="status">{}</p>',
                _(
                    "Náhled: takto bude stránka vypadat po zveřejnění. "
                    "Veřejnost ji zatím v této podobě nevidí."
                ),
            )
            response.content = re.sub(
                rb"<body[^>]*>",
                lambda body: body.group(0) + str(banner).encode(),
                response.content,
                count=1,
            )
        return response

    def _reversion_revisionform_view(self, request, version, *args, **kwargs):
        obj = self.model._default_manager.filter(pk=version.object_id).first()
        if obj is None or obj.status != Status.PUBLISHED:
            return super()._reversion_revisionform_view(
                request, version, *args, **kwargs
            )
        # Restoring an older version of a live item makes it the draft.
        template_name, extra_context = args[0], (args[1:] or [None])[0]
        return self._through_draft(
            request,
            obj,
            extra_context,
            load=lambda: history.restore_item(version),
            view=lambda context: self.changeform_view(
                request, quote(str(obj.pk)), request.path, context
            ),
            template_name=template_name,
        )

    def _through_draft(self, request, obj, extra_context, load, view, **kwargs):
        request.editing_draft = True
        edition = editions.open_edition(obj)
        context = {"edition": edition, **(extra_context or {})}
        captured = None
        try:
            with transaction.atomic():
                if load is not None:
                    load()
                response = view(context)
                if request.method == "POST" and response.status_code == 302:
                    captured = editions.capture(obj)
                elif hasattr(response, "render"):
                    if kwargs.get("template_name"):
                        response.template_name = kwargs["template_name"]
                    response.render()  # with the draft, before the rollback
                raise _RolledBack(response)
        except _RolledBack as rolled_back:
            response = rolled_back.response
        if captured is None:
            return response
        return self._keep_draft(request, obj, captured)

    def log_change(self, request, obj, message):
        # In a draft's rolled-back transaction the log entry is lost; the
        # draft's revision keeps what changed instead.
        if getattr(request, "editing_draft", False):
            request.draft_change_message = (
                json.dumps(message) if isinstance(message, list) else message
            )
        return super().log_change(request, obj, message)

    def _keep_draft(self, request, obj, captured):
        may_publish = approval.may_publish(request.user)
        submit = "_submit_approval" in request.POST and not may_publish
        edition = editions.save_draft(
            obj,
            captured,
            request.user,
            submitted=submit,
            comment=getattr(request, "draft_change_message", ""),
        )
        change_url = request.path
        if edition.state == Edition.State.SUBMITTED and not submit:
            # Saved again while waiting: the approver is asked about this
            # newer draft, and an approval of the one seen before is refused.
            approval.submit(request, obj, edition=edition)
            done = _(
                "Změnu „%(title)s“ jsme uložili; schvalovatel uvidí tuto novou "
                "verzi. Na webu zatím platí zveřejněná verze."
            )
            return self._done(request, obj, done)
        if submit:
            approval.submit(request, obj, edition=edition)
            done = _(
                "Změnu „%(title)s“ jsme odeslali ke schválení; na webu zatím "
                "platí zveřejněná verze."
            )
            return self._done(request, obj, done, "changelist")
        if may_publish and "_schedule_change" in request.POST:
            when = _parse_moment(request.POST.get("go_live_at", ""))
            if when is None or when <= timezone.now():
                messages.error(
                    request,
                    _(
                        "Zadejte budoucí datum a čas zveřejnění změny, např. "
                        "17. 9. 2027 8:00. Změnu jsme uložili jako rozpracovanou."
                    ),
                )
                return redirect(change_url)
            editions.schedule(edition, request.user, when)
            return self._done(
                request,
                obj,
                _("Změna „%(title)s“ se zveřejní %(when)s.")
                % {"title": "%(title)s", "when": format_datetime(when)},
                "changelist",
            )
        if may_publish and "_save_draft" not in request.POST:
            # Roles that publish save through the same draft, published at
            # once.
            editions.publish(edition, request.user)
            return self._done(request, obj, _("Změna „%(title)s“ je zveřejněná."))
        return self._done(
            request,
            obj,
            _(
                "Změnu „%(title)s“ jsme uložili jako rozpracovanou; na webu zatím "
                "platí zveřejněná verze."
            ),
        )

    def _done(self, request, obj, message, where="change"):
        messages.success(request, message % {"title": obj})
        opts = self.model._meta
        if where == "changelist":
            return redirect(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        return redirect(f"admin:{opts.app_label}_{opts.model_name}_change", obj.pk)

    def _discard_change(self, request, obj):
        edition = editions.open_edition(obj)
        if edition is not None:
            if not approval.may_discard(request.user, edition):
                raise PermissionDenied
            approval.discard(request, obj, edition)
        return self._done(
            request, obj, _("Rozpracovanou změnu „%(title)s“ jsme zahodili.")
        )

    def _withdraw(self, request, obj):
        if not request.user.has_perm(approval.APPROVE):
            raise PermissionDenied
        reason = request.POST.get("withdraw_reason", "").strip()
        if not reason:
            messages.error(request, _("Napište, proč položku stahujete z webu."))
            return redirect(request.path)
        editions.withdraw(obj, request.user, reason)
        return self._done(request, obj, _("„%(title)s“ jsme stáhli z webu."))

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
            self.message_user(
                request,
                _(
                    "Nic jsme nezměnili: k položkám %(items)s nemáte oprávnění "
                    "(zveřejněné položky mění jen ti, kdo smějí zveřejňovat, "
                    "nebo se mění přes schválení)."
                )
                % {"items": ", ".join(f"„{obj}“" for obj in refused[:10])},
                messages.ERROR,
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
