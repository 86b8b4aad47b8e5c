"""Items' addresses: portal.links.slug_url() builds them from one reverse()
per view and language, and must give what reverse() gives in every case."""

import feedparser
import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from portal.links import slug_url
from tests.factories import make_news_item


@pytest.mark.parametrize("language", ["cs", "en", "uk"])
@pytest.mark.parametrize("prefix", ["/", "/socialni/"])
@pytest.mark.parametrize(
    "slug", ["seminar-2024", "Velka_Pismena-1", "čeština", "a/b", "x y"]
)
def test_an_address_is_what_reverse_gives(language, prefix, slug):
    """Or the same error, for what no address of the view can hold."""

    def address(function):
        try:
            return function("news:detail", slug)
        except NoReverseMatch:
            return NoReverseMatch

    set_script_prefix(prefix)
    try:
        with translation.override(language):
            assert address(slug_url) == address(
                lambda name, slug: reverse(name, args=[slug])
            )
    finally:
        set_script_prefix("/")


def test_an_english_feed_links_each_entry_to_its_english_page(client, db):
    """In English where the item is translated, in Czech where it is not."""
    make_news_item(
        title="Seminář",
        title_en="Seminar",
        slug="seminar",
        slug_en="seminar-en",
        lead="Pozvánka.",
        lead_en="An invitation.",
    )
    make_news_item(title="Porada", slug="porada", lead="Zápis.")  # not translated
    feed = feedparser.parse(client.get("/en/aktuality/atom/").content)
    entries = {entry.title: (entry.link, entry.summary) for entry in feed.entries}
    assert entries == {
        "Seminar": (
            "http://testserver/en/aktuality/seminar-en/",
            "<p>An invitation.</p>",
        ),
        "Porada": ("http://testserver/en/aktuality/porada/", "<p>Zápis.</p>"),
    }
    links = [link for link, _summary in entries.values()]
    for link in links:
        assert client.get(link).status_code == 200
