"""Notices as the law runs them (issue #40): the system records when a
notice goes up and comes down, a posted notice is fixed and corrected by a
new one, a certificate of posting and removal, and the notice's own files."""

import io
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from pypdf import PdfReader
from pytest_django.asserts import assertContains, assertNotContains

from documents.pdf import build_pdf
from noticeboard.models import Notice, NoticeAttachment, NoticeEvent, midnight
from portal.czech import format_datetime
from portal.models import SiteSettings, Status
from tests.factories import admin_form_data, make_notice

ADD = "/admin/noticeboard/notice/add/"


def change_url(notice):
    return f"/admin/noticeboard/notice/{notice.pk}/change/"


def pdf_upload(name="vyhlaska.pdf", title="Veřejná vyhláška"):
    return SimpleUploadedFile(name, build_pdf(title, ["Text vyhlášky."]))


def add_notice(admin_client, **fields):
    """A notice made in the admin as a clerk makes it, with one file."""
    data = admin_form_data(admin_client.get(ADD))
    data.update(
        title="Veřejná vyhláška o dotacích",
        slug="",
        reference_number="KULK 1/2026",
        relevant_until="",
        **{"files-0-file": pdf_upload(), "files-0-label": "Text vyhlášky"},
    )
    data.update(fields)
    response = admin_client.post(ADD, data)
    assert response.status_code == 302, response.context["errors"]
    return Notice.objects.get(title=data["title"])


def pdf_text(content):
    return " ".join(
        page.extract_text() for page in PdfReader(io.BytesIO(content)).pages
    )


def test_publishing_a_notice_records_when_it_went_up(admin_client, client):
    """A draft hangs nowhere; publishing it is posting it, and the system
    writes down the moment, whoever clicks and whatever dates were typed."""
    notice = add_notice(admin_client, status=Status.DRAFT)
    assert notice.posted_at is None
    assert client.get(notice.get_absolute_url()).status_code == 404

    data = admin_form_data(admin_client.get(change_url(notice)))
    data["status"] = Status.PUBLISHED
    before = timezone.now()
    assert admin_client.post(change_url(notice), data).status_code == 302

    notice.refresh_from_db()
    assert before <= notice.posted_at <= timezone.now()
    assert notice.posted_on == timezone.localdate()
    event = NoticeEvent.objects.get(notice=notice)
    assert (event.kind, event.at) == (NoticeEvent.Kind.POSTED, notice.posted_at)
    assert event.recorded_by.username == "admin"
    assertContains(client.get(notice.get_absolute_url()), "Text vyhlášky")


def test_the_posting_dates_are_not_in_the_form(admin_client):
    """ "Vyvěšeno dne" and "sejmuto" are shown, never typed."""
    form = admin_client.get(ADD).context["adminform"].form
    assert not {"posted_on", "posted_at", "removed_at", "publish_at"} & set(form.fields)


def test_a_posted_notice_cannot_be_edited(admin_client, client):
    notice = make_notice(title="Oznámení o zahájení řízení")
    page = admin_client.get(change_url(notice))
    assertNotContains(page, 'name="_save"')
    assertContains(page, "Vydat opravu")
    assertContains(page, "proto je nelze měnit")

    data = admin_form_data(page)
    data["title"] = "Přepsaný název"
    assert admin_client.post(change_url(notice), data).status_code == 403
    notice.refresh_from_db()
    assert notice.title == "Oznámení o zahájení řízení"
    assertContains(client.get(notice.get_absolute_url()), "Oznámení o zahájení")
    # Nor can it be deleted: it stays in the archive.
    delete = f"/admin/noticeboard/notice/{notice.pk}/delete/"
    assert admin_client.post(delete, {"post": "yes"}).status_code == 403
    assert Notice.objects.filter(pk=notice.pk).exists()


