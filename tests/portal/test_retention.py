"""Personal data is kept for its stated period and not a moment longer."""

from datetime import UTC, datetime, timedelta

import pytest
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.core import mail
from django.core.management import call_command
from django.utils import timezone

from news.models import Subscriber
from portal.retention import apply_retention, months_before
from projects.models import ContactMessage
from tests.factories import make_person, make_project, make_topic

DAY = timedelta(days=1)
HOUR = timedelta(hours=1)
LABELS = {
    "messages": "zprávy z kontaktního formuláře",
    "subscriptions": "nepotvrzené přihlášky k odběru novinek",
    "logins": "záznamy o přihlášení do redakce",
}


def message(name, *, received, answered=None):
    row = ContactMessage.objects.create(
        project=make_project(), name=name, email=f"{name}@example.cz", message="Dotaz"
    )
    # created_at is auto_now_add: set the past afterwards.
    ContactMessage.objects.filter(pk=row.pk).update(
        created_at=received, answered_at=answered
    )
    return row


def login_record(model, username, when, **fields):
    row = model.objects.create(
        username=username,
        ip_address="192.0.2.1",
        user_agent="Firefox",
        http_accept="*/*",
        path_info="/admin/login/",
        **fields,
    )
    model.objects.filter(pk=row.pk).update(attempt_time=when)
    return row


def names(model, field):
    return set(model.objects.values_list(field, flat=True))


def test_months_are_calendar_months():
    moment = datetime(2026, 3, 31, 10, 0, tzinfo=UTC)
    assert months_before(moment, 1) == datetime(2026, 2, 28, 10, 0, tzinfo=UTC)
    assert months_before(moment, 12) == datetime(2025, 3, 31, 10, 0, tzinfo=UTC)
    assert months_before(moment, 15).date().isoformat() == "2024-12-31"


def test_contact_messages_go_twelve_months_after_their_answer(db):
    now = timezone.now()
    year_ago = months_before(now, 12)
    message("answered_long_ago", received=year_ago - 30 * DAY, answered=year_ago - HOUR)
    message("answered_recently", received=year_ago - 30 * DAY, answered=year_ago + HOUR)
    message("unanswered_old", received=year_ago - HOUR)
    message("unanswered_new", received=year_ago + HOUR)

    removed = apply_retention(now)

    assert removed[LABELS["messages"]] == 2
    assert names(ContactMessage, "name") == {"answered_recently", "unanswered_new"}


def test_unconfirmed_subscriptions_go_after_seven_days(db):
    now = timezone.now()
    topic = make_topic()
    for email, consented, confirmed in [
        ("stara@example.cz", now - 7 * DAY - HOUR, None),
        ("nova@example.cz", now - 7 * DAY + HOUR, None),
        ("potvrzena@example.cz", now - 400 * DAY, now - 399 * DAY),
    ]:
        subscriber = Subscriber.objects.create(
            email=email, consented_at=consented, confirmed_at=confirmed
        )
        subscriber.topics.add(topic)

    removed = apply_retention(now)

    assert removed[LABELS["subscriptions"]] == 1
    assert names(Subscriber, "email") == {"nova@example.cz", "potvrzena@example.cz"}
    assert Subscriber.topics.through.objects.count() == 2


def test_login_records_go_after_ninety_days(db):
    now = timezone.now()
    cutoff = now - 90 * DAY
    for model, extra in [
        (AccessAttempt, {"get_data": "", "post_data": "", "failures_since_start": 1}),
        (AccessLog, {}),
        (AccessFailureLog, {}),
    ]:
        login_record(model, "old", cutoff - HOUR, **extra)
        login_record(model, "new", cutoff + HOUR, **extra)

    removed = apply_retention(now)

    assert removed[LABELS["logins"]] == 3
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert names(model, "username") == {"new"}


def test_periods_come_from_the_settings(db, settings):
    now = timezone.now()
    settings.PORTAL_RETAIN_MESSAGES_MONTHS = 24
    settings.PORTAL_RETAIN_UNCONFIRMED_DAYS = 2
    settings.PORTAL_RETAIN_LOGINS_DAYS = 30
    message("thirteen_months", received=months_before(now, 13))
    Subscriber.objects.create(email="tri-dny@example.cz", consented_at=now - 3 * DAY)
    login_record(AccessLog, "month_and_a_day", now - 31 * DAY)

    removed = apply_retention(now)

    assert removed == {
        LABELS["subscriptions"]: 1,
        LABELS["messages"]: 0,
        LABELS["logins"]: 1,
    }
    assert names(ContactMessage, "name") == {"thirteen_months"}


def test_the_command_reports_counts_and_a_second_run_removes_nothing(db, capsys):
    now = timezone.now()
    message("old", received=months_before(now, 13))
    Subscriber.objects.create(email="stara@example.cz", consented_at=now - 8 * DAY)

    call_command("apply_retention")
    first = capsys.readouterr().out
    call_command("apply_retention")
    second = capsys.readouterr().out

    assert f"{LABELS['messages']}: 1" in first
    assert f"{LABELS['subscriptions']}: 1" in first
    assert f"{LABELS['logins']}: 0" in first
    assert second.splitlines() == [f"{label}: 0" for label in first_labels(first)]


def first_labels(output):
    return [line.rsplit(":", 1)[0] for line in output.splitlines()]


def test_a_contact_message_reaches_the_filing_office(client, db, settings):
    """The filing office (podatelna) gets every message: its copy is the
    record, so the portal's may go after its period."""
    settings.PORTAL_FILING_EMAIL = "podatelna@kraj.example"
    project = make_project(contact=make_person(email="koordinator@kraj.example"))

    response = client.post(
        project.get_absolute_url() + "napsat/",
        {
            "name": "Jana Nováková",
            "email": "jana@example.cz",
            "message": "Žádám o informace k projektu.",
        },
    )

    assert response.status_code == 302
    [sent] = mail.outbox
    assert sent.to == ["koordinator@kraj.example", "podatelna@kraj.example"]
    assert "Žádám o informace k projektu." in sent.body
    assert "Jana Nováková <jana@example.cz>" in sent.body
    assert project.get_absolute_url() in sent.body
    assert ContactMessage.objects.get().emailed


@pytest.mark.parametrize("contact_email", ["", "podatelna@kraj.example"])
def test_the_filing_office_gets_one_copy_without_or_as_the_contact(
    client, db, settings, contact_email
):
    settings.PORTAL_FILING_EMAIL = "podatelna@kraj.example"
    project = make_project(contact=make_person(email=contact_email))
    client.post(
        project.get_absolute_url() + "napsat/",
        {"name": "Petr", "email": "petr@example.cz", "message": "Dotaz"},
    )
    assert [message.to for message in mail.outbox] == [["podatelna@kraj.example"]]
