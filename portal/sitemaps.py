from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from portal.models import Page, Topic
from portal.sections import sections


class LanguageSitemap(Sitemap):
    """Each item once per language of the site, each entry with its
    language versions as hreflang alternates (and x-default, the Czech
    one). Only while the URLs carry a language prefix: without one every
    language would have the same address."""

    alternates = True
    x_default = True

    @property
    def i18n(self):
        return (
            len(settings.LANGUAGES) > 1
            and is_language_prefix_patterns_used(settings.ROOT_URLCONF)[0]
        )

    @property
    def languages(self):
        return [code for code, _name in settings.LANGUAGES]


class StaticViewSitemap(LanguageSitemap):
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


class PublishableSitemap(LanguageSitemap):
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


class TopicSitemap(LanguageSitemap):
    def items(self):
        return Topic.objects.all()


def all_sitemaps():
    """Portal's own sitemaps and every section's."""
    result = {"static": StaticViewSitemap, "pages": PageSitemap, "topics": TopicSitemap}
    for section in sections():
        result.update(section.sitemaps())
    return result
