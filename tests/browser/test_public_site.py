import pytest

from tests.browser.conftest import axe_violations, screenshot

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
    "projects": "/projekty/",
    "project": "/projekty/podpora-socialni-integrace-romskych-lokalit-vysocina/",
    "project-bilingual": "/projekty/platforma-pro-zlepseni-integrace-romu-v-plzenskem-kraji/",
    "noticeboard": "/uredni-deska/",
    "noticeboard-archive": "/uredni-deska/archiv/?agenda=dotace",
    "notice": "/uredni-deska/vyhlaseni-programu-5-1-podpora-integrace-narodnostnich-mensin-a-cizincu/",
    "opendata": "/opendata/",
    "search": "/hledat/?q=romske",
    "not-found": "/tato-stranka-neexistuje/",
}


def test_every_page_type_passes_axe_and_keeps_one_h1(demo_site, page):
    """Zero WCAG 2.1 AA violations, one h1, a skip link and lang="cs" on
    every page type, at desktop and phone width."""
    problems = {}
    for name, path in PAGE_TYPES.items():
        response = page.goto(demo_site.url + path)
        assert response.status == (404 if name == "not-found" else 200), name
        assert page.locator("h1").count() == 1, name
        assert page.get_attribute("html", "lang") == "cs"
        for width in (1280, 320):
            page.set_viewport_size({"width": width, "height": 900})
            violations = axe_violations(page)
            if violations:
                problems[f"{name}@{width}"] = violations
            # Nothing sideways at 320 px (WCAG 1.4.10 reflow).
            if width == 320:
                overflow = page.evaluate(
                    "document.documentElement.scrollWidth - window.innerWidth"
                )
                assert overflow <= 1, (
                    f"{name} scrolls sideways by {overflow}px at 320 px"
                )
        page.set_viewport_size({"width": 1280, "height": 900})
        screenshot(page, name)
    assert problems == {}


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
    assert "Nalezeno dokumentů: 5" in page.content()
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
    assert "ukrajinštiny, vietnamštiny a mongolštiny" in page.content()
    page.get_by_role("link", name="Preventivní brožura pro cizince").click()
    assert (
        page.get_by_role("heading", level=1).inner_text()
        == "Preventivní brožura pro cizince"
    )

    page.get_by_label("Hledat na webu").fill("romske mensiny")
    page.get_by_label("Hledat na webu").press("Enter")
    assert page.locator("mark").count() > 0

    page.get_by_role("navigation", name="Hlavní nabídka").get_by_role(
        "link", name="Dotace"
    ).click()
    page.get_by_role(
        "link", name="5.1 Podpora integrace národnostních menšin a cizinců (2020)"
    ).click()
    text = page.inner_text("main").replace("\u00a0", " ")
    assert "Usnesení č. 793/20/RK ze dne 19. 5. 2020" in text

    page.get_by_role("navigation", name="Hlavní nabídka").get_by_role(
        "link", name="Projekty"
    ).click()
    page.get_by_role(
        "link",
        name="Podpora sociální integrace příslušníků romských lokalit v Kraji Vysočina",
    ).click()
    assert "CZ.1.04/3.2.00/B4.00007" in page.inner_text("main")
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
    for path in ("/", "/dokumenty/", "/aktuality/", "/dotace/", "/hledat/?q=dotace"):
        page.goto(demo_site.url + path)
    assert requests and all(url.startswith(demo_site.url) for url in requests)
    assert page.context.cookies() == []
