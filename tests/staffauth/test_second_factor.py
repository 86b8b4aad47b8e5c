"""Staff sign in with a password and a second factor: a code from an
authenticator app, or a one-time recovery code."""

import re
import time

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice
from pytest_django.asserts import assertContains, assertNotContains, assertRedirects

from editorial.roles import ADMINISTRATOR, EDITOR, setup_groups
from portal.models import Status
from tests.factories import make_page
from tests.signin import app_code, give_app, pass_second_factor, recovery_code

PASSWORD = "Spravne-Heslo-2024"
WRONG_CODE = "Kód není správný nebo už byl použit"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_superuser("redaktorka", password=PASSWORD)


def sign_in(client, username="redaktorka", password=PASSWORD, **extra):
    """The first step: the admin's login form."""
    return client.post(
        reverse("admin:login"), {"username": username, "password": password}, **extra
    )


def verify(client, code, next_url=None):
    data = {"code": code}
    if next_url is not None:
        data["next"] = next_url
    return client.post(reverse("staffauth:verify"), data)


def test_staff_without_a_factor_reach_only_its_set_up(client, staff):
    """After the password, every admin page leads to setting up the app;
    none of them opens."""
    client = Client()
    assert sign_in(client).status_code == 302
    for url in (
        reverse("admin:index"),
        reverse("admin:news_newsitem_changelist"),
        reverse("admin:auth_user_change", args=[staff.pk]),
    ):
        response = client.get(url, follow=True)
        assert response.redirect_chain[-1][0].startswith(reverse("staffauth:enrol"))
        assertContains(response, "Nastavení druhého faktoru")
        assertNotContains(response, 'id="dashboard"')
    enrol = client.get(reverse("staffauth:enrol"))
    key = enrol.context["key"]
    assertContains(enrol, key)
    qr = client.get(reverse("staffauth:qr_code"))
    assert qr["Content-Type"] == "image/svg+xml"
    assert b"<svg" in qr.content


def test_half_signed_in_staff_see_the_public_site_as_anyone(client, staff):
    """Without the second factor a password opens no draft either."""
    draft = make_page(title="Koncept stránky", status=Status.DRAFT)
    half = Client()
    sign_in(half)
    assert half.get(draft.get_absolute_url()).status_code == 404
    client.force_login(staff)  # with the second factor
    assertContains(client.get(draft.get_absolute_url()), "Koncept stránky")


def test_setting_up_the_app_shows_recovery_codes_once_and_opens_the_admin(staff):
    client = Client()
    sign_in(client)
    client.get(reverse("staffauth:enrol"))
    device = TOTPDevice.objects.get(user=staff, confirmed=False)
    # The key stays the same when the page is reloaded.
    client.get(reverse("staffauth:enrol"))
    assert TOTPDevice.objects.filter(user=staff).count() == 1

    response = client.post(
        reverse("staffauth:enrol"),
        {"code": app_code(device), "next": reverse("admin:news_newsitem_changelist")},
    )
    assertContains(response, "Záložní kódy")
    codes = re.findall(
        r"<li><code>([a-z2-7]{8})</code></li>", response.content.decode()
    )
    assert len(codes) == 10
    assertContains(response, reverse("admin:news_newsitem_changelist"))
    assertContains(client.get(reverse("admin:index")), 'id="dashboard"')

    # Signed in again later, the app's code is asked for, and one of the
    # recovery codes does as well.
    later = Client()
    sign_in(later)
    response = later.get(reverse("admin:index"), follow=True)
    assertContains(response, "Ověření druhým faktorem")
    assertRedirects(verify(later, codes[0]), reverse("admin:index"))


def test_a_wrong_code_is_refused_in_czech(staff):
    give_app(staff)
    client = Client()
    sign_in(client)
    response = verify(client, "000000")
    assertContains(response, WRONG_CODE)
    assertContains(response, 'aria-invalid="true"')
    assert client.get(reverse("admin:index")).status_code == 302


def test_wrong_codes_count_towards_the_lockout(staff, settings):
    """A stolen password does not buy unlimited guesses at the code: wrong
    codes lock the account out from that address like wrong passwords, and
    end the half-finished sign-in."""
    give_app(staff)
    client = Client()
    sign_in(client)
    sign_in(Client(), password="spatne-heslo")
    # Refused each time, as a wrong code or one sent before the pause after
    # the last ended (which counts just the same).
    for _ in range(settings.AXES_FAILURE_LIMIT - 2):
        assertContains(verify(client, "000000"), 'class="errorlist"')
    locked = verify(client, "000000")
    assert locked.status_code == 429
    assertContains(locked, "Příliš mnoho neúspěšných pokusů", status_code=429)
    assert "_auth_user_id" not in client.session
    # Neither the right password nor the right code helps now.
    assert sign_in(Client()).status_code == 429


def test_a_right_code_starts_the_count_of_failures_afresh(staff, settings):
    device = give_app(staff)
    client = Client()
    sign_in(client)
    # No pause after each wrong code here (that is the next test).
    settings.OTP_TOTP_THROTTLE_FACTOR = 0
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        verify(client, "000000")
    assert verify(client, app_code(device)).status_code == 302

    later = Client()
    sign_in(later)
    assertContains(verify(later, "000000"), WRONG_CODE)


