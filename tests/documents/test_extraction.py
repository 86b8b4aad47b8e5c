import io
from io import StringIO

from django.core.management import call_command
from pypdf import PdfWriter

from documents.models import DocumentFile
from tests.factories import make_document_file


def blank_pdf():
    """A PDF as a scanner makes it: no text, no tags, no language, no title."""
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_text_of_an_uploaded_pdf_is_extracted_for_search(db):
    document_file = make_document_file()
    assert "Žluťoučký kůň úpěl." in document_file.text
    assert document_file.page_count == 1
    assert document_file.accessibility_problems == []


def test_a_pdf_without_text_tags_language_or_title_is_flagged(db):
    document_file = make_document_file(content=blank_pdf(), name="sken.pdf")
    assert [str(problem) for problem in document_file.accessibility_problems] == [
        "nemá textovou vrstvu (je to jen obrázek)",
        "nemá strukturu (tagy)",
        "nemá určený jazyk",
        "nemá vyplněný název",
    ]
    assert list(DocumentFile.objects.inaccessible_pdfs()) == [document_file]


def test_text_files_are_searchable_too(db):
    document_file = make_document_file(
        content="Romská menšina v kraji".encode(), name="poznamka.txt"
    )
    assert document_file.text == "Romská menšina v kraji"


def test_command_re_extracts_existing_files(client, db):
    document_file = make_document_file()
    DocumentFile.objects.filter(pk=document_file.pk).update(text="", page_count=None)
    url = document_file.document.get_absolute_url()
    assert "1 strana" not in client.get(url).content.decode()
    out = StringIO()
    call_command("extract_document_text", stdout=out)
    document_file.refresh_from_db()
    assert "Žluťoučký kůň" in document_file.text
    assert document_file.page_count == 1
    assert "Zpracováno souborů: 1" in out.getvalue()
    # The page the cache kept shows the new facts at once.
    assert "1 strana" in client.get(url).content.decode()
