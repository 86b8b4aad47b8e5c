import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from documents.pdf import build_pdf
from portal.uploads import safe_filename, validate_document_upload


def docx_bytes(inner="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr(inner, "<w:document/>")
    return buffer.getvalue()


def odt_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "label"),
    [
        ("zprava.pdf", build_pdf("Zpráva", ["Text"]), "PDF"),
        ("prirucka.docx", docx_bytes(), "DOCX"),
        ("tabulka.xlsx", docx_bytes("xl/workbook.xml"), "XLSX"),
        ("text.odt", odt_bytes(), "ODT"),
        ("stary.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "DOC"),
        ("data.csv", "název;částka\nSpolek;50000\n".encode(), "CSV"),
        ("poznamka.txt", "Příliš žluťoučký kůň".encode(), "TXT"),
        ("dopis.rtf", b"{\\rtf1\\ansi Dobry den}", "RTF"),
        ("foto.jpg", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "JPG"),
        ("logo.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 50, "PNG"),
    ],
)
def test_allowed_files_pass_with_their_format(name, content, label):
    assert validate_document_upload(SimpleUploadedFile(name, content))[0] == label


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        (
            "stranka.html",
            b"<html><script>alert(1)</script></html>",
            "typu „html“ nelze nahrát",
        ),
        ("obrazek.svg", b"<svg onload='alert(1)'/>", "typu „svg“ nelze nahrát"),
        ("program.exe", b"MZ\x90\x00", "typu „exe“ nelze nahrát"),
        ("bez-pripony", b"%PDF-1.4", "bez přípony"),
        ("faktura.pdf", b"<html><body>podvod</body></html>", "neodpovídá formátu PDF"),
        ("prirucka.docx", docx_bytes("ppt/slide1.xml"), "neodpovídá formátu DOCX"),
        ("poznamka.txt", b"<!DOCTYPE html><html></html>", "neodpovídá formátu TXT"),
        ("foto.png", b"\xff\xd8\xff\xe0" + b"\x00" * 50, "neodpovídá formátu PNG"),
        ("prazdny.pdf", b"", "Soubor je prázdný"),
    ],
)
def test_dangerous_or_wrong_files_are_refused_with_a_czech_reason(
    name, content, message
):
    with pytest.raises(ValidationError) as error:
        validate_document_upload(SimpleUploadedFile(name, content))
    assert message in " ".join(error.value.messages)


def test_files_over_the_limit_are_refused(settings):
    settings.PORTAL_MAX_UPLOAD_SIZE = 1024
    big = SimpleUploadedFile("velky.pdf", b"%PDF-1.4" + b"0" * 2048)
    with pytest.raises(ValidationError) as error:
        validate_document_upload(big)
    assert "největší povolená velikost je 1,0" in error.value.messages[0]


def test_file_names_are_transliterated_and_made_safe():
    assert (
        safe_filename("Zpráva o stavu 2016 (final).PDF")
        == "zprava-o-stavu-2016-final.pdf"
    )
    assert safe_filename("../../etc/passwd") == "passwd"
    assert safe_filename("příloha.tar.gz") == "prilohatar.gz"
