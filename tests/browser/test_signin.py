"""Signing in to the back office in a real browser: setting up the
authenticator app at the first sign-in, then signing in with it."""

import base64

import pytest
from django_otp.oath import totp

from tests.browser.conftest import axe_violations, screenshot

pytestmark = pytest.mark.browser

PASSWORD = "Redakce-Heslo-2026"


def app_shows(key_text):
    """What an authenticator app shows for the key typed into it."""
    text = key_text.replace(" ", "")
    key = base64.b32decode(text + "=" * (-len(text) % 8))
    return f"{totp(key):06d}"


def password_step(page, url):
    page.goto(url + "/admin/news/newsitem/")
    page.locator("#id_username").fill("redaktorka")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name="Přihlášení").click()


def test_editor_sets_up_the_app_at_first_sign_in_and_signs_in_with_it(
    demo_site, page, django_user_model
):
    django_user_model.objects.create_superuser("redaktorka", password=PASSWORD)
    password_step(page, demo_site.url)

    page.wait_for_selector("h1:has-text('Nastavení druhého faktoru')")
    # The QR code is drawn by the portal itself, and shows.
    page.wait_for_function(
        "() => document.querySelector('img[src$=\"qr.svg\"]').naturalWidth > 0",
        timeout=5000,
    )
    assert axe_violations(page) == []
    screenshot(page, "signin-enrol")
    key = page.locator("#totp-key").inner_text()

    page.locator("#id_code").fill("123")
    page.get_by_role("button", name="Potvrdit").click()
    page.wait_for_selector(".errorlist")
    assert "Kód není správný" in page.locator(".errorlist").inner_text()
    assert axe_violations(page) == []

    page.wait_for_timeout(1100)  # past the throttle after a wrong code
    page.locator("#id_code").fill(app_shows(key))
    page.get_by_role("button", name="Potvrdit").click()
    page.wait_for_selector("#recovery-codes")
    assert page.locator("#recovery-codes li").count() == 10
    assert axe_violations(page) == []
    page.get_by_role("link", name="Pokračovat do správy portálu").click()
    page.wait_for_url("**/admin/news/newsitem/")

    # The next day: the password, then the code the app shows (the one just
    # used is spent, so wait for the next).
    page.context.clear_cookies()
    password_step(page, demo_site.url)
    page.wait_for_selector("h1:has-text('Ověření druhým faktorem')")
    assert axe_violations(page) == []
    screenshot(page, "signin-verify")
    code = app_shows(key)
    page.locator("#id_code").fill(code)
    # Wait for the answer before looking at it: the old page has no error
    # list either, so reading it straight after the click proves nothing.
    with page.expect_navigation():
        page.get_by_role("button", name="Ověřit").click()
    if page.locator(".errorlist").count():
        # The code the app showed was the one already used; the app's
        # next one comes within 30 seconds, and the throttle after a wrong
        # code lets it through after a second.
        page.wait_for_timeout(1100)
        while app_shows(key) == code:
            page.wait_for_timeout(1000)
        page.locator("#id_code").fill(app_shows(key))
        page.get_by_role("button", name="Ověřit").click()
    page.wait_for_url("**/admin/news/newsitem/")
    assert page.locator("#changelist").count() == 1


def test_login_page_with_the_identity_provider_meets_wcag(demo_site, page, settings):
    settings.PORTAL_OIDC = True
    page.goto(demo_site.url + "/admin/login/?next=/admin/")
    link = page.get_by_role("link", name="Přihlásit se účtem kraje")
    assert "/admin/oidc/authenticate/?next=/admin/" in link.get_attribute("href")
    assert axe_violations(page) == []
    screenshot(page, "signin-login-provider")
