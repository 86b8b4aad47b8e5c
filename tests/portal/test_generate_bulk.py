"""generate_bulk: invented content at scale, valid and visible like real
content (small sizes here; the benchmark runs the defaults)."""

import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db.models import F, Sum
from pytest_django.asserts import assertContains

from documents.models import Document, DocumentFile
from grants.models import Award, Programme
from news.models import NewsItem
from portal.bulk import Bulk
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
    "notices": 10,
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
    assert "dokumenty: 30" in bulk
    assert "přidělené dotace: 120" in bulk
    assert re.search(r"Hromadná data vytvořena za \d+ s\.", bulk)


def test_the_pages_printed_for_the_benchmark_open(client, bulk):
    paths = re.findall(r"^[^:\n]+: (/\S+)$", bulk, flags=re.MULTILINE)
    assert "/dotace/program-se-100-dotacemi-h0/" in paths
    assert [path.split("/")[1] for path in paths] == [
        "dotace",
        "dokumenty",
        "aktuality",
        "projekty",
    ]
    for path in paths:
        assert client.get(path).status_code == 200, path


def test_the_content_is_public_and_searchable(client, bulk):
    document = Document.objects.current().first()
    response = client.get("/dokumenty/")
    assertContains(response, document.title)
    assertContains(client.get(document.get_absolute_url()), "Plné znění")
    download = client.get(document.files.get().get_absolute_url())
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assertContains(
        client.get("/aktuality/"), NewsItem.objects.published().first().title
    )

    # Words from the invented text, typed without diacritics.
    found = client.get("/hledat/", {"q": "terenni setreni"})
    urls = [entry.url for entry, _snippet in found.context["results"]]
    assert any(url.startswith("/dokumenty/") for url in urls)
    assertContains(found, "<mark>šetření</mark>")


def test_document_files_carry_hundreds_of_words_of_czech(bulk):
    for text in DocumentFile.objects.values_list("text", flat=True):
        assert len(text.split()) >= 150
        assert "č" in text or "ř" in text


def test_the_programme_with_one_hundred_awards_lists_them_all(client, bulk):
    programme = Programme.objects.get(slug="program-se-100-dotacemi-h0")
    assert programme.awards.count() == 100
    total = programme.awards.aggregate(total=Sum("awarded"))["total"]
    response = client.get(programme.get_absolute_url())
    assert response.content.decode().count('<tr><td data-label="Příjemce">') == 100
    assertContains(response, format_money(total))
    assertContains(response, "<em>(ukázková data)</em>", count=100)


def test_awards_keep_within_every_limit(bulk):
    awards = Award.objects.all()
    assert not awards.filter(awarded__gt=F("requested")).exists()
    assert not awards.filter(awarded__gt=F("programme__max_subsidy")).exists()
    over_allocation = Programme.objects.annotate(total=Sum("awards__awarded")).filter(
        total__gt=F("allocation")
    )
    assert not over_allocation.exists()
    # Nobody is paid before the decision.
    assert not awards.filter(programme__decision_resolution__isnull=True).exists()
    for programme in Programme.objects.all():
        programme.full_clean()
        if programme.decision_resolution:
            programme.decision_resolution.full_clean()
        for award in programme.awards.all()[:5]:
            award.full_clean()


def test_organisations_and_projects_pass_the_validators(bulk):
    organisations = Organisation.objects.filter(is_sample=True)
    assert organisations.values("ico").distinct().count() == 20
    for organisation in organisations:
        validate_ico(organisation.ico)
        organisation.full_clean()
    for project in Project.objects.all():
        validate_registration_number(project.registration_number)
        project.full_clean()


def test_the_same_seed_gives_the_same_text(db):
    first, again, other = Bulk(SIZES, seed=7), Bulk(SIZES, seed=7), Bulk(SIZES, seed=8)
    assert [first.title() for _ in range(5)] == [again.title() for _ in range(5)]
    assert first.text(30) == again.text(30) != other.text(30)


def test_a_second_run_is_refused_with_a_czech_message(bulk):
    with pytest.raises(CommandError, match="Hromadná data už v databázi jsou"):
        generate()
    assert Document.objects.count() == 30
