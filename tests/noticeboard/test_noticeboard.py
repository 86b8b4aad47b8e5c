"""The notice board: what hangs on it today, the archive, the feed and the
OFN file; drafts, scheduled notices and unpublished attachments appear
nowhere."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime, timedelta

import feedparser
import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from editorial.roles import setup_groups
from portal.models import SiteSettings, Status
from tests.factories import make_document, make_document_file, make_notice
from tests.opendata.ofn import BOARD, errors

TODAY = timezone.localdate()


def board(client, path="/uredni-deska/uredni-deska.jsonld"):
    response = client.get(path, secure=True)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/ld+json")
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


@pytest.fixture
def provider(db):
    site = SiteSettings.load()
    site.ico = "12345679"
    site.save()


@pytest.fixture
def notices(db, provider):
    """One of each state the board knows, with a live and a draft
    attachment on the current notice."""
    live = make_document(title="Podmínky programu")
    make_document_file(live, label="Podmínky (PDF)")
    draft_document = make_document(title="Tajný koncept přílohy", status=Status.DRAFT)
    draft_file = make_document_file(draft_document)
    return {
        "current": make_notice(
            title="Vyhlášení programu 5.1",
            relevant_until=TODAY + timedelta(days=30),
            reference_number="KULK 1/2026",
            file_number="OSV/1/2026",
            agenda="dotace",
            description="Program pro spolky.",
            attachments=[live, draft_document],
        ),
        "until_revoked": make_notice(title="Úřední hodiny o svátcích"),
        "taken_down": make_notice(
            title="Starší oznámení",
            posted_on=TODAY - timedelta(days=60),
            relevant_until=TODAY - timedelta(days=1),
        ),
        "draft": make_notice(
            title="Koncept oznámení",
            status=Status.DRAFT,
            attachments=[draft_document],
        ),
        "scheduled": make_notice(
            title="Naplánované oznámení",
            publish_at=timezone.now() + timedelta(days=2),
        ),
        "posted_tomorrow": make_notice(
            title="Vyvěsí se zítra", posted_on=TODAY + timedelta(days=1)
        ),
        "draft_file": draft_file,
    }


HIDDEN = ("Koncept oznámení", "Naplánované oznámení", "Vyvěsí se zítra")


def test_the_board_shows_current_notices_and_the_archive_the_rest(client, notices):
    page = client.get("/uredni-deska/").content.decode()
    assert "Vyhlášení programu 5.1" in page
    assert "Podmínky (PDF)" in page  # the files, right in the list
    assert "Úřední hodiny o svátcích" in page
    assert "relevantní do" in page and "do odvolání" in page
    assert "Starší oznámení" not in page
    archive = client.get("/uredni-deska/archiv/").content.decode()
    assert "Starší oznámení" in archive
    assert "Vyhlášení programu 5.1" not in archive
    for text in HIDDEN:
        assert text not in page and text not in archive

    detail = client.get(notices["current"].get_absolute_url()).content.decode()
    assert "KULK 1/2026" in detail and "OSV/1/2026" in detail
    assert "Podmínky (PDF)" in detail
    assert "Tajný koncept přílohy" not in detail
    taken_down = client.get(notices["taken_down"].get_absolute_url())
    assert "Sejmuto z úřední desky" in taken_down.content.decode()

    filtered = client.get("/uredni-deska/?agenda=dotace").content.decode()
    assert "Vyhlášení programu 5.1" in filtered
    assert "Úřední hodiny o svátcích" not in filtered
    bad = client.get("/uredni-deska/?year=abc&agenda=nic")
    assert bad.status_code == 200
    assert "neplatnou hodnotu" in bad.content.decode()


def test_unpublished_notices_and_attachments_appear_nowhere(client, notices):
    for key in ("draft", "scheduled", "posted_tomorrow"):
        assert client.get(notices[key].get_absolute_url()).status_code == 404
    draft_file = notices["draft_file"]
    assert client.get(draft_file.get_absolute_url()).status_code == 404

    feed = feedparser.parse(client.get("/uredni-deska/feed/").content)
    titles = {entry.title for entry in feed.entries}
    assert titles == {"Vyhlášení programu 5.1", "Úřední hodiny o svátcích"}

    everywhere = [
        client.get(path).content.decode()
        for path in (
            "/",
            "/uredni-deska/",
            "/uredni-deska/feed/",
            "/uredni-deska/uredni-deska.jsonld",
            "/uredni-deska/archiv.jsonld",
            "/sitemap-noticeboard.xml",
            "/hledat/?q=oznámení",
            "/dokumenty/",
        )
    ]
    for text in everywhere:
        for hidden in (*HIDDEN, "Tajný koncept přílohy", draft_file.get_absolute_url()):
            assert hidden not in text


def test_the_ofn_file_lists_every_notice_on_the_board_with_its_documents(
    client, notices
):
    data = board(client)
    assert errors(data, BOARD) == []
    assert data["provozovatel"] == {"typ": "Osoba", "ičo": "12345679"}
    by_title = {item["název"]["cs"]: item for item in data["informace"]}
    assert set(by_title) == {"Vyhlášení programu 5.1", "Úřední hodiny o svátcích"}
    current = by_title["Vyhlášení programu 5.1"]
    assert current["číslo_jednací"] == "KULK 1/2026"
    assert current["relevantní_do"]["datum"] == (TODAY + timedelta(30)).isoformat()
    [document] = current["dokument"]
    assert document["název"] == {"cs": "Podmínky (PDF)"}
    download = client.get(document["url"].removeprefix("https://testserver"))
    assert download.status_code == 200
    assert by_title["Úřední hodiny o svátcích"]["relevantní_do"] == {
        "typ": "Časový okamžik",
        "nespecifikovaný": True,
    }
    archive = board(client, "/uredni-deska/archiv.jsonld")
    assert errors(archive, BOARD) == []
    assert [item["název"]["cs"] for item in archive["informace"]] == ["Starší oznámení"]


def test_the_ofn_file_is_cached_never_stale_and_keeps_cors(client, notices):
    first = board(client)
    with CaptureQueriesContext(connection) as queries:
        again = board(client)
    assert again == first
    assert len(queries) <= 2  # the generation (and the next boundary)
    make_notice(title="Nové oznámení")
    assert "Nové oznámení" in {
        item["název"]["cs"] for item in board(client)["informace"]
    }


@pytest.mark.usefixtures("no_page_cache")
def test_pages_and_files_cost_the_same_queries_however_many_notices(client, provider):
    def costs():
        counts = {}
        for path in (
            "/uredni-deska/",
            "/uredni-deska/archiv/",
            "/uredni-deska/feed/",
            "/uredni-deska/uredni-deska.jsonld",
        ):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path, secure=True).status_code == 200
            counts[path] = len(queries)
        return counts

    def add(count):
        for _ in range(count):
            document = make_document()
            make_document_file(document)
            make_notice(attachments=[document])
            make_notice(
                relevant_until=TODAY - timedelta(days=1),
                posted_on=TODAY - timedelta(days=9),
            )

    add(2)
    few = costs()
    add(6)
    assert costs() == few


def test_the_notice_board_role_may_post_notices_and_attach_documents(login_as):
    setup_groups()
    group = Group.objects.get(name="Úřední deska")
    codenames = set(group.permissions.values_list("codename", flat=True))
    assert {"add_notice", "change_notice", "delete_notice"} <= codenames
    assert {"add_document", "add_documentfile"} <= codenames
    assert "add_programme" not in codenames
    client = login_as("Úřední deska")
    assert client.get("/admin/noticeboard/notice/add/").status_code == 200
    assert client.get("/admin/grants/programme/").status_code == 403


def test_a_document_attached_to_a_notice_is_not_deleted_under_it(admin_client):
    document = make_document(title="Příloha oznámení")
    make_notice(title="Oznámení s přílohou", attachments=[document])
    page = admin_client.get(f"/admin/documents/document/{document.pk}/delete/")
    assert "Oznámení s přílohou" in page.content.decode()
    admin_client.post(
        f"/admin/documents/document/{document.pk}/delete/", {"post": "yes"}
    )
    assert type(document).objects.filter(pk=document.pk).exists()


@pytest.mark.usefixtures("no_page_cache")
def test_an_empty_boards_feed_is_dated_when_its_last_notice_left(client, db):
    """Its <updated> is not the time of rendering: each server renders the
    same document, so its validators agree and a reader's conditional GET
    is answered 304 whichever server answers."""
    today = timezone.localdate()
    make_notice(
        posted_on=today - timedelta(days=30), relevant_until=today - timedelta(days=3)
    )
    make_notice(
        posted_on=today - timedelta(days=30),
        archived_at=timezone.now() - timedelta(days=10),
    )
    first = client.get("/uredni-deska/feed/")
    root = ET.fromstring(first.content)
    atom = "{http://www.w3.org/2005/Atom}"
    assert root.find(f"{atom}entry") is None
    left = timezone.make_aware(
        datetime.combine(today - timedelta(days=2), datetime.min.time())
    )
    assert root.findtext(f"{atom}updated") == left.isoformat()
    # Rendered again (as another server would): the same document.
    assert client.get("/uredni-deska/feed/").content == first.content


def test_a_filter_finding_nothing_on_the_board_leads_to_the_archive(client, db):
    """The 5.1 announcement is in the archive: a visitor filtering the board
    by "dotace" is pointed there, with the same filter."""
    today = timezone.localdate()
    make_notice(
        title="Vyhlášení programu 5.1",
        agenda="dotace",
        posted_on=today - timedelta(days=60),
        relevant_until=today - timedelta(days=30),
    )
    page = client.get("/uredni-deska/", {"agenda": "dotace"}).content.decode()
    assert "Filtru neodpovídá žádné vyvěšené oznámení" in page
    link = re.search(r'<a href="(/uredni-deska/archiv/\?[^"]*)">v archivu', page)
    archive = client.get(link.group(1).replace("&amp;", "&")).content.decode()
    assert "Vyhlášení programu 5.1" in archive
    assert "v archivu úřední desky" not in archive
