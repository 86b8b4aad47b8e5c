from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.models import Page, Topic
from portal.sections import sections


class StaticViewSitemap(Sitemap):
    def items(self):
        return [
            "portal:home",
            "portal:contacts",
            "portal:topics",
            "portal:html_sitemap",
            "portal:subscribe",
        ]

    def location(self, item):
        return reverse(item)


class PublishableSitemap(Sitemap):
    """Every published item of ``model``, with its last change."""

    model = None

    def items(self):
        return self.model.objects.published().order_by("pk")

    def lastmod(self, item):
        return item.updated_at

    def get_latest_lastmod(self):
        # Django would load every item to find the newest for the index;
        # crawlers read each item's lastmod in the section's own sitemap.
        return None


class PageSitemap(PublishableSitemap):
    model = Page


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.all()


def all_sitemaps():
    """Portal's own sitemaps and every section's."""
    result = {"static": StaticViewSitemap, "pages": PageSitemap, "topics": TopicSitemap}
    for section in sections():
        result.update(section.sitemaps())
    return result
