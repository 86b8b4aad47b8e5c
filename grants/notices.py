"""A programme's announcement as a notice on the portal's notice board
(§ 10c zákona č. 250/2000 Sb.: the programme hangs there at least 30 days
before the application window opens)."""

from django import forms
from django.contrib import messages
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _

from noticeboard.models import Agenda, Notice


@transaction.atomic
def post_on_notice_board(programme, user=None):
    """Make the programme's notice as a draft for the clerk to check and
    publish: posted today, relevant until applications close, with the
    programme's conditions and forms attached. A programme that has a
    notice keeps it; returns the notice."""
    if programme.notice_id:
        return programme.notice
    notice = Notice(
        title=_("Vyhlášení dotačního programu %(code)s %(title)s")
        % {"code": programme.code, "title": programme.title},
        posted_on=timezone.localdate(),
        relevant_until=programme.window_end,
        agenda=Agenda.SUBSIDIES,
        description=programme.purpose,
        created_by=user,
        updated_by=user,
    )
    if notice.relevant_until and notice.relevant_until < notice.posted_on:
        notice.relevant_until = None
    notice.save()
    notice.attachments.set(
        document
        for document in (
            programme.conditions_document,
            programme.application_form,
            programme.model_contract,
        )
        if document is not None
    )
    programme.notice = notice
    programme.save(update_fields=["notice", "notice_board_date"])
    return notice


class ProgrammeNoticeForm(forms.ModelForm):
    post_notice = forms.BooleanField(
        label=_("Vyvěsit vyhlášení na úřední desku portálu"),
        required=False,
        help_text=_(
            "Připraví koncept oznámení s podmínkami a formuláři programu; "
            "vyvěsí ho ten, kdo spravuje úřední desku. Lhůta 30 dnů běží ode "
            "dne vyvěšení."
        ),
    )


class NoticeOfferAdminMixin:
    """The programme admin's offer to post the programme on the notice
    board, on creating it or later."""

    form = ProgrammeNoticeForm

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        programme = form.instance
        if not form.cleaned_data.get("post_notice") or programme.notice_id:
            return
        notice = post_on_notice_board(programme, request.user)
        messages.info(
            request,
            format_html(
                _('Koncept oznámení „{}“ čeká na vyvěšení: <a href="{}">otevřít</a>.'),
                notice.title,
                reverse("admin:noticeboard_notice_change", args=[notice.pk]),
            ),
        )
