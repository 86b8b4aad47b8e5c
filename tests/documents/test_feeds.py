import feedparser
from django.urls import reverse

from portal.models import Status
from tests.factories import make_category, make_document, sitemap_locations


def test_atom_feed_lists_published_documents_only(client, db):
    make_document(title="Zpráva o stavu romské menšiny 2016")
    make_document(title="Koncept", status=Status.DRAFT)
    feed = feedparser.parse(client.get(reverse("documents:feed")).content)
    assert not feed.bozo
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == [
        "Zpráva o stavu romské menšiny 2016"
    ]
    assert feed.entries[0].link.startswith("http://testserver/dokumenty/")


def test_category_feed_holds_only_its_category(client, db):
    reports = make_category(name="Zprávy", slug="zpravy")
    make_document(title="Zpráva 2015", category=reports)
    make_document(title="Brožura")
    feed = feedparser.parse(
        client.get(reverse("documents:category_feed", args=["zpravy"])).content
    )
    assert [entry.title for entry in feed.entries] == ["Zpráva 2015"]
    assert (
        client.get(reverse("documents:category_feed", args=["nic"])).status_code == 404
    )


def test_documents_are_in_the_sitemap(client, db):
    document = make_document(title="Analýza")
    assert f"http://testserver{document.get_absolute_url()}" in sitemap_locations(
        client
    )
