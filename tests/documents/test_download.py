import threading

from django.core.files.base import ContentFile
from django.db import connection
from pytest_django.asserts import assertContains

from documents.models import DocumentFile
from portal.models import Status
from tests.factories import make_document, make_document_file


def body(response):
    return b"".join(response.streaming_content)


def test_pdf_is_streamed_inline_with_its_original_name(client, db):
    document_file = make_document_file(name="Zpráva o stavu 2016.pdf")
    response = client.get(document_file.get_absolute_url())
    assert response.streaming
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert "Zpr%C3%A1va%20o%20stavu%202016.pdf" in response["Content-Disposition"]
    assert body(response).startswith(b"%PDF-")


def test_other_formats_download_as_attachments(client, db):
    document_file = make_document_file(
        content="název;částka\n".encode(), name="prijemci.csv"
    )
    response = client.get(document_file.get_absolute_url())
    assert response["Content-Disposition"].startswith("attachment")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert body(response) == "název;částka\n".encode()


def test_each_download_is_counted(client, db):
    document_file = make_document_file()
    for _ in range(3):
        body(client.get(document_file.get_absolute_url()))
    client.head(document_file.get_absolute_url())
    document_file.refresh_from_db()
    assert document_file.download_count == 3


def test_concurrent_downloads_are_all_counted(transactional_db, client):
    document_file = make_document_file()
    url = document_file.get_absolute_url()
    errors = []

    def download():
        from django.test import Client

        try:
            for _ in range(5):
                response = Client().get(url)
                b"".join(response.streaming_content)
                response.close()
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=download) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    document_file.refresh_from_db()
    assert document_file.download_count == 40


def test_replacing_the_file_keeps_the_download_url(client, db):
    document_file = make_document_file(content=b"verze 1", name="data.txt")
    url = document_file.get_absolute_url()
    document_file.file = ContentFile(b"verze 2", name="nova-data.txt")
    document_file.save()
    assert DocumentFile.objects.get(pk=document_file.pk).get_absolute_url() == url
    assert body(client.get(url)) == b"verze 2"


def test_files_of_a_draft_are_not_downloadable_by_the_public(client, db):
    document_file = make_document_file(make_document(status=Status.DRAFT))
    assert client.get(document_file.get_absolute_url()).status_code == 404


def test_a_file_missing_on_disk_gives_404_not_500(client, db):
    document_file = make_document_file()
    document_file.file.storage.delete(document_file.file.name)
    assertContains(
        client.get(document_file.get_absolute_url()),
        "Stránka nenalezena",
        status_code=404,
    )


def test_external_link_redirects(client, db):
    document = make_document()
    linked = DocumentFile.objects.create(
        document=document, external_url="https://www.socialni-zaclenovani.cz/"
    )
    response = client.get(linked.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"] == "https://www.socialni-zaclenovani.cz/"
