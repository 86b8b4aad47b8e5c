from html.parser import HTMLParser

import feedparser
import pytest
from django.urls import reverse

from documents.models import Document
from grants.models import Programme
from tests.factories import make_document, make_news_item, make_programme

PAYLOAD = '<script>alert("x")</script><img src="x" onerror="alert(1)">'


def entry_summaries(client, url):
    """Each entry's description as a feed reader gets it, before the
    reader's own clean-up (many readers do none)."""
    feed = feedparser.parse(client.get(url).content, sanitize_html=False)
    assert not feed.bozo
    return [entry.summary for entry in feed.entries]


class Tags(HTMLParser):
    """The elements and attributes a browser would build from some HTML."""

    def __init__(self, html):
        super().__init__()
        self.found = []
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, [name for name, _ in attrs]))


def assert_harmless(html):
    """No script and no event handler."""
    for tag, attributes in Tags(html).found:
        assert tag != "script"
        assert not [name for name in attributes if name.startswith("on")]


@pytest.mark.parametrize("feed", ["news:rss", "news:atom"])
def test_markup_typed_into_a_news_lead_reaches_feed_readers_as_text(client, db, feed):
    """The lead is plain text on the page, and in the feed too."""
    make_news_item(lead=f"Pozor {PAYLOAD}")
    [summary] = entry_summaries(client, reverse(feed))
    assert_harmless(summary)
    assert summary.startswith("<p>Pozor &lt;script&gt;")


def test_document_summary_in_the_feed_is_sanitised_even_if_stored_raw(client, db):
    """The allow-list applies on the way out as well, whatever way a
    summary got into the database (an update() skips the save-time
    clean-up)."""
    document = make_document()
    Document.objects.filter(pk=document.pk).update(
        summary=f"<p><strong>Nová</strong> metodika</p>{PAYLOAD}"
    )
    [summary] = entry_summaries(client, reverse("documents:feed"))
    assert_harmless(summary)
    assert "<p><strong>Nová</strong> metodika</p>" in summary


def test_markup_typed_into_a_programme_purpose_reaches_the_feed_as_text(client, db):
    programme = make_programme()
    Programme.objects.filter(pk=programme.pk).update(purpose=f"Účel {PAYLOAD}")
    [summary] = entry_summaries(client, reverse("grants:feed"))
    assert_harmless(summary)
    assert summary.startswith("<p>Účel &lt;script&gt;")
