from django.db.models import Sum
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _

from documents.models import Category, Document, DocumentFile
from documents.sitemaps import CategorySitemap, DocumentSitemap
from editorial import roles
from portal.sections import Section, register

# Enough that drafts and archived documents among the most downloaded files
# still leave a full list to show.
TOP_FILES = 200


class DocumentsSection(Section):
    key = "documents"
    title = _("Dokumenty")
    list_url_name = "documents:list"
    order = 20
    items_template = "documents/includes/section_items.html"
    more_label = _("Všechny dokumenty")
    search_label = _("Dokument")
    search_model = Document
    search_related = {DocumentFile: lambda file: [file.document_id]}
    reviewed_models = (Document,)
    group_permissions = {
        roles.EDITOR: {
            Document: roles.ALL,
            DocumentFile: roles.ALL,
            # Categories have public pages of their own.
            Category: roles.PICK,
        },
    }

    home_title = _("Nejstahovanější dokumenty")

    def listing(self):
        return Document.objects.current().for_listing().order_by("-publish_at")

    def home_items(self):
        """The most downloaded documents, newest first among equals, ranked
        among the documents of the TOP_FILES most downloaded files and the
        newest ones (which may have no file yet): two walks down indexes
        rather than summing every file of every document on each render
        (120 ms at 50 000 documents)."""
        top_files = DocumentFile.objects.order_by("-download_count", "-id").values(
            "document_id"
        )[:TOP_FILES]
        newest = (
            Document.objects.current()
            .order_by("-publish_at")
            .values("pk")[: self.home_limit]
        )
        # Each sliced part inside its own IN: SQLite allows no LIMIT in the
        # parts of a UNION, and an OR of the two makes PostgreSQL scan all.
        candidates = (
            Document.objects.filter(pk__in=top_files)
            .order_by()
            .values("pk")
            .union(Document.objects.filter(pk__in=newest).order_by().values("pk"))
        )
        downloads = Coalesce(Sum("files__download_count"), 0)
        listing = self.listing().filter(pk__in=candidates).annotate(downloads=downloads)
        return list(listing.order_by("-downloads", "-publish_at")[: self.home_limit])

    def searchable(self):
        # Archived documents stay findable; their entries say so.
        return super().searchable().prefetch_related("files")

    def search_text(self, obj):
        parts = [strip_tags(obj.summary)]
        for file in obj.files.all():
            parts += [file.label, file.text]
        return "\n".join(part for part in parts if part)

    def feeds(self):
        return [(_("Nové dokumenty"), reverse("documents:feed"), "Atom")]

    def sitemaps(self):
        return {"documents": DocumentSitemap, "document-categories": CategorySitemap}

    def dashboard(self):
        files = DocumentFile.objects.inaccessible_pdfs()[:50]
        return [(_("PDF, která nesplňují přístupnost"), list(files))]


register(DocumentsSection())
