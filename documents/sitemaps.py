from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from documents.models import Category, Document
from portal.sitemaps import PublishableSitemap


class DocumentSitemap(PublishableSitemap):
    model = Document


class CategorySitemap(Sitemap):
    def items(self):
        return Category.objects.all()

    def location(self, category):
        return reverse("documents:category", args=[category.slug])
