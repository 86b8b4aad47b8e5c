"""Removing personal data from history (issue #40): "Trvale odstranit
soubor" takes a replaced file out of storage and out of every stored
version, records who, when and why, and a restore of such a version says
the file was removed."""

import io
import json
from pathlib import Path

import reversion
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Version

from documents.models import DocumentFile
from documents.pdf import build_pdf
from editorial.models import FilePurge
from portal.models import Status
from tests.factories import (
    admin_form_data,
    make_document,
    make_document_file,
    make_news_item,
)


def replaced_file(admin_client):
    """A draft document whose list of recipients (with a birth number in
    it) an editor replaced by a corrected one, as the history keeps it."""
    document = make_document(title="Seznam příjemců", status=Status.DRAFT)
    make_document_file(
        document,
        name="seznam.pdf",
        content=build_pdf("Seznam", ["Jan Novák, r. č. 800101/1234"]),
    )
    with reversion.create_revision():
        reversion.add_to_revision(document)
    old = DocumentFile.objects.get(document=document).file.name
    url = reverse("admin:documents_document_change", args=[document.pk])
    data = admin_form_data(admin_client.get(url))
    data["files-0-file"] = SimpleUploadedFile(
        "seznam-opraveny.pdf", build_pdf("Seznam", ["Jan Novák"]), "application/pdf"
    )
    assert admin_client.post(url, data).status_code == 302
    assert DocumentFile.objects.get(document=document).file.name != old
    return document, old


def purge_url(document):
    return reverse("admin:documents_document_purge", args=[document.pk])


def stored_path(name):
    return Path(DocumentFile._meta.get_field("file").storage.path(name))


def test_a_purged_file_is_gone_from_disk_and_every_version(admin_client, admin_user):
    document, old = replaced_file(admin_client)
    assert stored_path(old).exists()
    assert Version.objects.filter(serialized_data__contains=old).count() == 1
    history = admin_client.get(
        reverse("admin:documents_document_history", args=[document.pk])
    )
    assertContains(history, purge_url(document))
    page = admin_client.get(purge_url(document))
    assertContains(page, "Trvale odstranit soubor")
    assertContains(page, "seznam.pdf")

    response = admin_client.post(
        purge_url(document),
        {"file_name": old, "reason": "Obsahoval rodné číslo příjemce."},
        follow=True,
    )
    assertContains(response, "je trvale odstraněn")
    assert not stored_path(old).exists()
    assert not Version.objects.filter(serialized_data__contains=old).exists()
    record = FilePurge.objects.get()
    assert record.purged_by == admin_user
    assert record.reason == "Obsahoval rodné číslo příjemce."
    assertContains(response, "Obsahoval rodné číslo příjemce.")
    # The current file is untouched and still downloads.
    current = DocumentFile.objects.get(document=document)
    assert stored_path(current.file.name).exists()


def test_restoring_a_version_whose_file_was_purged_says_so(admin_client):
    document, old = replaced_file(admin_client)
    admin_client.post(
        purge_url(document), {"file_name": old, "reason": "Osobní údaje."}
    )
    first = Version.objects.get_for_object(document).order_by("pk").first()
    url = reverse("admin:documents_document_revision", args=[document.pk, first.pk])
    page = admin_client.get(url)
    assertContains(page, "byl trvale odstraněn")
    assertContains(page, "Osobní údaje.")
    # The restore itself goes through and brings the file back as missing,
    # never as the removed bytes.
    response = admin_client.post(url, admin_form_data(page))
    assert response.status_code in (200, 302)
    row = DocumentFile.objects.get(document=document)
    assert row.file.name != old


def test_the_file_in_use_cannot_be_purged(admin_client):
    document, _old = replaced_file(admin_client)
    current = DocumentFile.objects.get(document=document).file.name
    response = admin_client.post(
        purge_url(document), {"file_name": current, "reason": "Omylem."}
    )
    assert response.status_code == 400
    assertContains(response, "stále používá", status_code=400)
    assert stored_path(current).exists()
    assert not FilePurge.objects.exists()