def test_a_correction_names_the_notice_it_corrects_both_ways(admin_client, client):
    wrong = make_notice(title="Oznámení o výběrovém řízení", reference_number="KULK 7")
    page = admin_client.get(f"{ADD}?corrects={wrong.pk}")
    form = page.context["adminform"].form
    assert form["title"].value() == "Oprava: Oznámení o výběrovém řízení"
    assert form["reference_number"].value() == "KULK 7"

    correction = add_notice(
        admin_client,
        title="Oprava: Oznámení o výběrovém řízení",
        corrects=str(wrong.pk),
        status=Status.PUBLISHED,
    )
    assert correction.corrects == wrong
    assert correction.posted_at is not None

    corrected_page = client.get(wrong.get_absolute_url())
    assertContains(corrected_page, "Opraveno oznámením")
    assertContains(corrected_page, f'href="{correction.get_absolute_url()}"')
    correction_page = client.get(correction.get_absolute_url())
    assertContains(correction_page, "Opravuje oznámení")
    assertContains(correction_page, f'href="{wrong.get_absolute_url()}"')


def test_a_draft_cannot_be_named_as_corrected(admin_client):
    """Only what hung on the board can be corrected."""
    draft = make_notice(status=Status.DRAFT)
    data = admin_form_data(admin_client.get(ADD))
    data.update(title="Oprava konceptu", corrects=str(draft.pk))
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert "corrects" in response.context["adminform"].form.errors


def test_taking_a_notice_down_records_it_and_keeps_it_in_the_archive(
    admin_client, client
):
    notice = make_notice(title="Oznámení o konání zasedání")
    page = admin_client.get(change_url(notice))
    assertContains(page, "Sejmout z úřední desky")
    before = timezone.now()
    response = admin_client.post(f"/admin/noticeboard/notice/{notice.pk}/sejmout/")
    assert response.status_code == 302

    notice.refresh_from_db()
    assert before <= notice.removed_at <= timezone.now()
    assert notice.events.filter(kind=NoticeEvent.Kind.REMOVED).count() == 1
    assertNotContains(client.get("/uredni-deska/"), "Oznámení o konání zasedání")
    archive = client.get("/uredni-deska/archiv/")
    assertContains(archive, "Oznámení o konání zasedání")
    day = format_datetime(notice.removed_at).split(" ")[0]
    assertContains(archive, f"sejmuto {day}")
    # Once down, it stays down: no second removal.
    again = admin_client.post(f"/admin/noticeboard/notice/{notice.pk}/sejmout/")
    assert again.status_code == 403


def test_a_notice_past_its_last_day_came_down_at_midnight(db):
    """The timer records the removal at the moment the notice left the
    board, not when the timer happened to run."""
    today = timezone.localdate()
    notice = make_notice(
        posted_on=today - timedelta(days=20), relevant_until=today + timedelta(days=1)
    )
    assert notice.removed_at is None
    Notice.objects.filter(pk=notice.pk).update(relevant_until=today - timedelta(days=2))
    call_command("publish_scheduled", stdout=io.StringIO())
    notice.refresh_from_db()
    assert notice.removed_at == midnight(today - timedelta(days=1))
    event = notice.events.get(kind=NoticeEvent.Kind.REMOVED)
    assert event.at == notice.removed_at
    # The next run writes nothing twice.
    call_command("publish_scheduled", stdout=io.StringIO())
    assert notice.events.count() == 2


def test_the_certificate_states_the_recorded_dates(admin_client):
    notice = make_notice(
        title="Veřejná vyhláška – územní plán",
        reference_number="KULK 1234/2026",
        file_number="OSV/13/2026",
    )
    admin_client.post(f"/admin/noticeboard/notice/{notice.pk}/sejmout/")
    notice.refresh_from_db()

    response = admin_client.get(f"/admin/noticeboard/notice/{notice.pk}/osvedceni.pdf")
    assert response["Content-Type"] == "application/pdf"
    text = " ".join(pdf_text(response.content).split())
    assert "Osvědčení o vyvěšení a sejmutí" in text
    assert "Veřejná vyhláška – územní plán" in text
    assert "KULK 1234/2026" in text
    posted = format_datetime(notice.posted_at).replace("\xa0", " ")
    removed = format_datetime(notice.removed_at).replace("\xa0", " ")
    assert f"Vyvěšeno dne: {posted}" in text
    assert f"Sejmuto dne: {removed}" in text


def test_a_draft_has_no_certificate(admin_client):
    draft = make_notice(status=Status.DRAFT)
    response = admin_client.get(
        f"/admin/noticeboard/notice/{draft.pk}/osvedceni.pdf", follow=True
    )
    assertContains(response, "osvědčení o vyvěšení nemá")