def test_right_after_a_wrong_code_the_next_waits_a_moment(staff):
    """django-otp's throttle (1, 2, 4 … s) slows a guesser down; a person
    is told to wait, and the wait counts as no attempt."""
    device = give_app(staff)
    client = Client()
    sign_in(client)
    assertContains(verify(client, "000000"), WRONG_CODE)
    response = verify(client, app_code(device))
    assertContains(response, "Po chybném kódu chvíli počkejte")
    assertContains(response, "za 1 s")
    time.sleep(1)
    assert verify(client, app_code(device)).status_code == 302


def test_a_recovery_code_signs_in_once(staff):
    give_app(staff)
    code = recovery_code(staff)
    first = Client()
    sign_in(first)
    response = verify(first, code.upper(), next_url="/admin/portal/page/")
    assertRedirects(response, "/admin/portal/page/", fetch_redirect_response=False)
    assertContains(first.get("/admin/portal/page/"), "záložním kódem")

    second = Client()
    sign_in(second)
    assertContains(verify(second, code), WRONG_CODE)


def test_a_code_from_the_app_signs_in_once(staff):
    """Someone who saw the code over a shoulder cannot use it too."""
    device = give_app(staff)
    code = app_code(device)
    first = Client()
    sign_in(first)
    assert verify(first, code).status_code == 302
    time.sleep(1)  # past the throttle that a refused code sets
    second = Client()
    sign_in(second)
    assertContains(verify(second, code), WRONG_CODE)


@pytest.mark.parametrize(
    "target",
    [
        "https://zly.example/admin/",
        "//zly.example/",
        "/\\zly.example/",
        "javascript:alert(1)",
    ],
)
def test_a_crafted_next_leads_to_the_admin_not_away(staff, target):
    device = give_app(staff)
    client = Client()
    sign_in(client)
    response = verify(client, app_code(device), next_url=target)
    assertRedirects(response, reverse("admin:index"))


def test_a_code_without_signing_in_first_does_nothing(staff):
    device = give_app(staff)
    client = Client()
    response = verify(client, app_code(device))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))
    assert "_auth_user_id" not in client.session


def test_not_required_staff_without_a_factor_sign_in_with_the_password(
    settings, staff, django_user_model
):
    """With PORTAL_REQUIRE_2FA off, the factor is optional: those who set
    one up are still asked for it."""
    settings.PORTAL_REQUIRE_2FA = False
    client = Client()
    sign_in(client)
    assertContains(client.get(reverse("admin:index")), 'id="dashboard"')

    enrolled = django_user_model.objects.create_superuser("jana", password=PASSWORD)
    give_app(enrolled)
    client = Client()
    sign_in(client, "jana")
    assert client.get(reverse("admin:index")).status_code == 302


@pytest.fixture
def spravce(client, django_user_model):
    setup_groups()
    user = django_user_model.objects.create_user("spravce", is_staff=True)
    user.groups.add(Group.objects.get(name=ADMINISTRATOR))
    client.force_login(user)
    return client


def reset_factor(client, user):
    return client.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [user.pk]},
        follow=True,
    )


def test_spravce_resets_a_lost_factor_and_it_is_recorded(spravce, staff):
    """The user's old phone no longer signs in, their open session asks
    again, and the user's history says who reset it and when."""
    device = give_app(staff)
    recovery_code(staff)
    session = Client()
    session.force_login(staff)
    pass_second_factor(session, staff)
    assert session.get(reverse("admin:index")).status_code == 200

    assertContains(reset_factor(spravce, staff), "Druhý faktor zrušen 1 uživateli.")

    assert not TOTPDevice.objects.filter(pk=device.pk).exists()
    response = session.get(reverse("admin:index"), follow=True)
    assertContains(response, "Nastavení druhého faktoru")
    entry = LogEntry.objects.get(object_id=str(staff.pk))
    assert entry.user.username == "spravce"
    assert "Druhý faktor zrušen" in entry.get_change_message()
    history = spravce.get(reverse("admin:auth_user_history", args=[staff.pk]))
    assertContains(history, "Druhý faktor zrušen")


def test_a_redaktor_cannot_reset_a_factor(client, django_user_model, staff):
    setup_groups()
    editor = django_user_model.objects.create_user("redaktor", is_staff=True)
    editor.groups.add(Group.objects.get(name=EDITOR))
    client.force_login(editor)
    device = give_app(staff)
    reset_factor(client, staff)
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_nobody_sees_another_users_key_in_the_admin(admin_client):
    assert admin_client.get("/admin/otp_totp/totpdevice/").status_code == 404


def test_with_local_passwords_off_a_right_password_is_refused(staff, settings):
    settings.PORTAL_LOCAL_PASSWORDS = False
    client = Client()
    response = sign_in(client)
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assertContains(
        client.get(reverse("admin:login")),
        "Přihlášení heslem je vypnuté",
    )
