"""The awards import is one click from the programme, and importing the
same file twice is caught before anything is saved twice."""

from django.urls import reverse

from grants.models import Award
from tests.grants.test_import import GOOD, programme, upload  # noqa: F401


def test_import_is_linked_and_a_second_import_is_flagged(admin_client, programme):  # noqa: F811
    url = reverse("admin:grants_programme_import", args=[programme.pk])
    listing = admin_client.get(reverse("admin:grants_programme_changelist"))
    change = admin_client.get(
        reverse("admin:grants_programme_change", args=[programme.pk])
    )
    for page in (listing, change):
        assert f'href="{url}">Importovat příjemce</a>' in page.content.decode()

    first = admin_client.post(url, {"file": upload(GOOD)})
    assert "možné duplicity" not in first.content.decode()
    admin_client.post(url, {"confirm": first.context["token"]})
    assert Award.objects.filter(programme=programme).count() == 2

    second = admin_client.post(url, {"file": upload(GOOD)})
    html = second.content.decode()
    assert "Pozor, možné duplicity: 2 řádky" in html
    assert html.count("už v programu je") == 2
    refused = admin_client.post(url, {"confirm": second.context["token"]}, follow=True)
    assert "program už obsahuje" in refused.content.decode()
    assert Award.objects.filter(programme=programme).count() == 2

    admin_client.post(url, {"confirm": second.context["token"], "duplicates": "on"})
    assert Award.objects.filter(programme=programme).count() == 4
