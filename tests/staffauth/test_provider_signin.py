"""Sign-in through the region's identity provider: a real OpenID Connect
provider (django-oauth-toolkit) runs on loopback beside the tests."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from pytest_django.asserts import assertContains, assertRedirects

from editorial.roles import ADMINISTRATOR, EDITOR, setup_groups
from staffauth.models import ProviderAccount
from tests.staffauth.provider import Browser, Provider

REFUSED = "Přihlášení účtem kraje se nezdařilo"


@pytest.fixture(scope="module")
def provider(tmp_path_factory):
    provider = Provider(tmp_path_factory.mktemp("idp"))
    yield provider
    provider.stop()


@pytest.fixture
def portal(settings, provider, db):
    """The portal configured for the provider, with its editor groups."""
    for name, value in provider.settings().items():
        setattr(settings, name, value)
    settings.AUTHENTICATION_BACKENDS = [
        *settings.AUTHENTICATION_BACKENDS,
        "staffauth.oidc.ProviderBackend",
    ]
    setup_groups()
    return Client()


def start(client, next_url="/admin/"):
    """The button on the login page: to the provider, with a fresh state."""
    response = client.get(reverse("oidc_authentication_init"), {"next": next_url})
    assert response.status_code == 302
    return response["Location"]


def sign_in(client, provider, username, next_url="/admin/"):
    back = Browser(provider).authorize(start(client, next_url), username)
    assert back is not None, "the provider refused to sign in"
    return client.get(back)


def test_the_login_page_offers_the_provider(portal):
    response = portal.get(reverse("admin:login") + "?next=/admin/portal/page/")
    assertContains(response, "Přihlásit se účtem kraje")
    assertContains(response, 'id="id_password"')


def test_a_provider_user_in_the_mapped_group_signs_in_as_redaktor(portal, provider):
    """No password and no second code here: the provider asked for them."""
    response = sign_in(portal, provider, "jana.novakova", "/admin/news/newsitem/")
    assertRedirects(response, "/admin/news/newsitem/")
    user = ProviderAccount.objects.get().user
    assert user.username == "jana.novakova"
    assert (user.first_name, user.last_name) == ("Jana", "Nováková")
    assert user.is_staff and not user.is_superuser
    assert not user.has_usable_password()
    # Only the mapped group: "zamestnanci" means nothing here.
    assert list(user.groups.values_list("name", flat=True)) == [EDITOR]
    assert portal.get("/admin/news/newsitem/").status_code == 200
    assert portal.get(reverse("admin:auth_user_changelist")).status_code == 403


def test_groups_follow_the_provider_at_each_sign_in(portal, provider):
    sign_in(portal, provider, "petr.svoboda")
    user = ProviderAccount.objects.get().user
    assert list(user.groups.values_list("name", flat=True)) == [ADMINISTRATOR]
    # A group the portal gave by hand stays; roles come from the provider.
    user.groups.add(Group.objects.get(name=EDITOR), Group.objects.create(name="Jiná"))

    sign_in(Client(), provider, "petr.svoboda")
    assert set(user.groups.values_list("name", flat=True)) == {ADMINISTRATOR, "Jiná"}


def test_a_provider_user_in_no_mapped_group_is_refused(portal, provider):
    response = sign_in(portal, provider, "karel.dvorak")
    assertRedirects(response, reverse("admin:login"), fetch_redirect_response=False)
    assertContains(portal.get(response["Location"]), REFUSED)
    assert "_auth_user_id" not in portal.session
    assert not ProviderAccount.objects.exists()


def test_a_user_disabled_at_the_provider_cannot_sign_in(portal, provider):
    provider.disable("eva.mala")
    back = Browser(provider).authorize(start(portal), "eva.mala")
    assert back is None
    assert portal.get("/admin/").status_code == 302


def test_a_user_removed_at_the_provider_loses_an_open_session(portal, provider):
    """People who leave lose the back office at the next check with the
    provider (PORTAL_OIDC_RECHECK_SECONDS), not when their session ends."""
    browser = Browser(provider)
    back = browser.authorize(start(portal), "petr.svoboda")
    portal.get(back)
    assert portal.get("/admin/").status_code == 200

    # Within the interval nothing is asked; after it, the provider is
    # asked without a prompt, and still knows the person.
    session = portal.session
    session["oidc_id_token_expiration"] = 0
    session.save()
    recheck = portal.get("/admin/portal/page/")
    assert recheck.status_code == 302
    assert parse_qs(urlsplit(recheck["Location"]).query)["prompt"] == ["none"]
    portal.get(browser.authorize(recheck["Location"]))
    assert portal.get("/admin/portal/page/").status_code == 200

    provider.remove("petr.svoboda")
    session = portal.session
    session["oidc_id_token_expiration"] = 0
    session.save()
    recheck = portal.get("/admin/portal/page/")
    back = browser.authorize(recheck["Location"])
    assert parse_qs(urlsplit(back).query)["error"] == ["login_required"]
    assertRedirects(portal.get(back), reverse("admin:login"))
    assert "_auth_user_id" not in portal.session
    assert portal.get("/admin/").status_code == 302


def test_a_local_account_with_the_same_name_is_not_taken_over(
    portal, provider, django_user_model
):
    local = django_user_model.objects.create_superuser("jana.novakova", password="x")
    sign_in(portal, provider, "jana.novakova")
    assert "_auth_user_id" not in portal.session
    assert not ProviderAccount.objects.filter(user=local).exists()


def test_with_local_passwords_off_only_the_provider_signs_staff_in(
    portal, provider, settings, django_user_model
):
    settings.PORTAL_LOCAL_PASSWORDS = False
    django_user_model.objects.create_superuser("spravce", password="Heslo-12345678")
    page = portal.get(reverse("admin:login"))
    assertContains(page, "Přihlásit se účtem kraje")
    assert 'id="id_password"' not in page.content.decode()
    refused = portal.post(
        reverse("admin:login"), {"username": "spravce", "password": "Heslo-12345678"}
    )
    assert refused.status_code == 200
    assert "_auth_user_id" not in portal.session

    sign_in(portal, provider, "jana.novakova")
    assert portal.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "target", ["https://zly.example/admin/", "//zly.example/", "/\\zly.example/"]
)
def test_a_crafted_next_stays_on_the_portal(portal, provider, target):
    response = sign_in(portal, provider, "jana.novakova", target)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_a_callback_with_a_foreign_state_is_refused(portal, provider):
    """A link with someone else's code and state (login CSRF) signs nobody
    in."""
    attacker = Client()
    back = Browser(provider).authorize(start(attacker), "jana.novakova")
    start(portal)  # the victim has a sign-in of their own under way
    response = portal.get(back)
    assert response.status_code == 400
    assert "_auth_user_id" not in portal.session


def test_a_code_injected_under_the_victims_state_is_refused(portal, provider):
    """The attacker's code under the victim's own state: PKCE's verifier
    belongs to the victim's request, so the provider will not exchange the
    code, and the victim is told in Czech."""
    attacker = Client()
    back = Browser(provider).authorize(start(attacker), "jana.novakova")
    victim_state = parse_qs(urlsplit(start(portal)).query)["state"][0]
    code = parse_qs(urlsplit(back).query)["code"][0]
    response = portal.get(
        reverse("oidc_authentication_callback"), {"code": code, "state": victim_state}
    )
    assertRedirects(response, reverse("admin:login"), fetch_redirect_response=False)
    assertContains(portal.get(response["Location"]), REFUSED)
    assert "_auth_user_id" not in portal.session


def test_an_id_token_for_another_nonce_is_refused(portal, provider):
    """The ID token must carry the nonce this sign-in sent."""
    authorize = start(portal)
    state = parse_qs(urlsplit(authorize).query)["state"][0]
    back = Browser(provider).authorize(authorize, "jana.novakova")
    session = portal.session
    session["oidc_states"][state]["nonce"] = "jiny-nonce"
    session.save()
    assert portal.get(back).status_code == 400
    assert "_auth_user_id" not in portal.session


def test_a_replayed_callback_is_refused(portal, provider):
    back = Browser(provider).authorize(start(portal), "jana.novakova")
    assert portal.get(back).status_code == 302
    # Someone who copies the address from the history gets nowhere: the
    # state was that browser's, and is spent, as is the code.
    other = Client()
    assertRedirects(
        other.get(back), reverse("admin:login"), fetch_redirect_response=False
    )
    assert "_auth_user_id" not in other.session


def test_without_the_provider_configured_its_pages_do_not_exist(client, settings, db):
    settings.PORTAL_OIDC = False
    assert client.get(reverse("oidc_authentication_init")).status_code == 404
    assert client.get(reverse("oidc_authentication_callback")).status_code == 404
    assert "účtem kraje" not in client.get(reverse("admin:login")).content.decode()
