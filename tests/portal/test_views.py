import re
from datetime import time, timedelta

import pytest
from django.contrib.staticfiles import finders
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from portal.models import OfficeHours, SiteSettings, Status
from portal.sections import sections
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


FOOTER_ESSENTIALS = [
    "Žižkova 1882/57",
    'href="tel:564602111"',
    'href="mailto:posta@kr-vysocina.cz"',
    "Datová schránka: ksab3eu",
    'IČO: <span itemprop="identifier">70890749</span>',
    '<time itemprop="opens" datetime="08:00">8.00</time>',
]


@pytest.fixture
def office(db):
    settings = SiteSettings.load()
    settings.authority_name = "Krajský úřad Kraje Vysočina"
    settings.address = "Žižkova 1882/57\n586 01 Jihlava"
    settings.ico = "70890749"
    settings.data_box = "ksab3eu"
    settings.phone = "564 602 111"
    settings.email = "posta@kr-vysocina.cz"
    settings.save()
    OfficeHours.objects.create(
        weekday=OfficeHours.Weekday.MONDAY, opens=time(8), closes=time(17)
    )
    OfficeHours.objects.create(
        weekday=OfficeHours.Weekday.FRIDAY, opens=time(8), closes=time(13)
    )
    return settings


def test_footer_of_every_page_type_carries_the_office_essentials(client, office):
    """Address, phone, e-mail, data box, IČO and the hours per weekday, as
    schema.org GovernmentOrganization microdata, on every page."""
    page = make_page(title="Romové")
    paths = [
        reverse("portal:home"),
        reverse("portal:contacts"),
        reverse("portal:html_sitemap"),
        reverse("portal:subscribe"),
        reverse("portal:search") + "?q=romove",
        page.get_absolute_url(),
        reverse("documents:list"),
        reverse("news:list"),
        reverse("grants:list"),
        reverse("projects:list"),
        "/neni-tu/",
    ]
    for path in paths:
        response = client.get(path)
        footer = response.content.decode().split('<footer class="site-footer">')[1]
        assert 'itemtype="https://schema.org/GovernmentOrganization"' in footer, path
        for fact in FOOTER_ESSENTIALS:
            assert fact in footer, (path, fact)
        assert footer.index("pondělí") < footer.index("pátek"), path


def test_contacts_page_lists_hours_per_weekday_and_people_by_area(client, office):
    make_person(
        name="Mgr. Pavel Vaculík",
        role="koordinátor",
        area="Romské záležitosti",
        phone="485 226 111",
        show_on_contacts=True,
    )
    make_person(name="Bc. Eva Malá", area="Integrace cizinců", show_on_contacts=True)
    response = client.get(reverse("portal:contacts"))
    html = response.content.decode().split("</main>")[0]
    assert html.index("Integrace cizinců") < html.index("Bc. Eva Malá")
    assert html.index("Romské záležitosti") < html.index("Mgr. Pavel Vaculík")
    assertContains(response, 'href="tel:485226111"')
    assert '<dt>pondělí</dt><dd><time datetime="08:00">8.00</time>–' in html
    assert "úterý" not in html  # no row, no day: the page says nothing


def test_contacts_page_says_nothing_about_what_is_not_filled_in(client, db):
    response = client.get(reverse("portal:contacts"))
    html = response.content.decode()
    for absent in ["neuvedeno", "IČO", "Úřední hodiny", "Datová schránka"]:
        assert absent not in html, absent


def test_office_hours_must_close_after_they_open(db):
    SiteSettings.load()
    hours = OfficeHours(weekday=1, opens=time(13), closes=time(8))
    with pytest.raises(ValidationError, match="Konec úředních hodin"):
        hours.full_clean()


@pytest.mark.parametrize("colour", ["#ffff00", "blue", "#12345"])
def test_department_colour_must_keep_white_text_readable(db, colour):
    settings = SiteSettings.load()
    settings.colour = colour
    with pytest.raises(ValidationError):
        settings.full_clean()


def test_department_colour_reaches_every_page_as_a_stylesheet(client, db):
    settings = SiteSettings.load()
    settings.colour = "#1e6b34"
    settings.save()
    response = client.get(reverse("portal:home"))
    assertContains(response, 'href="/barvy.css?v=1e6b34"')
    css = client.get("/barvy.css?v=1e6b34")
    assert css["Content-Type"].startswith("text/css")
    assert b"--brand: #1e6b34" in css.content


def test_html_sitemap_lists_every_public_section_page_and_topic(client, db):
    parent = make_page(title="Krajský úřad")
    make_page(title="Odbory KÚ", parent=parent)
    make_page(title="Koncept", status=Status.DRAFT)
    make_topic(name="Integrace cizinců")
    response = client.get(reverse("portal:html_sitemap"))
    for section in sections():
        assertContains(response, f'href="{section.list_url()}"')
    for text in ["Krajský úřad", "Odbory KÚ", "Integrace cizinců", "/sitemap.xml"]:
        assertContains(response, text)
    assert "Koncept" not in response.content.decode()
    footer = client.get("/").content.decode().split("<footer")[1]
    assert 'href="/mapa-stranek/"' in footer and "sitemap.xml" not in footer


