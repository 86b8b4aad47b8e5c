import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PUBLIC_TAGS, axe_violations, screenshot

pytestmark = pytest.mark.browser

PAGE_TYPES = {
    "home": "/",
    "page": "/krajsky-urad/odbory-ku/napln-cinnosti-koordinatora/",
    "page-links": "/romove/",
    "accessibility": "/prohlaseni-o-pristupnosti/",
    "privacy": "/ochrana-osobnich-udaju/",
    "cookies": "/cookies/",
    "topics": "/temata/",
    "topic": "/temata/integrace-cizincu/",
    "contacts": "/kontakty/",
    "documents": "/dokumenty/",
    "documents-filtered": "/dokumenty/?archiv=vse&year=abc",
    "document-category": "/dokumenty/kategorie/zpravy-o-stavu-mensiny/",
    "document": "/dokumenty/preventivni-brozura-pro-cizince/",
    "news": "/aktuality/",
    "news-item": "/aktuality/preventivni-brozura-pro-cizince/",
    "newsletter": "/aktuality/odber/",
    "grants": "/dotace/",
    "programme": "/dotace/podpora-integrace-narodnostnich-mensin-a-cizincu-2020/",
    "programme-awards": "/dotace/ukazkovy-program-priklad-prehledu-prijemcu/",
    "projects": "/projekty/",
    "project": "/projekty/podpora-socialni-integrace-romskych-lokalit-vysocina/",
    "project-bilingual": "/projekty/platforma-pro-zlepseni-integrace-romu-v-plzenskem-kraji/",
    "project-contact": "/projekty/podpora-socialni-integrace-romskych-lokalit-vysocina/napsat/",
    "noticeboard": "/uredni-deska/",
    "noticeboard-archive": "/uredni-deska/archiv/?agenda=dotace",
    "notice": "/uredni-deska/vyhlaseni-programu-5-1-podpora-integrace-narodnostnich-mensin-a-cizincu/",
    "opendata": "/opendata/",
    "search": "/hledat/?q=romske",
    "sitemap": "/mapa-stranek/",
    "subscribe": "/odber-novinek/",
    "not-found": "/tato-stranka-neexistuje/",
}


def test_every_page_type_passes_axe_and_keeps_one_h1(demo_site, page):
    """Zero axe violations (WCAG 2.1 AA, 2.2 target size and the best
    practices), one h1, a skip link and lang="cs" on every page type, at
    desktop and phone width, and nothing sideways down to 320 px."""
    problems = {}
    for name, path in PAGE_TYPES.items():
        response = page.goto(demo_site.url + path)
        assert response.status == (404 if name == "not-found" else 200), name
        assert page.locator("h1").count() == 1, name
        assert page.get_attribute("html", "lang") == "cs"
        for width in (1280, 375, 320):
            page.set_viewport_size({"width": width, "height": 900})
            if width != 320:
                violations = axe_violations(page, PUBLIC_TAGS)
                if violations:
                    problems[f"{name}@{width}"] = violations
            if width < 1280:
                # Nothing sideways (WCAG 1.4.10 reflow).
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"
                )
                assert overflow <= 1, (
                    f"{name} scrolls sideways by {overflow}px at {width} px"
                )
        page.set_viewport_size({"width": 1280, "height": 900})
        screenshot(page, name)
    assert problems == {}


