from django.db.models import F
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from documents.filters import DocumentFilter
from documents.models import Audience, Category, Document, DocumentFile
from documents.storage import send_file
from portal import translation
from portal.publishing import staff_may_view
from portal.views import FilteredListView, PublishableDetailView


class DocumentListView(FilteredListView):
    filterset_class = DocumentFilter
    template_name = "documents/document_list.html"
    heading = _("Dokumenty")
    intro = ""

    def get_queryset(self):
        return Document.objects.published().for_listing().order_by("-publish_at", "-pk")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # The category filter's choices, read once for both.
        categories = self.filterset.filters["category"].offered.values()
        context.update(heading=self.heading, intro=self.intro, categories=categories)
        return context


class CategoryView(DocumentListView):
    """All documents of one category, e.g. every yearly report, newest first."""

    def get_queryset(self):
        self.category = translation.get_by_slug(Category.objects, self.kwargs["slug"])
        return (
            super()
            .get_queryset()
            .filter(category=self.category)
            .order_by("-year", "-publish_at", "-pk")
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            heading=self.category.name,
            intro=self.category.description,
            category=self.category,
            documents_trail=[(_("Dokumenty"), reverse("documents:list"))],
        )
        return context


class MunicipalitiesView(DocumentListView):
    heading = _("Pro obce a města")
    intro = _(
        "Metodiky, doporučení a strategie pro obce: aktuální verze najdete "
        "nahoře, starší v archivu."
    )

    def get_queryset(self):
        return super().get_queryset().filter(audience=Audience.MUNICIPALITIES)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["documents_trail"] = [(_("Dokumenty"), reverse("documents:list"))]
        return context


class DocumentDetailView(PublishableDetailView):
    model = Document
    template_name = "documents/document_detail.html"

    def get_queryset(self):
        return super().get_queryset().select_related("category", "issuer", "resolution")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        category = self.object.category
        context["breadcrumb"] = [
            (_("Dokumenty"), reverse("documents:list")),
            (category.name, reverse("documents:category", args=[category.slug])),
        ]
        return context


@require_safe
def download(request, slug, pk):
    """Send a document's file and count the download.

    The only way a document file leaves the private storage: while its
    document is published and live (staff also preview drafts), and always
    the file the row names now, so a replaced file is gone at once.
    """
    documents = Document.objects.all()
    if not staff_may_view(request.user, Document):
        documents = documents.published()
    document_file = get_object_or_404(
        DocumentFile.objects.filter(
            document__in=documents, document__slug=slug, in_preparation=False
        ),
        pk=pk,
    )
    if not document_file.file:
        return HttpResponseRedirect(document_file.external_url)
    response = send_file(
        document_file.file,
        filename=document_file.original_name
        or document_file.file.name.rsplit("/", 1)[-1],
        content_type=document_file.content_type,
        as_attachment=not document_file.is_pdf,
    )
    if request.method == "GET":
        # One UPDATE, so concurrent downloads are all counted.
        DocumentFile.objects.filter(pk=pk).update(
            download_count=F("download_count") + 1
        )
    return response
