"""The document library's part of the bulk data (portal/bulk.py)."""

from django.core.files.base import ContentFile

from documents.models import Audience, Category, Document, DocumentFile, Scope
from documents.pdf import build_pdf
from documents.section import DocumentsSection
from documents.storage import document_storage
from portal.bulk import KINDS
from portal.czech import slugify

SAMPLE_FILE = "documents/bulk/ukazkovy-soubor.pdf"
SAMPLE_PAGES = 1


def sample_file():
    """One real PDF on disk that every bulk file points to, so downloads
    work; each file's extracted text is its own invented text."""
    if not document_storage.exists(SAMPLE_FILE):
        document_storage.save(
            SAMPLE_FILE,
            ContentFile(
                build_pdf(
                    "Ukázkový soubor",
                    ["Vymyšlený dokument hromadných dat pro měření výkonu portálu."],
                )
            ),
        )
    return SAMPLE_FILE, document_storage.size(SAMPLE_FILE)


def generate(bulk):
    categories = list(Category.objects.all()) or bulk.create(
        Category,
        (
            Category(name=kind, slug=slugify(kind), order=order)
            for order, kind in enumerate(KINDS)
        ),
    )
    documents = []
    for number in range(bulk.sizes["documents"]):
        status, publish_at = bulk.lifecycle(number)
        # Published in its year or the next (a yearly report).
        year = publish_at.year - bulk.rng.randint(0, 1)
        title = bulk.title(year=year)
        archived = publish_at < bulk.now and bulk.rng.random() < 0.2
        documents.append(
            Document(
                title=title,
                slug=bulk.slug(title, number),
                status=status,
                publish_at=publish_at,
                # About one in five has gone to the archive (still public
                # under "archiv"), as older reports and strategies do.
                archived_at=publish_at if archived else None,
                category=bulk.choice(categories),
                scope=bulk.choice(Scope.values),
                audience=bulk.choice(Audience.values),
                year=year,
                summary=f"<p>{bulk.text(2)}</p>",
            )
        )
    documents = bulk.create(Document, documents)
    bulk.some_topics(documents, Document.topics.field)
    name, size = sample_file()
    bulk.create(
        DocumentFile,
        (
            DocumentFile(
                document=document,
                file=name,
                label="Plné znění",
                language="cs",
                original_name=f"{document.slug[:80]}.pdf",
                format="PDF",
                size=size,
                # What the shared file really has; its text is the
                # document's own, some hundreds of words.
                page_count=SAMPLE_PAGES,
                text=bulk.text(bulk.rng.randint(20, 40)),
                content_type="application/pdf",
                pdf_has_text=True,
                pdf_tagged=True,
                pdf_has_language=True,
                pdf_has_title=True,
            )
            for document in documents
        ),
    )
    bulk.index(DocumentsSection(), documents)
    bulk.documents = documents
    bulk.pages["document"] = bulk.first_public(documents)