def test_a_purge_needs_a_reason(admin_client):
    document, old = replaced_file(admin_client)
    response = admin_client.post(purge_url(document), {"file_name": old, "reason": " "})
    assertContains(response, "proč soubor", status_code=400)
    assert stored_path(old).exists()


def test_only_the_administrator_may_purge(admin_client, login_as):
    document, old = replaced_file(admin_client)
    editor = login_as("Redaktor")
    history = editor.get(
        reverse("admin:documents_document_history", args=[document.pk])
    )
    assertNotContains(history, purge_url(document))
    response = editor.post(purge_url(document), {"file_name": old, "reason": "x"})
    assert response.status_code == 403
    assert stored_path(old).exists()


def png(colour):
    buffer = io.BytesIO()
    Image.new("RGB", (1600, 900), colour).save(buffer, "PNG")
    return SimpleUploadedFile("akce.png", buffer.getvalue(), "image/png")


def test_a_purged_image_takes_its_renditions_along(admin_client):
    """A news photo of a person who asked to be taken down: the photo and
    the sizes made from it leave the disk and every version."""
    item = make_news_item(title="Setkání s rodiči", status=Status.DRAFT)
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    for colour in ("teal", "navy"):
        data = admin_form_data(admin_client.get(url))
        data.update(image=png(colour), image_alt="Setkání v knihovně")
        assert admin_client.post(url, data).status_code == 302
        item.refresh_from_db()
        if colour == "teal":
            old = [item.image.name, item.image_list.name, item.image_detail.name]
    storage = item.image.storage
    assert all(storage.exists(name) for name in old)

    response = admin_client.post(
        reverse("admin:news_newsitem_purge", args=[item.pk]),
        {"file_name": old[0], "reason": "Osoba na fotografii požádala o odstranění."},
    )
    assert response.status_code == 302
    assert not any(storage.exists(name) for name in old)
    for name in old:
        assert not Version.objects.filter(serialized_data__contains=name).exists()
    item.refresh_from_db()
    assert storage.exists(item.image.name) and storage.exists(item.image_list.name)


def test_a_file_of_an_open_draft_of_a_change_cannot_be_purged(admin_client, login_as):
    """An editor replaced a live document's file in a draft of the change,
    waiting for approval: the new file is the draft's, not a replaced one,
    so it is neither offered for removal nor removed."""
    document = make_document(title="Metodika pro obce")
    make_document_file(
        document, name="metodika.pdf", content=build_pdf("Metodika", ["2020"])
    )
    with reversion.create_revision():
        reversion.add_to_revision(document)
    live = DocumentFile.objects.get(document=document).file.name
    editor = login_as("Redaktor")
    url = reverse("admin:documents_document_change", args=[document.pk])
    data = admin_form_data(editor.get(url))
    data["files-0-file"] = SimpleUploadedFile(
        "metodika-2026.pdf", build_pdf("Metodika", ["2026"]), "application/pdf"
    )
    data["_submit_approval"] = "1"
    assert editor.post(url, data).status_code == 302
    # The public keeps the live file; the draft names the new one.
    assert DocumentFile.objects.get(document=document).file.name == live
    # The draft's revision names the new file, which is stored already.
    drafted_name = next(
        row["fields"]["file"]
        for version in Version.objects.filter(serialized_data__contains="metodika-2026")
        for row in json.loads(version.serialized_data)
    )
    assert stored_path(drafted_name).exists()

    page = admin_client.get(purge_url(document))
    assertNotContains(page, "metodika-2026")
    response = admin_client.post(
        purge_url(document), {"file_name": drafted_name, "reason": "Omylem."}
    )
    assert response.status_code == 400
    assert stored_path(drafted_name).exists()
    assert not FilePurge.objects.exists()
