from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

from documents.models import Category, Document
from portal import translation
from portal.feeds import PortalFeed, StyledAtomFeed
from portal.richtext import sanitize_html


class DocumentFeed(PortalFeed):
    """Newly published documents (Atom)."""

    feed_type = StyledAtomFeed
    title = _("Nové dokumenty – Odbor sociálních věcí")
    subtitle = _("Strategie, analýzy, zprávy a metodiky nově zveřejněné na portálu.")
    limit = 30

    def link(self):
        return reverse("documents:list")

    def get_queryset(self, obj):
        return Document.objects.published().select_related("category")

    def entries(self, obj):
        return self.get_queryset(obj).order_by("-publish_at")[: self.limit]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        # Readers take a description as HTML: the summary through the same
        # allow-list as on saving, whatever way it reached the database.
        return sanitize_html(item.summary) or escape(item.category.name)

    def item_pubdate(self, item):
        return item.publish_at

    def item_updateddate(self, item):
        return item.updated_at

    def item_categories(self, item):
        return [item.category.name]


class CategoryFeed(DocumentFeed):
    def get_object(self, request, slug):
        return translation.get_by_slug(Category.objects, slug)

    def title(self, obj):
        return _("Nové dokumenty: %(category)s") % {"category": obj.name}

    def link(self, obj):
        return reverse("documents:category", args=[obj.slug])

    def get_queryset(self, obj):
        return super().get_queryset(obj).filter(category=obj)
