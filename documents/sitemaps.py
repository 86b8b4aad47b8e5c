from django.urls import reverse

from documents.models import Category, Document
from portal.sitemaps import LanguageSitemap, PublishableSitemap


class DocumentSitemap(PublishableSitemap):
    model = Document


class CategorySitemap(LanguageSitemap):
    def items(self):
        return Category.objects.all()

    def location(self, category):
        return reverse("documents:category", args=[category.slug])
