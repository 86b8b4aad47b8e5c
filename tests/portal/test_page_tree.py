"""A page is public only while it and every page above it are live: a
published page under a draft or scheduled parent is hidden everywhere."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from portal.models import Page, SearchEntry, Status
from tests.factories import make_page, make_topic, sitemap_locations

SEARCH = reverse("portal:search")


def unpublished(kind):
    if kind == "koncept":
        return {"status": Status.DRAFT}
    return {"publish_at": timezone.now() + timedelta(days=2)}


def menu(client):
    html = client.get(reverse("portal:home")).content.decode()
    start = html.index("Hlavní nabídka")
    return html[start : html.index("</nav>", start)]


def found(client, query):
    response = client.get(SEARCH, {"q": query})
    return [entry.title for entry, _snippet in response.context.get("results", [])]


@pytest.mark.parametrize("kind", ["koncept", "naplánováno"])
def test_published_page_under_an_unpublished_parent_is_hidden_everywhere(
    client, db, kind
):
    topic = make_topic(name="Romská menšina")
    parent = make_page(
        title="Připravovaná sekce", show_in_menu=True, **unpublished(kind)
    )
    child = make_page(
        title="Romská podstránka", parent=parent, show_in_menu=True, body="<p>x</p>"
    )
    grandchild = make_page(title="Romská vnučka", parent=child)
    child.topics.add(topic)

    for page in (child, grandchild):
        response = client.get(page.get_absolute_url())
        assert response.status_code == 404
        assert "Připravovaná sekce" not in response.content.decode()
    locations = sitemap_locations(client)
    assert not [url for url in locations if "pripravovana-sekce" in url]
    assert found(client, "romska") == ["Romská menšina"]  # the topic, no page
    assert "Romská podstránka" not in menu(client)
    assert (
        "Romská podstránka" not in client.get(topic.get_absolute_url()).content.decode()
    )
    assert list(Page.objects.published()) == []


def test_pages_below_appear_when_their_parent_is_published(client, db):
    parent = make_page(title="Sekce", status=Status.DRAFT)
    child = make_page(title="Romská podstránka", parent=parent)
    assert found(client, "romska") == []
    parent.status = Status.PUBLISHED
    parent.save()
    assert client.get(child.get_absolute_url()).status_code == 200
    assert found(client, "romska") == ["Romská podstránka"]
    parent.status = Status.DRAFT
    parent.save()
    assert found(client, "romska") == []


def test_page_under_a_scheduled_parent_enters_search_with_it(db):
    moment = timezone.now() + timedelta(days=2)
    parent = make_page(title="Sekce", publish_at=moment)
    child = make_page(title="Romská podstránka", parent=parent)
    entry = SearchEntry.objects.get(object_id=child.pk, kind="Stránka", language="cs")
    assert entry.publish_at == moment


def test_staff_still_preview_a_page_under_a_draft_parent(admin_client, db):
    parent = make_page(title="Sekce", status=Status.DRAFT)
    child = make_page(title="Podstránka", parent=parent)
    response = admin_client.get(child.get_absolute_url())
    assert response.status_code == 200
    assert response.context["preview"]
