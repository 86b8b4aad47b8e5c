from playwright.sync_api import expect

from news.models import NewsItem
from projects.models import Project
from tests.browser.conftest import PUBLIC_TAGS, axe_violations


def test_english_and_ukrainian_pages_pass_axe_on_a_phone_and_offer_the_hint(
    demo_site, browser
):
    """A visitor whose browser prefers English opens the Czech home page on
    a 375 px phone: a hint in English offers the English version (no
    redirect, no cookie) and stays closed once closed; the English and
    Ukrainian home and detail pages pass axe at that width, without
    scrolling sideways."""
    context = browser.new_context(
        locale="en-GB", viewport={"width": 375, "height": 800}
    )
    page = context.new_page()
    page.goto(demo_site.url + "/")
    assert page.get_attribute("html", "lang") == "cs"
    hint = page.locator(".language-hint")
    assert hint.get_attribute("lang") == "en"
    assert hint.get_by_role("link").inner_text() == (
        "This page is also available in English."
    )
    assert hint.get_by_role("link").get_attribute("href").endswith("/en/")
    assert axe_violations(page, PUBLIC_TAGS) == []
    hint.get_by_role("button", name="Close").click()
    expect(page.locator(".language-hint")).to_have_count(0)
    page.reload()
    assert page.locator(".language-hint").count() == 0
    assert context.cookies() == []

    news = NewsItem.objects.published().first().get_absolute_url()
    project = Project.objects.published().first().get_absolute_url()
    failures = {}
    for path, language in (
        ("/en/", "en"),
        ("/uk/", "uk"),
        ("/en" + news, "en"),
        ("/uk" + project, "uk"),
    ):
        page.goto(demo_site.url + path)
        problems = []
        if page.get_attribute("html", "lang") != language:
            problems.append("lang")
        if page.evaluate("document.documentElement.scrollWidth") > 375:
            problems.append("scrolls sideways")
        problems += axe_violations(page, PUBLIC_TAGS)
        if problems:
            failures[path] = problems
    assert failures == {}

    # The switcher on the project's Ukrainian page leads to the same project
    # in Czech.
    page.get_by_role("navigation", name="Мова").get_by_role(
        "link", name="česky"
    ).click()
    expect(page).to_have_url(demo_site.url + project)
    context.close()


SHIFTS = """
window.layoutShift = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (!entry.hadRecentInput) window.layoutShift += entry.value;
  }
}).observe({type: "layout-shift", buffered: true});
"""


def settled_shift(page):
    """The page's layout shift so far, once two frames have been drawn
    after the load."""
    page.wait_for_load_state("load")
    return page.evaluate(
        "new Promise((done) => requestAnimationFrame(() =>"
        " requestAnimationFrame(() => done(window.layoutShift))))"
    )


def test_the_language_hint_moves_nothing_on_a_phone_or_a_desktop(demo_site, browser):
    """A Ukrainian browser on the Czech pages gets the hint without the
    page jumping under the reader's finger (layout shift 0)."""
    document = "/dokumenty/preventivni-brozura-pro-cizince/"
    shifts = {}
    for width in (375, 1280):
        context = browser.new_context(
            locale="uk-UA", viewport={"width": width, "height": 800}
        )
        context.add_init_script(SHIFTS)
        page = context.new_page()
        for path in ("/", document):
            page.goto(demo_site.url + path)
            expect(page.locator(".language-hint")).to_have_count(1)
            shifts[width, path] = settled_shift(page)
        context.close()
    assert shifts == dict.fromkeys(shifts, 0)


def test_the_ukrainian_home_is_as_long_as_the_czech_one_on_a_phone(demo_site, browser):
    """One note for what is only in Czech, not one under every item: the
    Ukrainian home page is at most 5 % taller than the Czech one at 375 px."""
    heights = {}
    for language, path in (("cs-CZ", "/"), ("uk-UA", "/uk/")):
        context = browser.new_context(
            locale=language, viewport={"width": 375, "height": 800}
        )
        page = context.new_page()
        page.goto(demo_site.url + path)
        expect(page.locator(".language-hint")).to_have_count(0)
        heights[path] = page.evaluate("document.documentElement.scrollHeight")
        context.close()
    assert heights["/uk/"] <= 1.05 * heights["/"], heights
