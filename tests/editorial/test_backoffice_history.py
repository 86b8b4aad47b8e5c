"""History from the demo state: every seed item has its initial version,
the first edit names only what changed, two versions compare field by
field, and the demo version is restored and a deleted item recovered."""

import io

from django.core.management import call_command
from django.urls import reverse
from reversion.models import Version

from news.models import NewsItem
from portal.models import Page
from tests.factories import admin_form_data


def test_first_edit_of_a_seed_page_compares_and_restores(admin_client):
    call_command("load_demo", stdout=io.StringIO())
    pages = Page.objects.count()
    assert Version.objects.get_for_model(Page).count() == pages
    call_command("load_demo", stdout=io.StringIO())  # a re-run adds nothing
    assert Version.objects.get_for_model(Page).count() == pages

    page = Page.objects.exclude(body="").order_by("path").first()
    demo_title, demo_body = page.title, page.body
    url = reverse("admin:portal_page_change", args=[page.pk])
    data = admin_form_data(admin_client.get(url))
    data["title"] = demo_title + " (upraveno)"
    # The editor re-serialises the body; that is no change of the text.
    data["body"] = demo_body.replace("</p>", "</p>\n")
    assert admin_client.post(url, data).status_code == 302

    history = admin_client.get(reverse("admin:portal_page_history", args=[page.pk]))
    html = history.content.decode()
    assert "Výchozí obsah webu" in html
    versions = list(Version.objects.get_for_object(page))
    assert len(versions) == 2
    assert versions[0].revision.get_comment() == "Změněno: Název"

    compare = admin_client.get(
        reverse("admin:portal_page_compare", args=[page.pk]),
        {"old": versions[1].pk, "new": versions[0].pk},
    ).content.decode()
    assert "<ins>(upraveno)</ins>" in compare
    assert "Text stránky" not in compare  # only what changed
    restore_url = reverse("admin:portal_page_revision", args=[page.pk, versions[1].pk])
    assert restore_url in compare

    restore = admin_form_data(admin_client.get(restore_url))
    assert restore["title"] == demo_title
    assert admin_client.post(restore_url, restore).status_code == 302
    page.refresh_from_db()
    assert (page.title, page.body) == (demo_title, demo_body)

    # A seed news item deleted by mistake comes back from the recover list.
    item = NewsItem.objects.order_by("pk").first()
    admin_client.post(
        reverse("admin:news_newsitem_delete", args=[item.pk]), {"post": "yes"}
    )
    deleted = Version.objects.get_deleted(NewsItem).get(object_id=str(item.pk))
    recover_url = reverse("admin:news_newsitem_recover", args=[deleted.pk])
    assert (
        admin_client.post(
            recover_url, admin_form_data(admin_client.get(recover_url))
        ).status_code
        == 302
    )
    assert NewsItem.objects.get(pk=item.pk).title == item.title


def test_compare_refuses_versions_of_another_object(admin_client):
    call_command("load_demo", stdout=io.StringIO())
    first, second = Page.objects.order_by("pk")[:2]
    other = Version.objects.get_for_object(second).first()
    response = admin_client.get(
        reverse("admin:portal_page_compare", args=[first.pk]), {"old": other.pk}
    )
    assert response.status_code == 404
    bad = admin_client.get(
        reverse("admin:portal_page_compare", args=[first.pk]), {"old": "x"}
    )
    assert bad.status_code == 404