def test_a_removed_notices_file_is_served_from_the_archive_not_the_library(
    admin_client, client
):
    notice = add_notice(admin_client, status=Status.PUBLISHED)
    attachment = NoticeAttachment.objects.get(notice=notice)
    stored = attachment.file.path
    assert Path(stored).read_bytes().startswith(b"%PDF")
    url = attachment.get_absolute_url()
    assert url.startswith(f"/uredni-deska/{notice.slug}/priloha/")

    admin_client.post(f"/admin/noticeboard/notice/{notice.pk}/sejmout/")
    archive = client.get("/uredni-deska/archiv/")
    assertContains(archive, f'href="{url}"')
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    # Not a document of the library.
    assertNotContains(client.get("/dokumenty/"), "Text vyhlášky")
    assert (
        client.get(f"/dokumenty/{notice.slug}/soubor/{attachment.pk}/").status_code
        == 404
    )


def test_a_drafts_file_is_not_served(admin_client, client):
    notice = add_notice(admin_client, status=Status.DRAFT)
    url = NoticeAttachment.objects.get(notice=notice).get_absolute_url()
    assert client.get(url).status_code == 404
    assert admin_client.get(url).status_code == 200  # staff preview


def test_a_web_page_renamed_to_pdf_is_refused_as_an_attachment(admin_client):
    data = admin_form_data(admin_client.get(ADD))
    data.update(
        title="Oznámení s podvrženým souborem",
        **{
            "files-0-file": SimpleUploadedFile(
                "vyhlaska.pdf", b"<html><script>alert(1)</script></html>"
            )
        },
    )
    response = admin_client.post(ADD, data)
    assert response.status_code == 200
    assert not Notice.objects.filter(title="Oznámení s podvrženým souborem").exists()
    assertContains(response, "errorlist")


BEFORE = [("noticeboard", "0002_translations")]
AFTER = [("noticeboard", "0004_carry_over_posting_dates")]


@pytest.fixture
def migrated_back():
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("migrated_back")
def test_existing_notices_keep_their_dates_as_recorded_events():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps.get_model("noticeboard", "Notice")
    today = timezone.localdate()
    common = {"status": "published", "publish_at": midnight(today - timedelta(days=40))}
    old.objects.create(
        title="Sejmuté",
        slug="sejmute",
        posted_on=today - timedelta(days=30),
        relevant_until=today - timedelta(days=10),
        **common,
    )
    old.objects.create(title="Visí", slug="visi", posted_on=today, **common)
    old.objects.create(title="Koncept", slug="koncept", status="draft")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    apps = executor.loader.project_state(AFTER).apps
    new = apps.get_model("noticeboard", "Notice")
    removed = new.objects.get(slug="sejmute")
    assert removed.posted_at == midnight(today - timedelta(days=30))
    assert removed.removed_at == midnight(today - timedelta(days=9))
    hanging = new.objects.get(slug="visi")
    assert (hanging.posted_at, hanging.removed_at) == (midnight(today), None)
    assert new.objects.get(slug="koncept").posted_at is None
    events = apps.get_model("noticeboard", "NoticeEvent").objects
    assert sorted(events.values_list("notice__slug", "kind")) == [
        ("sejmute", "posted"),
        ("sejmute", "removed"),
        ("visi", "posted"),
    ]


def test_a_new_notice_names_the_department(admin_client):
    settings = SiteSettings.load()
    settings.department_name = "Odbor sociálních věcí"
    settings.save()
    form = admin_client.get(ADD).context["adminform"].form
    assert form["department"].value() == "Odbor sociálních věcí"


def test_a_notice_whose_last_day_has_passed_is_not_posted(admin_client, client):
    today = timezone.localdate()
    late = make_notice(
        status=Status.DRAFT,
        posted_on=today - timedelta(days=10),
        relevant_until=today - timedelta(days=1),
    )
    response = admin_client.post(
        "/admin/noticeboard/notice/",
        {"action": "publish", "_selected_action": [late.pk]},
        follow=True,
    )
    assertContains(response, "měla viset do dne, který už minul")
    late.refresh_from_db()
    assert (late.status, late.posted_at) == (Status.DRAFT, None)

    data = admin_form_data(admin_client.get(change_url(late)))
    data["status"] = Status.PUBLISHED
    response = admin_client.post(change_url(late), data)
    assertContains(response, "už minul")
    late.refresh_from_db()
    assert late.posted_at is None
