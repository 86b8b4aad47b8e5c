"""Search ranks as people expect: a title that holds the words first, then
the best match, then the newest; programme numbers and resolutions find
their programme. The same on SQLite and PostgreSQL."""

from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from portal.models import Resolution
from tests.factories import (
    make_document,
    make_news_item,
    make_programme,
    make_resolution,
)


def found(client, query):
    response = client.get(reverse("portal:search"), {"q": query})
    return [entry.title for entry, _snippet in response.context.get("results", [])]


def test_a_title_match_comes_before_newer_body_matches(client, db):
    analysis = make_document(
        title="Analýza situace národnostních menšin",
        publish_at=timezone.now() - timedelta(days=3000),
    )
    for number in range(12):
        make_news_item(
            title=f"Zpráva z jednání {number}",
            body="<p>Jednání se týkalo národnostních menšin v kraji.</p>",
            publish_at=timezone.now() - timedelta(days=number + 1),
        )
    results = found(client, "menšiny")
    assert len(results) == 13
    assert results[0] == analysis.title


def test_a_programme_is_found_by_its_number_and_resolution_with_its_year(client, db):
    decision = make_resolution(
        number=158, year=2020, body=Resolution.Body.ASSEMBLY, date=date(2020, 5, 26)
    )
    old = make_programme(
        code="5.1",
        title="Podpora integrace národnostních menšin a cizinců",
        year=2020,
        decision_resolution=decision,
    )
    new = make_programme(
        code="5.1", title="Podpora integrace národnostních menšin a cizinců", year=2027
    )
    make_news_item(title="Zastupitelstvo rozhodlo o dotacích z programu 5.1")
    results = found(client, "5.1")
    # Both programmes lead, told apart by their year.
    assert set(results[:2]) == {str(old), str(new)}
    assert str(old).endswith("(2020)") and str(new).endswith("(2027)")
    assert found(client, "158/20/ZK") == [str(old)]
    assert str(new) in found(client, "dotace 2027")
    assert str(new) in found(client, "výzva")
    assert str(new) in found(client, "příjem žádostí")


def test_a_reference_alone_is_a_query_not_an_empty_one(client, db):
    response = client.get(reverse("portal:search"), {"q": "5.1"})
    assert "neobsahuje žádné slovo" not in response.content.decode()


def test_snippet_shows_the_text_after_the_title_the_heading_already_shows(client, db):
    make_news_item(
        title="Podpora menšin",
        body="<p>Kraj vyhlásil program pro národnostní menšiny.</p>",
    )
    response = client.get(reverse("portal:search"), {"q": "menšiny"})
    [(entry, snippet)] = response.context["results"]
    assert "Podpora" not in snippet
    assert "<mark>menšiny</mark>" in snippet
    assert not snippet.startswith("…")
