import io
import tracemalloc
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document
from portal.uploads import validate_document_upload
from tests.factories import make_category


def odt_with_a_huge_mimetype(size=200 * 1024 * 1024):
    """An ODT whose `mimetype` member unpacks to hundreds of megabytes, made
    without holding them: deflate squeezes the blanks a thousandfold."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as odt:
        with odt.open("mimetype", "w", force_zip64=True) as member:
            member.write(b"application/vnd.oasis.opendocument.text")
            blanks = b" " * (1024 * 1024)
            for _ in range(size // len(blanks)):
                member.write(blanks)
        odt.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


def document_form(category, upload):
    return {
        "title": "Metodická příručka pro obce",
        "slug": "metodicka-prirucka",
        "category": category.pk,
        "scope": "regional",
        "audience": "municipalities",
        "status": "published",
        "publish_at_0": "01.01.2024",
        "publish_at_1": "10:00:00",
        "summary": "<p>Shrnutí</p>",
        "files-TOTAL_FORMS": "1",
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
        "files-0-file": upload,
        "files-0-language": "cs",
        "files-0-order": "0",
    }


def test_an_odt_with_a_huge_mimetype_is_refused_without_unpacking_it(admin_client):
    """The check reads the first bytes of `mimetype`, not all of it."""
    odt = odt_with_a_huge_mimetype()
    assert len(odt) < 1024 * 1024
    data = document_form(make_category(), SimpleUploadedFile("priruck.odt", odt))

    tracemalloc.start()
    try:
        response = admin_client.post(reverse("admin:documents_document_add"), data)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 200
    assert "neodpovídá formátu ODT" in response.content.decode()
    assert not Document.objects.exists()
    assert peak < 20 * 1024 * 1024


def docx_with_entries(count):
    """A DOCX whose zip lists ``count`` empty images; a 50 MB upload could
    list a million, each parsed into memory to read the list."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as docx:
        docx.writestr("[Content_Types].xml", "<Types/>")
        docx.writestr("word/document.xml", "<w:document/>")
        for number in range(count - 2):
            docx.writestr(zipfile.ZipInfo(f"word/media/image{number:06}.png"), b"")
    return buffer.getvalue()


def test_a_zip_listing_more_parts_than_any_office_file_is_refused(admin_client):
    """The directory's size is read from the zip's end record before any
    entry is parsed."""
    data = document_form(
        make_category(), SimpleUploadedFile("prirucka.docx", docx_with_entries(50_000))
    )
    response = admin_client.post(reverse("admin:documents_document_add"), data)
    assert response.status_code == 200
    assert "neodpovídá formátu DOCX" in response.content.decode()
    assert not Document.objects.exists()


def test_a_docx_with_many_images_is_still_accepted():
    """Real files have tens or hundreds of parts, a few thousand at most."""
    label, _ = validate_document_upload(
        SimpleUploadedFile("prirucka.docx", docx_with_entries(3000))
    )
    assert label == "DOCX"
