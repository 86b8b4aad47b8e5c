from django.test import Client
from django.urls import reverse

from tests.signin import pass_second_factor

PROXY = "10.0.0.1"
ATTACKER = "203.0.113.66"
ADMIN = "198.51.100.7"
PASSWORD = "Spravne-Heslo-2024"


def login(client, *, forwarded_for, password):
    """A login through the one trusted proxy, which appends the client's
    address to X-Forwarded-For and connects from its own."""
    return client.post(
        reverse("admin:login"),
        {"username": "redaktorka", "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )


def test_behind_a_proxy_failed_logins_lock_the_attacker_not_the_admin(
    client, django_user_model, settings
):
    """Five wrong passwords from one address lock out that address; the
    admin logging in from elsewhere through the same proxy gets in."""
    settings.PORTAL_PROXY_COUNT = 1
    user = django_user_model.objects.create_superuser("redaktorka", password=PASSWORD)
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(client, forwarded_for=ATTACKER, password="spatne")

    attacker = login(client, forwarded_for=ATTACKER, password=PASSWORD)
    assert attacker.status_code == 429
    assert "Příliš mnoho neúspěšných pokusů" in attacker.content.decode()

    admin = Client()
    assert login(admin, forwarded_for=ADMIN, password=PASSWORD).status_code == 302
    pass_second_factor(admin, user)
    assert admin.get(reverse("admin:index")).status_code == 200


def test_a_forged_forwarded_for_does_not_lift_the_lockout(
    client, django_user_model, settings
):
    """An attacker who prepends made-up addresses of his own is still known
    by the address the proxy appended."""
    settings.PORTAL_PROXY_COUNT = 1
    django_user_model.objects.create_superuser("redaktorka", password=PASSWORD)
    for number in range(settings.AXES_FAILURE_LIMIT):
        login(client, forwarded_for=f"192.0.2.{number}, {ATTACKER}", password="x")

    forged = login(client, forwarded_for=f"192.0.2.99, {ATTACKER}", password="x")
    assert forged.status_code == 429
