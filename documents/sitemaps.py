from django.contrib.sitemaps import Sitemap

from documents.models import Category, Document


class DocumentSitemap(Sitemap):
    def items(self):
        return Document.objects.published().order_by("pk")

    def lastmod(self, document):
        return document.updated_at


class CategorySitemap(Sitemap):
    def items(self):
        return Category.objects.all()

    def location(self, category):
        from django.urls import reverse

        return reverse("documents:category", args=[category.slug])
