import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains

from portal.models import SiteSettings
from tests.factories import make_page, make_person, make_topic, sitemap_locations


@pytest.fixture
def site(db):
    settings = SiteSettings.load()
    settings.authority_name = "Krajský úřad Libereckého kraje"
    settings.phone = "123 456 789"
    settings.office_hours = "pondělí a středa: 8.00–17.00"
    settings.save()
    return settings


def test_every_page_carries_skip_link_footer_contacts_and_accessibility_link(
    client, site
):
    response = client.get(reverse("portal:home"))
    assertContains(response, 'href="#obsah"')
    assertContains(response, "Krajský úřad Libereckého kraje")
    assertContains(response, "pondělí a středa: 8.00–17.00")
    assertContains(response, "Prohlášení o přístupnosti")


def test_site_notice_appears_on_every_page_when_set(client, site):
    site.notice = "Nacházíte se na archivních webových stránkách."
    site.save()
    assertContains(
        client.get(reverse("portal:contacts")),
        "Nacházíte se na archivních webových stránkách.",
    )


def test_menu_shows_root_pages_marked_for_it(client, db):
    make_page(title="Romové", show_in_menu=True)
    make_page(title="Skrytá", show_in_menu=False)
    html = client.get(reverse("portal:home")).content.decode()
    nav = html[
        html.index("Hlavní nabídka") : html.index(
            "</nav>", html.index("Hlavní nabídka")
        )
    ]
    assert "Romové" in nav and "Skrytá" not in nav


def test_contacts_list_people_marked_for_it(client, site):
    make_person(name="Mgr. Pavel Vaculík", role="koordinátor", show_on_contacts=True)
    make_person(name="Neveřejný Pracovník")
    response = client.get(reverse("portal:contacts"))
    assertContains(response, "Mgr. Pavel Vaculík")
    assert "Neveřejný Pracovník" not in response.content.decode()


def test_topic_page_gathers_pages_on_the_topic(client, db):
    topic = make_topic(name="Integrace cizinců")
    page = make_page(title="Brožura pro cizince")
    page.topics.add(topic)
    make_page(title="Nesouvisející")
    response = client.get(topic.get_absolute_url())
    assertContains(response, "Brožura pro cizince")
    assert "Nesouvisející" not in response.content.decode()
    assertContains(client.get(reverse("portal:topics")), "Integrace cizinců")


def test_unknown_topic_is_404(client, db):
    assert client.get("/temata/nic-takoveho/").status_code == 404


def test_robots_txt_points_to_the_sitemap_and_hides_the_admin(client, db):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /admin/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_sitemap_lists_published_pages_only(client, db):
    from portal.models import Status

    make_page(title="Veřejná", slug="verejna")
    make_page(title="Koncept", slug="koncept", status=Status.DRAFT)
    locations = sitemap_locations(client)
    assert "http://testserver/verejna/" in locations
    assert "http://testserver/koncept/" not in locations


@pytest.mark.usefixtures("no_page_cache")
def test_home_costs_the_same_queries_with_more_pages(
    client, db, django_assert_num_queries
):
    make_page(title="První", show_in_menu=True)
    client.get("/")  # warm the site-settings cache
    with CaptureQueriesContext(connection) as first:
        client.get("/")
    for number in range(20):
        make_page(title=f"Stránka {number}", show_in_menu=True)
    with django_assert_num_queries(len(first.captured_queries)):
        client.get("/")