def test_subscribe_page_explains_feeds_calendar_and_newsletter(client, db):
    response = client.get(reverse("portal:subscribe"))
    for url in ["news:subscribe", "news:rss", "documents:feed", "grants:calendar"]:
        assertContains(response, f'href="{reverse(url)}"')
    assertContains(response, "iCalendar")


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


def test_home_leads_with_open_calls_then_news_and_most_downloaded_documents(client, db):
    from documents.models import DocumentFile
    from tests.factories import make_document, make_document_file, make_programme

    today = timezone.localdate()
    make_programme(title="Starý program", year=2030)
    make_programme(
        title="Otevřený program",
        year=2019,
        window_start=today - timedelta(days=3),
        window_end=today + timedelta(days=9),
    )
    popular = make_document(
        title="Oblíbená metodika", publish_at=timezone.now() - timedelta(days=900)
    )
    make_document(title="Nová zpráva")
    DocumentFile.objects.filter(pk=make_document_file(popular).pk).update(
        download_count=40
    )
    html = client.get(reverse("portal:home")).content.decode()
    headings = re.findall(r'<h2 id="section-\w+">([^<]+)</h2>', html)
    assert headings[:2] == ["Dotace: výzvy a programy", "Aktuality"]
    assert "Nejstahovanější dokumenty" in headings
    assert html.index("Otevřený program") < html.index("Starý program")
    assert "zbývá 9 dní" in html
    assert html.index("Oblíbená metodika") < html.index("Nová zpráva")


def test_feeds_name_a_stylesheet_so_a_browser_shows_a_page(client, db):
    """Browsers render application/xml with the named CSS; readers still
    parse the feed."""
    import feedparser

    for url in ["news:rss", "news:atom", "documents:feed", "grants:feed"]:
        response = client.get(reverse(url))
        assert response["Content-Type"] == "application/xml; charset=utf-8"
        head = response.content.decode()[:200]
        assert '<?xml-stylesheet type="text/css" href="/static/css/feed.css"?>' in head
        assert not feedparser.parse(response.content).bozo, url
    assert finders.find("css/feed.css")


def test_logo_with_its_alt_text_heads_every_page(client, db):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (120, 120), "#0b4f8a").save(buffer, "PNG")
    settings = SiteSettings.load()
    settings.logo = SimpleUploadedFile("znak.png", buffer.getvalue(), "image/png")
    settings.logo_alt = "Znak Kraje Vysočina"
    settings.full_clean()
    settings.save()
    header = (
        client.get(reverse("portal:contacts")).content.decode().split("</header>")[0]
    )
    assert f'src="{settings.logo.url}" alt="Znak Kraje Vysočina"' in header


def test_office_hours_are_edited_inline_in_the_site_settings(admin_client, office):
    url = reverse("admin:portal_sitesettings_change", args=[office.pk])
    response = admin_client.get(url)
    assertContains(response, 'name="office_days-TOTAL_FORMS" value="2"')
    for field in ["logo_alt", "colour", "data_box"]:
        assertContains(response, f'name="{field}"')


SAFE_SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
    b'<defs><linearGradient id="g"/></defs>'
    b'<rect width="10" height="10" fill="url(#g)"/></svg>'
)


@pytest.mark.parametrize(
    "content",
    [
        SAFE_SVG.replace(b"<rect", b"<script>alert(1)</script><rect"),
        SAFE_SVG.replace(b"<rect", b'<rect onload="alert(1)"'),
        SAFE_SVG.replace(b"<rect", b'<image href="https://example.org/x.png"/><rect'),
        b'<!DOCTYPE svg [<!ENTITY a "aaaa">]>' + SAFE_SVG,
        SAFE_SVG.replace(b"<rect", b"<foreignObject><p>x</p></foreignObject><rect"),
        b"<html>not an svg</html>",
    ],
)
def test_logo_svg_that_could_run_or_load_anything_is_refused(db, content):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings = SiteSettings.load()
    settings.logo = SimpleUploadedFile("znak.svg", content, "image/svg+xml")
    with pytest.raises(ValidationError, match="SVG"):
        settings.full_clean()


def test_plain_svg_logo_is_accepted(client, db):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings = SiteSettings.load()
    settings.logo = SimpleUploadedFile("znak.svg", SAFE_SVG, "image/svg+xml")
    settings.logo_alt = "Logo odboru"
    settings.full_clean()
    settings.save()
    assertContains(client.get("/"), 'alt="Logo odboru"')


def test_contacts_list_people_by_area_once_editors_add_them(client, db):
    from portal.models import Person

    empty = client.get("/kontakty/").content.decode()
    assert "Na koho se obrátit" not in empty
    assert "obracejte na jeho e-mail, telefon nebo datovou schránku" in empty
    Person.objects.create(
        name="Jana Dvořáková",
        role="koordinátorka pro romské záležitosti",
        area="Romské záležitosti",
        phone="485 226 111",
        email="jana.dvorakova@example.cz",
        show_on_contacts=True,
    )
    Person.objects.create(name="Neuvedený", show_on_contacts=False)
    page = client.get("/kontakty/").content.decode()
    people = page.split("Na koho se obrátit")[1]
    assert "<h3>Romské záležitosti</h3>" in people
    assert "Jana Dvořáková" in people and "koordinátorka" in people
    assert 'href="tel:485226111"' in people
    assert "Neuvedený" not in page
    assert "obracejte na jeho e-mail" not in page
