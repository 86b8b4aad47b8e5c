"""Real-browser tests: Playwright driving Debian's Chromium against the
live test server, with axe-core injected into every page type."""

import os
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.services import missing

# Playwright's sync API runs an event loop in this thread; the ORM calls the
# tests make around it are still plain synchronous calls.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        missing(
            f"Chromium chybí ({CHROMIUM}); nainstalujte ho: apt-get install -y chromium"
        )
    if not AXE.exists():
        missing(f"axe-core chybí ({AXE}); nainstalujte ho: npm ci")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def demo_site(live_server, transactional_db):
    call_command("load_demo", stdout=StringIO())
    return live_server


@pytest.fixture
def page(browser):
    context = browser.new_context(
        locale="cs-CZ", viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    yield page
    context.close()


WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# The public site also keeps axe's best practices (heading order, unique
# landmarks) and WCAG 2.2's target size.
PUBLIC_TAGS = [*WCAG_TAGS, "wcag22aa", "best-practice"]


def axe_violations(page, tags=WCAG_TAGS):
    """Violations axe-core finds on the current page: WCAG 2.1 A/AA unless
    ``tags`` says more."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.evaluate(AXE.read_text())
    result = page.evaluate(
        """async (tags) => await axe.run(document, {
            runOnly: {type: 'tag', values: tags}
        })""",
        list(tags),
    )
    return [
        f"{violation['id']}: {violation['help']} ({len(violation['nodes'])}× e.g. "
        f"{violation['nodes'][0]['target']})"
        for violation in result["violations"]
    ]


def screenshot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    for width in (1280, 375):
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=ARTIFACTS / f"{name}-{width}.png", full_page=True)
    page.set_viewport_size({"width": 1280, "height": 900})
