"""Feed formats that a browser shows as a readable page.

A feed is linked from every listing, and people click it expecting a page.
Each feed names a CSS stylesheet in an ``xml-stylesheet`` processing
instruction (browsers dropped XSLT, CSS on XML they all render), which
lays the items out and explains what the address is for; feed readers
ignore it.
"""

import copy
import io

from django.contrib.syndication.views import Feed
from django.templatetags.static import static
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.translation import gettext_lazy as _

from portal import translation
from portal.translation import shows_czech


class StyledFeedMixin:
    # Browsers show application/rss+xml and application/atom+xml as raw
    # text; application/xml they render with the stylesheet. Feed readers
    # read the document, not the type, and the pages' <link rel="alternate">
    # still announce the exact format.
    content_type = "application/xml; charset=utf-8"

    def write(self, outfile, encoding):
        buffer = io.StringIO()
        super().write(buffer, encoding)
        xml = buffer.getvalue()
        declaration_end = xml.index("?>") + 2 if xml.startswith("<?xml") else 0
        instruction = (
            f'<?xml-stylesheet type="text/css" href="{static("css/feed.css")}"?>'
        )
        outfile.write(xml[:declaration_end] + instruction + xml[declaration_end:])

    def latest_post_date(self):
        # An empty feed is as old as its source says (PortalFeed.empty_since),
        # not the time it is rendered: every server writes the same document,
        # and a conditional GET of an unchanged empty feed gets 304.
        if not self.items and (since := self.feed["empty_since"]()) is not None:
            return since
        return super().latest_post_date()


class StyledRssFeed(StyledFeedMixin, Rss201rev2Feed):
    pass


class StyledAtomFeed(StyledFeedMixin, Atom1Feed):
    def item_attributes(self, item):
        # An entry in Czech in an English or Ukrainian feed says so, as the
        # pages' lang="cs" does; other entries take the feed's xml:lang.
        language = item.get("language")
        return {"xml:lang": language} if language else {}


class PortalFeed(Feed):
    """A feed of the portal's items. Django asks a feed for a dozen
    ``item_*`` attributes per entry and takes a missing one as its default
    by catching AttributeError; here they exist, with the same defaults, so
    that the 360 questions of a 30-entry feed raise nothing (a tenth of
    the news feed's time)."""

    # RFC 4287 §4.1.1: an Atom feed names its author, here for every entry.
    author_name = _("Odbor sociálních věcí")
    item_enclosures = ()
    item_author_name = None
    item_guid_is_permalink = None
    item_comments = None
    item_categories = None
    item_copyright = None

    # Which entries the feed shows (its class by default): feeds of the same
    # name and object, such as a listing's RSS and Atom feeds, share them.
    entries_name = None

    def __call__(self, request, *args, **kwargs):
        # The URLconf's one instance serves every request, in every thread:
        # each request gets a copy of its own, which may know the request.
        feed = copy.copy(self)
        feed.request = request
        return Feed.__call__(feed, request, *args, **kwargs)

    def feed_extra_kwargs(self, obj):
        return {"empty_since": lambda: self.empty_since(obj)}

    def empty_since(self, obj):
        """When the feed's last entry left it, for a feed with none; None
        for the time of rendering."""
        return None

    def item_extra_kwargs(self, item):
        if shows_czech(item):
            return {"language": translation.SOURCE_LANGUAGE}
        return {}

    def items(self, obj=None):
        return list(self.entries(obj))

    def entries(self, obj):
        """The entries, as values the cache can keep."""
        raise NotImplementedError
