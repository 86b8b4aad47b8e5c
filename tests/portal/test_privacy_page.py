"""The privacy page states the periods the retention job applies, from the
same settings."""

import pytest
from pytest_django.asserts import assertContains, assertNotContains

from tests.factories import make_page

NBSP = "\xa0"


@pytest.fixture
def privacy_page(db):
    return make_page(
        title="Ochrana osobních údajů",
        slug="ochrana-osobnich-udaju",
        body="<p>Krajský úřad zpracovává osobní údaje v souladu s GDPR.</p>",
    )


@pytest.mark.parametrize(
    ("months", "days", "logins", "expected"),
    [
        (12, 7, 90, ["12 měsíců od zodpovězení", "7 dní od přihlášení", "90 dní od"]),
        (24, 3, 30, ["24 měsíců od zodpovězení", "3 dny od přihlášení", "30 dní od"]),
        (1, 1, 1, ["1 měsíc od zodpovězení", "1 den od přihlášení", "1 den od pokusu"]),
    ],
)
def test_the_privacy_page_states_the_configured_periods(
    client, privacy_page, settings, months, days, logins, expected
):
    settings.PORTAL_RETAIN_MESSAGES_MONTHS = months
    settings.PORTAL_RETAIN_UNCONFIRMED_DAYS = days
    settings.PORTAL_RETAIN_LOGINS_DAYS = logins
    response = client.get(privacy_page.get_absolute_url())
    assertContains(response, "Co uchováváme, proč a jak dlouho")
    for text in expected:
        assertContains(response, text)


def test_the_privacy_page_mentions_filing_only_when_messages_are_filed(
    client, privacy_page, settings
):
    settings.PORTAL_FILING_EMAIL = ""
    assertNotContains(client.get(privacy_page.get_absolute_url()), "podatelně")


def test_the_privacy_page_says_messages_are_filed(client, privacy_page, settings):
    settings.PORTAL_FILING_EMAIL = "podatelna@kraj.example"
    assertContains(client.get(privacy_page.get_absolute_url()), "podatelně úřadu")


def test_the_periods_are_on_the_privacy_page_only(client, db):
    page = make_page(title="Prohlášení o přístupnosti", slug="prohlaseni")
    assertNotContains(client.get(page.get_absolute_url()), "Co uchováváme")


def test_the_privacy_page_in_english_states_the_periods(
    client, privacy_page, settings, languages
):
    settings.PORTAL_RETAIN_MESSAGES_MONTHS = 18
    response = client.get("/en/ochrana-osobnich-udaju/")
    assertContains(response, "18 months after")
