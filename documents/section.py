from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from documents.models import Document, DocumentFile
from documents.sitemaps import CategorySitemap, DocumentSitemap
from portal.publishing import Status
from portal.sections import Section, register


class DocumentsSection(Section):
    key = "documents"
    title = _("Dokumenty")
    list_url_name = "documents:list"
    order = 20
    items_template = "documents/includes/section_items.html"
    more_label = _("Všechny dokumenty")
    search_label = _("Dokument")
    search_models = (Document, DocumentFile)

    def published(self):
        return Document.objects.current().for_listing().order_by("-publish_at")

    def search_queryset(self):
        return Document.objects.filter(status=Status.PUBLISHED).prefetch_related(
            "files"
        )

    def search_text(self, obj):
        parts = [strip_tags(obj.summary)] + [file.text for file in obj.files.all()]
        return "\n".join(part for part in parts if part)

    def sitemaps(self):
        return {"documents": DocumentSitemap, "document-categories": CategorySitemap}

    def dashboard(self):
        files = DocumentFile.objects.inaccessible_pdfs()[:50]
        return [(_("PDF, která nesplňují přístupnost"), list(files))]


register(DocumentsSection())
