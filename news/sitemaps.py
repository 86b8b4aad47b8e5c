from django.contrib.sitemaps import Sitemap

from news.models import NewsItem


class NewsSitemap(Sitemap):
    def items(self):
        return NewsItem.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at
