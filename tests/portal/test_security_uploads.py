import io
import tracemalloc
import zipfile

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from documents.models import Document
from portal.uploads import validate_document_upload
from tests.documents.test_admin import form_data
from tests.factories import make_category, make_programme


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
    return form_data(category, cs=upload)


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


def xlsx_with_a_huge_cell(size=200 * 1024 * 1024):
    """A real award list whose sheet unpacks to hundreds of megabytes: one
    endless recipient name, squeezed a thousandfold by deflate."""
    source = io.BytesIO()
    Workbook().save(source)
    sheet = "xl/worksheets/sheet1.xml"
    bomb = io.BytesIO()
    with (
        zipfile.ZipFile(source) as original,
        zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as xlsx,
    ):
        for info in original.infolist():
            if info.filename != sheet:
                xlsx.writestr(info.filename, original.read(info))
        with xlsx.open(sheet, "w", force_zip64=True) as member:
            member.write(
                '<worksheet xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main"><sheetData><row r="1">'
                '<c r="A1" t="inlineStr"><is><t>Příjemce</t></is></c>'
                '<c r="B1" t="inlineStr"><is><t>Název projektu</t></is></c>'
                '<c r="C1" t="inlineStr"><is><t>Přiděleno</t></is></c></row>'
                '<row r="2"><c r="A2" t="inlineStr"><is><t>'.encode()
            )
            letters = b"A" * (1024 * 1024)
            for _ in range(size // len(letters)):
                member.write(letters)
            member.write(
                b'</t></is></c><c r="B2" t="inlineStr"><is><t>Projekt</t></is>'
                b'</c><c r="C2"><v>1000</v></c></row></sheetData></worksheet>'
            )
    return bomb.getvalue()


def test_an_award_list_that_unpacks_to_hundreds_of_megabytes_is_refused(
    admin_client,
):
    """The award import reads XLSX files no bigger unpacked than a sane
    spreadsheet, and says so in Czech."""
    programme = make_programme()
    xlsx = SimpleUploadedFile("dotace.xlsx", xlsx_with_a_huge_cell())
    url = reverse("admin:grants_programme_import", args=[programme.pk])

    tracemalloc.start()
    try:
        response = admin_client.post(url, {"file": xlsx})
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    assert response.status_code == 200
    assert "po rozbalení" in response.content.decode()
    assert peak < 20 * 1024 * 1024