def test_phone_user_gets_a_short_menu_collapsed_filters_and_compact_pages(
    demo_site, page
):
    """At 375 px without any script of ours: the menu is one "Menu" line
    that opens, the document filters wait behind "Filtrovat", a project's
    title is in the first screen, awards are cards, and "Zobrazit bez
    grafiky" drops the graphics."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site.url + "/")
    nav = page.get_by_role("navigation", name="Hlavní nabídka")
    assert nav.bounding_box()["height"] < 60
    assert not nav.get_by_role("link", name="Dokumenty").is_visible()
    nav.get_by_text("Menu").click()
    assert nav.get_by_role("link", name="Dokumenty").is_visible()
    nav.get_by_role("link", name="Dokumenty").click()
    expect(page).to_have_url(demo_site.url + "/dokumenty/")

    assert not page.get_by_label("Kategorie", exact=True).is_visible()
    first = page.locator(".item-list > li").first
    assert first.bounding_box()["y"] < 800, "a result shows in the first screen"
    page.get_by_text("Filtrovat", exact=True).first.click()
    assert page.get_by_label("Kategorie", exact=True).is_visible()

    page.goto(
        demo_site.url
        + "/projekty/podpora-socialni-integrace-romskych-lokalit-vysocina/"
    )
    title = page.get_by_role("heading", level=1).bounding_box()
    assert title["y"] + title["height"] < 800, "the title is in the first screen"
    assert page.get_by_alt_text("Vlajka Evropské unie").bounding_box()["height"] <= 50

    page.goto(demo_site.url + "/dotace/ukazkovy-program-priklad-prehledu-prijemcu/")
    rows = page.locator("table.awards tbody tr")
    assert rows.count() == 3
    card = rows.first.bounding_box()
    assert card["width"] > 300, "each recipient is a card across the screen"
    labels = rows.first.locator("td").evaluate_all(
        "cells => cells.map(cell => getComputedStyle(cell, '::before').content)"
    )
    assert '"Přiděleno: "' in labels
    assert "255\u00a0000" in page.locator("table.awards tfoot").inner_text()

    page.get_by_role("link", name="Zobrazit bez grafiky").click()
    expect(page.get_by_text("Nacházíte se v režimu „Bez grafiky“.")).to_be_visible()
    header = page.locator(".site-header")
    background = header.evaluate("element => getComputedStyle(element).backgroundColor")
    assert background == "rgba(0, 0, 0, 0)"


def test_desktop_shows_the_menu_and_filters_open(demo_site, page):
    page.goto(demo_site.url + "/dokumenty/")
    nav = page.get_by_role("navigation", name="Hlavní nabídka")
    assert nav.get_by_role("link", name="Dokumenty").is_visible()
    assert not nav.get_by_text("Menu").is_visible()
    assert page.get_by_label("Kategorie", exact=True).is_visible()


def test_citizen_finds_and_downloads_a_yearly_report(demo_site, page):
    page.goto(demo_site.url + "/")
    page.get_by_role("navigation", name="Hlavní nabídka").get_by_role(
        "link", name="Dokumenty"
    ).click()
    page.get_by_label("Kategorie", exact=True).select_option(
        label="Zprávy o stavu romské menšiny"
    )
    page.get_by_label("Zobrazit").select_option(label="včetně archivu")
    page.get_by_role("button", name="Filtrovat").click()
    # expect() waits for the filtered page; content() could read the blank
    # document of a navigation still under way (a CI run did).
    expect(page.locator("main")).to_contain_text("Nalezeno dokumentů: 5")
    page.get_by_role(
        "link", name="Zpráva o stavu romské menšiny Libereckého kraje – rok 2016"
    ).first.click()
    link = page.get_by_role("link", name="Rok 2016")
    download = page.request.get(demo_site.url + link.get_attribute("href"))
    assert download.ok
    assert download.headers["content-type"] == "application/pdf"
    assert download.body().startswith(b"%PDF-")


def test_citizen_reads_news_searches_and_opens_a_programme_and_a_project(
    demo_site, page
):
    page.goto(demo_site.url + "/")
    page.get_by_role("navigation", name="Hlavní nabídka").get_by_role(
        "link", name="Aktuality"
    ).click()
    page.get_by_role("link", name="Vyšla preventivní brožura pro cizince").click()
    expect(page.locator("main")).to_contain_text(
        "ukrajinštiny, vietnamštiny a mongolštiny"
    )
    page.get_by_role("link", name="Preventivní brožura pro cizince").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Preventivní brožura pro cizince"
    )

    page.get_by_label("Hledat na webu").fill("romske mensiny")
    page.get_by_label("Hledat na webu").press("Enter")
    expect(page.locator("mark").first).to_be_visible()

    page.get_by_role("navigation", name="Hlavní nabídka").get_by_role(
        "link", name="Dotace"
    ).click()
    page.get_by_role(
        "link", name="5.1 Podpora integrace národnostních menšin a cizinců (2020)"
    ).click()
    # to_contain_text() reads the no-break spaces of Czech dates as spaces.
    expect(page.locator("main")).to_contain_text(
        "Usnesení č. 793/20/RK ze dne 19. 5. 2020"
    )

    page.get_by_role("navigation", name="Hlavní nabídka").get_by_role(
        "link", name="Projekty"
    ).click()
    page.get_by_role(
        "link",
        name="Podpora sociální integrace příslušníků romských lokalit v Kraji Vysočina",
    ).click()
    expect(page.locator("main")).to_contain_text("CZ.1.04/3.2.00/B4.00007")
    assert page.get_by_alt_text("Vlajka Evropské unie").is_visible()


def test_keyboard_user_reaches_content_by_the_skip_link(demo_site, page):
    page.goto(demo_site.url + "/dokumenty/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Přeskočit na obsah")
    assert skip.evaluate("element => element === document.activeElement")
    assert skip.is_visible()  # visible when focused
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#obsah"


def test_public_pages_make_no_third_party_requests_and_set_no_cookies(demo_site, page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    for name in ("home", "documents", "news", "grants", "search", "project"):
        page.goto(demo_site.url + PAGE_TYPES[name])
    assert requests and all(url.startswith(demo_site.url) for url in requests)
    assert page.context.cookies() == []


def test_newsletter_topics_are_big_enough_to_tap_with_labels_beside(demo_site, page):
    """WCAG 2.5.8: each topic's checkbox is at least 24 × 24 px, and its
    label stands to its right on the same line."""
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(demo_site.url + PAGE_TYPES["newsletter"])
    boxes = page.locator("fieldset .choice")
    assert boxes.count() >= 4
    for index in range(boxes.count()):
        choice = boxes.nth(index)
        box = choice.locator("input").bounding_box()
        label = choice.locator("label").bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24
        assert label["x"] >= box["x"] + box["width"]
        middle = box["y"] + box["height"] / 2
        assert label["y"] <= middle <= label["y"] + label["height"]
