"""Every Atom feed by the rules of RFC 4287 that W3C's feed validator
checks, in each language: an author for every entry (§4.1.1), ids, titles
and update times, and entries in Czech marked xml:lang="cs" in the English
and Ukrainian feeds, as the pages mark them lang="cs"."""

import xml.etree.ElementTree as ET

from django.core.management import call_command
from django.urls import reverse
from django.utils import translation

from documents.models import Category
from news.models import NewsItem
from portal.models import Topic

ATOM = "{http://www.w3.org/2005/Atom}"
LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def atom_feeds():
    """Every Atom feed of the demo site: the listings' and one of each kind
    per topic or category."""
    topic = Topic.objects.filter(newsitem__isnull=False).first()
    category = Category.objects.filter(documents__isnull=False).first()
    return [
        reverse("news:atom"),
        reverse("news:topic_atom", args=[topic.slug]),
        reverse("documents:feed"),
        reverse("documents:category_feed", args=[category.slug]),
        reverse("grants:feed"),
        reverse("noticeboard:feed"),
    ]


def test_every_atom_feed_follows_rfc_4287_in_each_language(client, db, languages):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # One news item in English: its entry speaks the feed's language.
    item = NewsItem.objects.published().order_by("-publish_at").first()
    item.title_en = "Translated news item"
    item.save()
    problems = []
    checked = 0
    for language in languages:
        with translation.override(language):
            urls = atom_feeds()
        for url in urls:
            root = ET.fromstring(client.get(url).content)
            assert root.tag == f"{ATOM}feed", url
            assert root.get(LANG) == language, url
            for name in ("id", "title", "updated"):
                if not (root.findtext(f"{ATOM}{name}") or "").strip():
                    problems.append((url, "feed", name))
            feed_author = root.findtext(f"{ATOM}author/{ATOM}name")
            for entry in root.iter(f"{ATOM}entry"):
                checked += 1
                title = entry.findtext(f"{ATOM}title")
                for name in ("id", "title", "updated"):
                    if not (entry.findtext(f"{ATOM}{name}") or "").strip():
                        problems.append((url, title, name))
                if not feed_author and entry.find(f"{ATOM}author") is None:
                    problems.append((url, title, "author"))
                czech = language != "cs" and title != "Translated news item"
                if entry.get(LANG) != ("cs" if czech else None):
                    problems.append((url, title, f"xml:lang={entry.get(LANG)}"))
    assert problems == []
    assert checked > 30


def test_a_translated_entry_takes_the_feeds_language(client, db, languages):
    from tests.factories import make_news_item

    make_news_item(title="Česká aktualita", title_en="English news item")
    make_news_item(title="Jen česky")
    with translation.override("en"):
        url = reverse("news:atom")
    root = ET.fromstring(client.get(url).content)
    langs = {
        entry.findtext(f"{ATOM}title"): entry.get(LANG)
        for entry in root.iter(f"{ATOM}entry")
    }
    assert langs == {"English news item": None, "Jen česky": "cs"}
    assert root.findtext(f"{ATOM}author/{ATOM}name") == "Department of Social Affairs"
