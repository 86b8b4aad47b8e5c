"""generate_bulk: invented content at scale, valid and visible like real
content (small sizes here; the benchmark runs the defaults)."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import Count, Sum
from pytest_django.asserts import assertContains

from documents.models import Document
from grants.models import Award, Programme
from news.models import NewsItem
from portal.czech import format_money
from portal.models import Organisation
from portal.validators import validate_ico
from projects.models import Project
from projects.validators import validate_registration_number

SIZES = {
    "documents": 30,
    "news": 20,
    "programmes": 5,
    "awards": 120,
    "projects": 5,
    "organisations": 20,
}


def generate(**sizes):
    out = StringIO()
    arguments = [f"--{name}={value}" for name, value in {**SIZES, **sizes}.items()]
    call_command("generate_bulk", *arguments, stdout=out)
    return out.getvalue()


@pytest.fixture
def bulk(db):
    return generate()


def test_creates_the_requested_amounts_and_says_so(bulk):
    assert Document.objects.count() == 30
    assert NewsItem.objects.count() == 20
    assert Programme.objects.count() == 5
    assert Award.objects.count() == 120
    assert Project.objects.count() == 5
    assert Organisation.objects.filter(is_sample=True).count() == 20
    assert "Hromadná data vytvořena" in bulk


def test_the_content_is_public_and_searchable(client, bulk):
    document = Document.objects.current().first()
    response = client.get("/dokumenty/")
    assertContains(response, document.title)
    assertContains(client.get(document.get_absolute_url()), "Plné znění")
    download = client.get(document.files.get().get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"

    # A word from the invented text, typed without diacritics.
    found = client.get("/hledat/", {"q": "zaclenovani"})
    assert len(found.context["results"]) > 0
    assertContains(found, "<mark>začleňování</mark>")
    assertContains(
        client.get("/aktuality/"), NewsItem.objects.published().first().title
    )


def test_the_first_programme_has_one_hundred_valid_awards(client, bulk):
    programme = Programme.objects.annotate(count=Count("awards")).get(count=100)
    total = programme.awards.aggregate(total=Sum("awarded"))["total"]
    assert total <= programme.allocation
    for award in programme.awards.all()[:20]:
        award.full_clean()
    response = client.get(programme.get_absolute_url())
    assert response.content.decode().count("<tr><td>") == 100
    assertContains(response, format_money(total))


def test_organisations_and_projects_pass_the_validators(bulk):
    for organisation in Organisation.objects.filter(is_sample=True):
        validate_ico(organisation.ico)
    for project in Project.objects.all():
        validate_registration_number(project.registration_number)
        project.full_clean()


def test_a_second_run_is_refused_with_a_czech_message(bulk):
    with pytest.raises(CommandError, match="Hromadná data už v databázi jsou"):
        generate()
