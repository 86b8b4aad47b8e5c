from django.urls import reverse
from reversion.models import Version

from portal.models import Page


def page_form(**fields):
    data = {
        "title": "Náplň činnosti koordinátora",
        "slug": "koordinator",
        "order": "0",
        "lead": "",
        "body": "<p>Původní text</p>",
        "status": "published",
        "publish_at_0": "01.01.2024",
        "publish_at_1": "10:00:00",
        "link_groups-TOTAL_FORMS": "0",
        "link_groups-INITIAL_FORMS": "0",
        "link_groups-MIN_NUM_FORMS": "0",
        "link_groups-MAX_NUM_FORMS": "1000",
    }
    data.update(fields)
    return data


def opened(client, url):
    """The version and state a change form was opened on, as it posts them."""
    return client.get(url).context["adminform"].form["opened_version"].value()


def test_editor_restores_an_older_version_of_a_page(admin_client, db):
    admin_client.post(reverse("admin:portal_page_add"), page_form())
    page = Page.objects.get()
    change_url = reverse("admin:portal_page_change", args=[page.pk])
    admin_client.post(
        change_url,
        page_form(
            body="<p>Pokažený text</p>", opened_version=opened(admin_client, change_url)
        ),
    )
    page.refresh_from_db()
    assert page.body == "<p>Pokažený text</p>"

    history = admin_client.get(
        reverse("admin:portal_page_history", args=[page.pk])
    ).content.decode()
    versions = Version.objects.get_for_object(page)
    assert versions.count() == 2
    assert "admin" in history  # who changed it
    oldest = versions.last()
    revision_url = reverse("admin:portal_page_revision", args=[page.pk, oldest.pk])
    form = admin_client.get(revision_url)
    assert "Původní text" in form.content.decode()
    admin_client.post(
        revision_url, page_form(opened_version=opened(admin_client, revision_url))
    )
    page.refresh_from_db()
    assert page.body == "<p>Původní text</p>"


def test_editor_recovers_a_deleted_item(admin_client, db):
    admin_client.post(
        reverse("admin:portal_page_add"),
        page_form(title="Smazaná omylem", slug="smazana"),
    )
    page = Page.objects.get()
    admin_client.post(
        reverse("admin:portal_page_delete", args=[page.pk]), {"post": "yes"}
    )
    assert not Page.objects.exists()
    recover_list = admin_client.get(
        reverse("admin:portal_page_recoverlist")
    ).content.decode()
    assert "Smazaná omylem" in recover_list
    version = Version.objects.get_deleted(Page).get()
    recover_url = reverse("admin:portal_page_recover", args=[version.pk])
    admin_client.post(
        recover_url,
        page_form(
            title="Smazaná omylem",
            slug="smazana",
            opened_version=opened(admin_client, recover_url),
        ),
    )
    assert Page.objects.get().title == "Smazaná omylem"


def test_repeated_failed_logins_lock_the_account_with_a_czech_message(
    client, django_user_model, settings
):
    django_user_model.objects.create_superuser(
        "redaktorka", password="Spravne-Heslo-2024"
    )
    url = reverse("admin:login")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post(url, {"username": "redaktorka", "password": "spatne"})
        assert response.status_code == 200
    fifth = client.post(url, {"username": "redaktorka", "password": "spatne"})
    assert fifth.status_code == 429
    # Even the right password is refused while the lockout lasts.
    locked = client.post(
        url, {"username": "redaktorka", "password": "Spravne-Heslo-2024"}
    )
    assert locked.status_code == 429
    assert "Příliš mnoho neúspěšných pokusů" in locked.content.decode()


def test_admin_speaks_czech_and_sessions_expire(admin_client, settings):
    assert "Přehled" in admin_client.get(reverse("admin:index")).content.decode()
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    assert settings.SESSION_COOKIE_AGE <= 8 * 60 * 60


def test_weak_passwords_are_refused():
    import pytest
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        validate_password("heslo123")
