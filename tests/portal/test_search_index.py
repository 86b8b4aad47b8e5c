"""The search index holds exactly what an item's page shows, however the
item got there: through the admin (its inlines saved after it), through
any other save, or through rebuild_search_index."""

from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from portal import search
from portal.models import SearchEntry, Status
from projects.models import KeyActivity, Partnership
from tests.factories import (
    admin_form_data,
    award_rows,
    make_award,
    make_document,
    make_document_file,
    make_news_item,
    make_organisation,
    make_page,
    make_programme,
    make_project,
)

SEARCH = reverse("portal:search")


def found(client, query):
    response = client.get(SEARCH, {"q": query})
    return [entry.title for entry, _snippet in response.context.get("results", [])]


def post_project_form(admin_client, project, change):
    url = reverse("admin:projects_project_change", args=[project.pk])
    data = admin_form_data(admin_client.get(url))
    change(data)
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["errors"]


def activity_prefix(data, title):
    """The inline form prefix of the key activity called ``title``."""
    for key, value in data.items():
        if key.startswith("activities-") and key.endswith("-title") and value == title:
            return key.removesuffix("title")
    raise AssertionError(title)


@pytest.fixture
def project(db):
    project = make_project(title="Podpora komunitní práce")
    KeyActivity.objects.create(
        project=project,
        number=1,
        title="Terénní práce",
        description="Asistentka navštěvuje rodiny v Chrastavě.",
    )
    KeyActivity.objects.create(
        project=project,
        number=2,
        title="Případová práce",
        description="Klientka, r. č. 855101/1234, dostala podporu.",
    )
    return project


def test_key_activity_text_edited_in_the_admin_is_found_only_in_its_new_form(
    admin_client, client, project
):
    assert found(client, "Chrastavě") == ["Podpora komunitní práce"]

    def edit(data):
        prefix = activity_prefix(data, "Terénní práce")
        data[prefix + "description"] = "Asistentka navštěvuje rodiny v Hrádku."

    post_project_form(admin_client, project, edit)
    assert found(client, "Chrastavě") == []
    assert found(client, "Hrádku") == ["Podpora komunitní práce"]


def test_key_activity_deleted_in_the_admin_leaves_no_birth_number_in_search(
    admin_client, client, project
):
    # PostgreSQL's parser keeps "855101/1234" as one word; its start finds it.
    assert found(client, "855101") == ["Podpora komunitní práce"]

    def delete(data):
        data[activity_prefix(data, "Případová práce") + "DELETE"] = "on"

    post_project_form(admin_client, project, delete)
    assert not KeyActivity.objects.filter(title="Případová práce").exists()
    assert found(client, "855101") == []
    html = client.get(SEARCH, {"q": "Podpora komunitní"}).content.decode()
    assert "855101" not in html
    assert not SearchEntry.objects.filter(body__contains="855101").exists()


def test_a_partner_removed_from_a_project_is_no_longer_found_with_it(client, db):
    project = make_project(title="Romští asistenti")
    partnership = Partnership.objects.create(
        project=project,
        organisation=make_organisation(name="Spolek Ergo"),
        role=Partnership.Role.PARTNER,
    )
    assert found(client, "Ergo") == ["Romští asistenti"]
    partnership.delete()
    assert found(client, "Ergo") == []


def index_contents():
    return set(
        SearchEntry.objects.values_list(
            "content_type",
            "object_id",
            "kind",
            "title",
            "body",
            "text",
            "url",
            "publish_at",
            "archived_at",
        )
    )


def make_every_state_of_every_type():
    """Drafts, scheduled, archived and live items of every type, with the
    rows their pages show (files, activities, partners, awards)."""
    now = timezone.now()
    later, earlier = now + timedelta(days=3), now - timedelta(days=3)
    states = {
        "koncept": {"status": Status.DRAFT},
        "naplánováno": {"publish_at": later},
        "archiv": {"publish_at": earlier, "archived_at": earlier},
        "zveřejněno": {},
    }
    for name, state in states.items():
        page = make_page(title=f"Stránka {name}", body="<p>Text</p>", **state)
        make_page(title=f"Podstránka pod stránkou {name}", parent=page)
        document = make_document(title=f"Dokument {name}", **state)
        make_document_file(document, label=f"Příloha {name}")
        make_news_item(title=f"Aktualita {name}", **state)
        programme = make_programme(title=f"Program {name}", **state)
        make_award(programme, organisation=make_organisation(name=f"Spolek {name}"))
        project = make_project(title=f"Projekt {name}", **state)
        KeyActivity.objects.create(project=project, number=1, title=f"Aktivita {name}")
        Partnership.objects.create(
            project=project,
            organisation=make_organisation(name=f"Partner {name}"),
            role=Partnership.Role.PARTNER,
        )


def test_rebuild_reproduces_exactly_the_index_the_signals_built(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    make_every_state_of_every_type()
    built_by_signals = index_contents()
    search.rebuild()
    assert index_contents() == built_by_signals
    kinds = {entry[2] for entry in built_by_signals}
    assert kinds == {
        "Stránka",
        "Dokument",
        "Aktualita",
        "Dotační program",
        "Projekt",
        "Oznámení na úřední desce",
        "Kontakty",
        "Téma",
    }
    titles = {entry[3] for entry in built_by_signals}
    # Scheduled items are indexed and shown when their time comes.
    assert {"Aktualita naplánováno", "Projekt naplánováno"} <= titles
    assert not {title for title in titles if "koncept" in title}


def test_a_scheduled_news_item_survives_a_rebuild(client, db):
    moment = timezone.now() + timedelta(days=1)
    item = make_news_item(title="Romská aktualita na zítra", publish_at=moment)
    search.rebuild()
    entry = SearchEntry.objects.get(
        content_type=ContentType.objects.get_for_model(item),
        object_id=item.pk,
        language="cs",
    )
    assert entry.publish_at == moment


def test_imported_awards_are_found_with_their_programme_indexed_once(client, db):
    from grants import services

    programme = make_programme(title="Podpora integrace", allocation=10_000_000)
    with CaptureQueriesContext(connection) as queries:
        services.import_awards(programme=programme, rows=award_rows(30))
    writes = [
        query["sql"]
        for query in queries.captured_queries
        if "portal_searchentry" in query["sql"]
    ]
    # One look-up and one write per language of the site for the whole
    # import, not one per row.
    assert len(writes) <= 3 * len(search.site_languages()), writes
    assert found(client, "Doučování romských dětí 29") == [str(programme)]
