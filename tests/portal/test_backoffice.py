import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from documents.models import Document
from tests.factories import make_document, make_news_item

UPLOAD = reverse("ck_editor_5_upload_file")


def jpeg(**exif):
    buffer = io.BytesIO()
    image = Image.new("RGB", (2400, 1200), "teal")
    info = Image.Exif()
    info[0x010F] = "GPS telefon"
    image.save(buffer, "JPEG", exif=info)
    return buffer.getvalue()


def test_editor_uploads_an_image_without_metadata(admin_client, media_root):
    response = admin_client.post(
        UPLOAD, {"upload": SimpleUploadedFile("Fotka z akce.JPG", jpeg())}
    )
    assert response.status_code == 200
    url = response.json()["url"]
    assert url.startswith("/media/editor/")
    assert "fotka" not in url  # see tests/portal/test_upload_names.py
    with Image.open(media_root / url.removeprefix("/media/")) as stored:
        assert stored.width == 1600
        assert not stored.getexif()


def test_only_staff_may_upload_editor_images(client, db):
    response = client.post(UPLOAD, {"upload": SimpleUploadedFile("a.jpg", jpeg())})
    assert response.status_code == 403
    assert "jen redaktoři" in response.json()["error"]["message"]


def test_disguised_or_svg_images_are_refused(admin_client):
    for name, content in [
        ("obrazek.jpg", b"<svg onload=alert(1)></svg>"),
        ("obrazek.png", b"<html><script>alert(1)</script></html>"),
        ("prazdny.png", b""),
    ]:
        response = admin_client.post(
            UPLOAD, {"upload": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 400, name
        assert response.json()["error"]["message"]


def test_deleting_a_document_that_news_links_to_is_refused(admin_client, db):
    document = make_document(title="Preventivní brožura pro cizince")
    make_news_item(title="Vyšla brožura").documents.add(document)
    url = reverse("admin:documents_document_delete", args=[document.pk])
    page = admin_client.get(url).content.decode()
    assert (
        "Aktualita „Vyšla brožura“ odkazuje na „Preventivní brožura pro cizince“"
        in page
    )
    admin_client.post(url, {"post": "yes"})
    assert Document.objects.filter(pk=document.pk).exists()


def test_unlinked_document_can_be_deleted(admin_client, db):
    document = make_document(title="Nepotřebný")
    admin_client.post(
        reverse("admin:documents_document_delete", args=[document.pk]), {"post": "yes"}
    )
    assert not Document.objects.filter(pk=document.pk).exists()


def test_staff_see_view_on_site_for_drafts(admin_client, db):
    from portal.models import Status

    draft = make_news_item(title="Koncept", status=Status.DRAFT)
    change = admin_client.get(
        reverse("admin:news_newsitem_change", args=[draft.pk])
    ).content.decode()
    assert 'class="viewsitelink">Zobrazení na webu' in change
    shortcut = (
        change.split('class="viewsitelink"', 1)[0]
        .rsplit('href="', 1)[1]
        .split('"', 1)[0]
    )
    assert admin_client.get(shortcut)["Location"].endswith(draft.get_absolute_url())
    assert "Náhled" in admin_client.get(draft.get_absolute_url()).content.decode()
