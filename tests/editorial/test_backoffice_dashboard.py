"""Each editor's own dashboard, the weekly review reminders, and the
narrowed permissions of the grants group."""

from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from portal.models import Status
from tests.factories import (
    make_document,
    make_news_item,
    make_organisation,
    make_page,
    make_person,
)


def test_dashboard_lists_my_drafts_and_review_dates_and_only_my_sections(
    login_as, django_user_model
):
    client = login_as("Dotace")
    user = django_user_model.objects.get(username="user-Dotace")
    user.email = "jana@kraj.example"
    user.save()
    me = make_person(name="Jana Nováková", email="Jana@kraj.example")
    make_page(
        title="Moje stránka ke kontrole",
        responsible=me,
        review_at=timezone.localdate() + timedelta(days=3),
    )
    make_news_item(title="Cizí koncept", status=Status.DRAFT)
    make_document(title="Koncept dokumentu", status=Status.DRAFT)
    mine = make_news_item(title="Můj koncept", status=Status.DRAFT)
    mine.created_by = user
    mine.save()

    html = client.get(reverse("admin:index")).content.decode()
    assert "Moje koncepty (1)" in html and "Můj koncept" in html
    assert "Moje termíny kontroly (1)" in html and "Moje stránka ke kontrole" in html
    # Documents are view-only for Dotace: their drafts are not its concern.
    assert "Koncept dokumentu" not in html and "Cizí koncept" not in html


def test_grants_group_adds_recipients_but_does_not_change_organisations(login_as):
    client = login_as("Dotace")
    partner = make_organisation(name="Partner projektu")
    change = reverse("admin:portal_organisation_change", args=[partner.pk])
    assert 'name="_save"' not in client.get(change).content.decode()
    assert client.get(reverse("admin:portal_organisation_add")).status_code == 200


def test_review_reminders_are_sent_once_a_week(db):
    today = timezone.localdate()
    jana = make_person(name="Jana", email="jana@kraj.example")
    make_page(
        title="Prošlá kontrola", responsible=jana, review_at=today - timedelta(days=1)
    )
    make_document(
        title="Kontrola do týdne", responsible=jana, review_at=today + timedelta(days=6)
    )
    make_page(
        title="Kontrola za měsíc",
        responsible=jana,
        review_at=today + timedelta(days=30),
    )
    call_command("send_review_reminders", "--url", "https://web.example", stdout=None)
    (message,) = mail.outbox
    assert message.to == ["jana@kraj.example"]
    assert "Prošlá kontrola" in message.body and "Kontrola do týdne" in message.body
    assert "Kontrola za měsíc" not in message.body
    assert "https://web.example/admin/portal/page/" in message.body
    call_command("send_review_reminders", stdout=None)  # same week: nothing
    assert len(mail.outbox) == 1


def test_unanswered_messages_for_my_projects_until_marked_answered(
    login_as, django_user_model
):
    from projects.models import ContactMessage
    from tests.factories import make_project

    client = login_as("Projekty")
    user = django_user_model.objects.get(username="user-Projekty")
    user.email = "petr@kraj.example"
    user.save()
    mine = make_project(contact=make_person(name="Petr", email="petr@kraj.example"))
    other = make_project()
    for project, name in ((mine, "Tazatel A"), (other, "Tazatel B")):
        ContactMessage.objects.create(
            project=project, name=name, email="t@example.org", message="Dotaz"
        )
    html = client.get(reverse("admin:index")).content.decode()
    assert "Nezodpovězené zprávy k mým projektům (1)" in html
    assert "Tazatel A" in html and "Tazatel B" not in html

    message = ContactMessage.objects.get(name="Tazatel A")
    client.post(
        reverse("admin:projects_contactmessage_changelist"),
        {"action": "mark_answered", "_selected_action": [message.pk]},
    )
    html = client.get(reverse("admin:index")).content.decode()
    assert "Nezodpovězené zprávy k mým projektům (0)" in html
