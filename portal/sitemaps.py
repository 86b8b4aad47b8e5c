from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.models import Page, Topic
from portal.sections import sections


class StaticViewSitemap(Sitemap):
    def items(self):
        return ["portal:home", "portal:contacts", "portal:topics"]

    def location(self, item):
        return reverse(item)


class PageSitemap(Sitemap):
    def items(self):
        return Page.objects.published().order_by("path")

    def lastmod(self, page):
        return page.updated_at


class TopicSitemap(Sitemap):
    def items(self):
        return Topic.objects.all()


def all_sitemaps():
    """Portal's own sitemaps and every section's."""
    result = {"static": StaticViewSitemap, "pages": PageSitemap, "topics": TopicSitemap}
    for section in sections():
        result.update(section.sitemaps())
    return result
