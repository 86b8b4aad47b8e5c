from django.urls import reverse
from django.utils.html import linebreaks
from django.utils.translation import gettext_lazy as _

from news.models import NewsItem
from portal import translation
from portal.feeds import PortalFeed, StyledAtomFeed, StyledRssFeed
from portal.links import slug_url
from portal.models import Topic
from portal.richtext import sanitize_html


class NewsRssFeed(PortalFeed):
    feed_type = StyledRssFeed
    title = _("Aktuality – Odbor sociálních věcí")
    description = _("Nové aktuality odboru sociálních věcí.")
    limit = 30
    entries_name = "news"

    def link(self):
        return reverse("news:list")

    def get_queryset(self, obj):
        return NewsItem.objects.published()

    def entries(self, obj):
        # Only what an entry shows, as plain values: thirty whole rows,
        # bodies in every language included, were a quarter of the feed's
        # time, and thirty model instances a tenth.
        entries = self.get_queryset(obj).order_by("-publish_at")[: self.limit]
        for entry in translation.read_values(
            entries, "title", "slug", "lead", "publish_at", "updated_at"
        ):
            # Readers take a description as HTML; the lead is plain text,
            # shown escaped on the page, and the allow-list guards the way
            # out.
            entry["description"] = sanitize_html(
                linebreaks(entry.pop("lead"), autoescape=True)
            )
            yield entry

    def item_title(self, item):
        return item["title"]

    def item_link(self, item):
        return slug_url("news:detail", item["slug"])

    def item_description(self, item):
        return item["description"]

    def item_pubdate(self, item):
        return item["publish_at"]

    def item_updateddate(self, item):
        return item["updated_at"]


class NewsAtomFeed(NewsRssFeed):
    feed_type = StyledAtomFeed
    subtitle = NewsRssFeed.description


class TopicFeedMixin:
    def get_object(self, request, slug):
        return translation.get_by_slug(Topic.objects, slug)

    def title(self, obj):
        return _("Aktuality: %(topic)s") % {"topic": obj.name}

    def link(self, obj):
        return obj.get_absolute_url()

    def get_queryset(self, obj):
        return NewsItem.objects.published().filter(topics=obj)


class TopicRssFeed(TopicFeedMixin, NewsRssFeed):
    pass


class TopicAtomFeed(TopicFeedMixin, NewsAtomFeed):
    pass
