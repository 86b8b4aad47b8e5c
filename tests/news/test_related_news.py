"""News items appear on the pages of the documents, programmes and projects
they link to, through the news app's own template tag."""

from datetime import timedelta
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from portal.models import Status
from tests.factories import make_document, make_news_item, make_programme, make_project

TARGETS = {
    "documents": make_document,
    "programmes": make_programme,
    "projects": make_project,
}


@pytest.mark.parametrize("field", list(TARGETS))
def test_a_detail_page_lists_the_published_news_linking_to_it(client, db, field):
    target = TARGETS[field]()
    live = make_news_item(title="Kraj vyhlásil nový program")
    draft = make_news_item(title="Rozepsaná zpráva", status=Status.DRAFT)
    scheduled = make_news_item(
        title="Zpráva na zítra", publish_at=timezone.now() + timedelta(days=1)
    )
    for item in (live, draft, scheduled):
        getattr(item, field).add(target)
    response = client.get(target.get_absolute_url())
    assertContains(response, "Související aktuality")
    assertContains(response, "Kraj vyhlásil nový program")
    assertNotContains(response, "Rozepsaná zpráva")
    assertNotContains(response, "Zpráva na zítra")


@pytest.mark.parametrize("field", list(TARGETS))
def test_a_detail_page_without_news_has_no_news_block(client, db, field):
    target = TARGETS[field]()
    assertNotContains(client.get(target.get_absolute_url()), "Související aktuality")


def test_a_document_page_shows_the_five_newest_news_items(client, db):
    document = make_document()
    for days in range(7):
        item = make_news_item(
            title=f"Zpráva starší o {days} dní",
            publish_at=timezone.now() - timedelta(days=days + 1),
        )
        item.documents.add(document)
    response = client.get(document.get_absolute_url())
    assertContains(response, "Zpráva starší o 4 dní")
    assertNotContains(response, "Zpráva starší o 5 dní")


def test_no_code_outside_news_names_the_news_relation():
    """Dependencies run one way: other apps get related news from the news
    app's template tag, never through the relation news defines."""
    root = Path(settings.BASE_DIR)
    files = [
        path
        for config in apps.get_app_configs()
        if config.name != "news" and Path(config.path).is_relative_to(root)
        for path in Path(config.path).rglob("*.py")
    ]
    files += [
        path
        for path in (root / "templates").rglob("*.html")
        if not path.is_relative_to(root / "templates" / "news")
    ]
    offenders = [
        str(path.relative_to(root))
        for path in files
        if "news_items" in path.read_text(encoding="utf-8")
    ]
    assert files and offenders == []
