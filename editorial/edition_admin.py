"""The change form of a published item, through a draft of the change
(editorial.Edition): PublishableAdmin's half that keeps, publishes,
schedules, discards and previews drafts, and takes items down."""

import json

from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin.utils import quote, unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect
from django.urls import resolve
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from editorial import approval, history
from editorial import services as editions
from editorial.models import Edition
from portal.czech import format_datetime
from portal.publishing import Status


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


class EditionAdminMixin:
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
