"""Two editors, one item: the second save over a newer version is refused
and neither editor's text is lost."""

import pytest
from django.urls import reverse

from tests.factories import admin_form_data, make_page
from tests.signin import SignedInClient


@pytest.fixture
def two_editors(django_user_model, db):
    clients = []
    for name in ("jana", "petr"):
        django_user_model.objects.create_superuser(
            name, password="x", first_name=name.title(), last_name="Nováková"
        )
        client = SignedInClient()
        client.force_login(django_user_model.objects.get(username=name))
        clients.append(client)
    return clients


def test_second_save_over_a_newer_version_is_refused(two_editors):
    jana, petr = two_editors
    page = make_page(title="Náplň činnosti", body="<p>Původní text</p>")
    url = reverse("admin:portal_page_change", args=[page.pk])
    # Petr opens the page first (it has no version yet), then Jana saves
    # twice; the first save records the version Jana's form remembers.
    petr_form = admin_form_data(petr.get(url))
    jana.post(url, {**admin_form_data(jana.get(url)), "title": "Náplň činnosti"})
    data = admin_form_data(jana.get(url))
    petr_form["opened_version"] = data["opened_version"]
    jana.post(url, {**data, "title": "Náplň činnosti koordinátora"})

    petr_form["body"] = "<p>Petrův nový odstavec</p>"
    petr_form["link_groups-TOTAL_FORMS"] = "1"  # and a row of an inline
    petr_form["link_groups-0-title"] = "Petrovy odkazy"
    petr_form["link_groups-0-order"] = "1"
    refused = petr.post(url, petr_form)
    assert refused.status_code == 200  # the form again, not a redirect
    html = refused.content.decode()
    assert "Položku mezitím uložil(a) Jana Nováková" in html
    assert "(změněno: název)" in html
    # What Jana changed, word by word, above the form.
    assert "Náplň činnosti <ins>koordinátora</ins>" in html
    assert "Petrův nový odstavec" in html  # his input is kept
    assert 'value="Petrovy odkazy"' in html
    page.refresh_from_db()
    assert page.title == "Náplň činnosti koordinátora"
    assert page.body == "<p>Původní text</p>"
    assert not page.link_groups.exists()

    # Petr takes Jana's title over and saves again: both changes stay.
    form = refused.context["adminform"].form
    assert form["body"].value() == "<p>Petrův nový odstavec</p>"
    merged = {
        **petr_form,
        "opened_version": form["opened_version"].value(),
        "title": "Náplň činnosti koordinátora",
    }
    assert petr.post(url, merged).status_code == 302
    page.refresh_from_db()
    assert page.title == "Náplň činnosti koordinátora"
    assert page.body == "<p>Petrův nový odstavec</p>"
    assert [group.title for group in page.link_groups.all()] == ["Petrovy odkazy"]
