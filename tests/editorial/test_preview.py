"""Staff preview a draft on its public page's layout; the public never
gets it, not even from the page cache."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains

from news.models import NewsItem
from portal.publishing import Status
from tests.factories import admin_form_data, make_news_item

WORD = "Nahledoprava"


@pytest.fixture
def public(languages, settings):
    """An anonymous visitor, with the page cache on as in production."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    return Client()


def preview_url(item):
    return reverse("admin:news_newsitem_preview", args=[item.pk])


def title_of(response):
    return re.search(r"<title>(.*?)</title>", response.content.decode(), re.S)[1]


def test_an_editor_previews_a_draft_change_on_the_public_layout(login_as, public):
    item = make_news_item(title="Poradna", lead="Původní perex.")
    live = public.get(item.get_absolute_url())  # now in the page cache too
    editor = login_as("Redaktor")
    change_url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = {**admin_form_data(editor.get(change_url)), "lead": f"Nový {WORD}."}
    editor.post(change_url, data)

    form = editor.get(change_url)
    preview = editor.get(preview_url(item))

    assertContains(form, preview_url(item))
    assertContains(preview, f"Nový {WORD}.")
    assert title_of(preview) == title_of(live)  # the public page's layout
    assert "no-store" in preview["Cache-Control"]
    assert "noindex" in preview["X-Robots-Tag"]
    assertNotContains(public.get(item.get_absolute_url()), WORD)
    assertNotContains(Client().get(item.get_absolute_url()), WORD)
    assert NewsItem.objects.get().lead == "Původní perex."


def test_a_draft_item_is_previewed_and_stays_off_the_site(login_as, public):
    item = make_news_item(title=f"Koncept {WORD}", status=Status.DRAFT)
    editor = login_as("Redaktor")

    assertContains(editor.get(preview_url(item)), f"Koncept {WORD}")

    assert public.get(item.get_absolute_url()).status_code == 404
    assert NewsItem.objects.get().status == Status.DRAFT


def test_only_staff_who_may_see_the_item_preview_it(login_as, public):
    item = make_news_item(title=f"Koncept {WORD}", status=Status.DRAFT)

    assert public.get(preview_url(item)).status_code == 302  # to the login
    assert login_as("Projekty").get(preview_url(item)).status_code == 403
