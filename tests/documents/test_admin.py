from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from documents.models import Document
from documents.pdf import build_pdf
from tests.factories import make_category


def form_data(category, **files):
    data = {
        "title": "Metodická příručka pro obce",
        "slug": "metodicka-prirucka",
        "category": category.pk,
        "scope": "regional",
        "audience": "municipalities",
        "status": "published",
        "publish_at_0": "01.01.2024",
        "publish_at_1": "10:00:00",
        "summary": "<p>Shrnutí</p>",
        "files-TOTAL_FORMS": str(len(files)),
        "files-INITIAL_FORMS": "0",
        "files-MIN_NUM_FORMS": "0",
        "files-MAX_NUM_FORMS": "1000",
    }
    for index, (language, upload) in enumerate(files.items()):
        data[f"files-{index}-file"] = upload
        data[f"files-{index}-language"] = language
        data[f"files-{index}-order"] = str(index)
    return data


def test_editor_publishes_a_document_with_two_files(admin_client, db):
    category = make_category()
    response = admin_client.post(
        reverse("admin:documents_document_add"),
        form_data(
            category,
            cs=SimpleUploadedFile("Příručka.pdf", build_pdf("Příručka", ["Obsah"])),
            en=SimpleUploadedFile(
                "Handbook.pdf", build_pdf("Handbook", ["Content"], lang="en")
            ),
        ),
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    document = Document.objects.get()
    assert [(f.language, f.original_name, f.format) for f in document.files.all()] == [
        ("cs", "Příručka.pdf", "PDF"),
        ("en", "Handbook.pdf", "PDF"),
    ]


def test_html_renamed_to_pdf_is_refused_and_the_rest_of_the_form_kept(admin_client, db):
    category = make_category()
    response = admin_client.post(
        reverse("admin:documents_document_add"),
        form_data(
            category,
            cs=SimpleUploadedFile(
                "faktura.pdf", b"<html><script>alert(1)</script></html>"
            ),
        ),
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "neodpovídá formátu PDF" in html
    assert "Metodická příručka pro obce" in html  # what the editor typed stays
    assert not Document.objects.exists()


def test_inaccessible_pdf_is_accepted_with_a_warning(admin_client, db):
    from tests.documents.test_extraction import blank_pdf

    category = make_category()
    response = admin_client.post(
        reverse("admin:documents_document_add"),
        form_data(category, cs=SimpleUploadedFile("sken.pdf", blank_pdf())),
        follow=True,
    )
    assert Document.objects.count() == 1
    assert "není přístupný: nemá textovou vrstvu" in response.content.decode()
