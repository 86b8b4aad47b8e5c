"""The local catalogue as the national one harvests it: the catalogue, each
dataset record its IRI dereferences to, and every distribution it lists,
validated offline against the schemas in shared/ofn/, on the demo content
and on a generated bulk set."""

import csv
import io
import json
from datetime import timedelta
from io import StringIO
from urllib.parse import urlsplit

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from openpyxl import load_workbook

from noticeboard.models import Notice
from portal.models import SiteSettings, Status
from tests.factories import (
    make_document,
    make_document_file,
    make_news_item,
    make_notice,
    make_project,
)
from tests.opendata.ofn import CATALOGUE, DATASET, PREFIX, errors

IANA = "http://www.iana.org/assignments/media-types/"
SIZES = {
    "documents": 30,
    "news": 20,
    "programmes": 5,
    "awards": 60,
    "projects": 5,
    "organisations": 20,
    "notices": 40,
}


def get(client, url):
    """Fetch an absolute URL of the catalogue as a harvester would."""
    parts = urlsplit(url)
    assert parts.scheme == "https" and parts.netloc == "testserver", url
    response = client.get(parts.path, secure=True, HTTP_ORIGIN="https://data.gov.cz")
    assert response.status_code == 200, url
    assert response["Access-Control-Allow-Origin"] == "*", url
    return response


def harvest(client):
    """Everything the catalogue leads to, checked; returns {dataset IRI:
    {distribution key: parsed content}}."""
    response = get(client, "https://testserver/opendata/katalog.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    catalogue = response.json()
    assert errors(catalogue, CATALOGUE) == []
    harvested = {}
    for iri in catalogue["datová_sada"]:
        record = get(client, iri).json()
        assert record["iri"] == iri
        assert errors(record, DATASET) == [], iri
        assert record["poskytovatel"] == catalogue["poskytovatel"]
        contents = harvested[iri] = {}
        for distribution in record["distribuce"]:
            url = distribution["soubor_ke_stažení"]
            file = get(client, url)
            media_type = distribution["typ_média"].removeprefix(IANA)
            assert file["Content-Type"].split(";")[0] == media_type, url
            contents[distribution["iri"].rsplit("/", 1)[1]] = parsed = parse(
                client, file, media_type, distribution
            )
            schema = distribution.get("schéma", "")
            if schema.startswith(PREFIX):  # an OFN: the file must pass it
                assert errors(parsed, schema) == [], url
    return harvested


def parse(client, response, media_type, distribution):
    if media_type == "text/csv":
        text = response.content.decode("utf-8")
        header, *rows = list(csv.reader(io.StringIO(text, newline="")))
        metadata = get(client, distribution["schéma"]).json()
        columns = metadata["tableSchema"]["columns"]
        assert [column["name"] for column in columns] == header
        # A strict CSVW processor refuses a header cell that is not one of
        # its column's titles (CSVW §5.4.3).
        titles = [column["titles"] for column in columns]
        assert all(cell in titles for cell, titles in zip(header, titles, strict=True))
        assert all(len(row) == len(header) for row in rows)
        return [dict(zip(header, row, strict=True)) for row in rows]
    if media_type.endswith("spreadsheetml.sheet"):
        sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
        return [list(row) for row in sheet.iter_rows(values_only=True)]
    return json.loads(response.content)


@pytest.fixture
def provider(db):
    site = SiteSettings.load()
    site.ico = "12345679"
    site.email = "osv@example.cz"
    site.save()


def test_the_demo_content_passes_the_national_schemas(client, provider):
    call_command("load_demo", stdout=StringIO())
    data = harvest(client)
    archive = data["https://testserver/opendata/datove-sady/uredni-deska-archiv"]
    [notice] = archive["jsonld"]["informace"]
    assert notice["název"]["cs"].startswith("Vyhlášení dotačního programu 5.1")
    assert {document["název"]["cs"] for document in notice["dokument"]} == {
        "Podmínky programu 5.1 (ukázkový dokument)",
        "Formulář žádosti programu 5.1 (ukázkový dokument)",
    }
    for document in notice["dokument"]:
        assert client.get(urlsplit(document["url"]).path).status_code == 200
    programmes = data["https://testserver/opendata/datove-sady/dotacni-programy"]
    [programme] = [row for row in programmes["csv"] if row["kod"] == "5.1"]
    assert programme["vyveseno"] == "2019-12-17"
    news = data["https://testserver/opendata/datove-sady/aktuality"]["jsonld"]
    assert news and all(item["typ"] == "Aktualita" for item in news)

    page = client.get("/opendata/").content.decode()
    assert "Úřední deska odboru sociálních věcí" in page
    assert 'href="/opendata/katalog.jsonld"' in page
    assert 'href="/opendata/"' in client.get("/").content.decode()  # the footer


def test_a_bulk_set_passes_them_too_and_drafts_stay_out(client, provider):
    call_command(
        "generate_bulk", *[f"--{k}={v}" for k, v in SIZES.items()], stdout=StringIO()
    )
    make_notice(title="Koncept", status=Status.DRAFT)
    make_notice(title="Zítra", posted_on=timezone.localdate() + timedelta(days=1))
    data = harvest(client)
    listed = {
        item["iri"].rsplit("/", 2)[1]
        for slug in ("uredni-deska", "uredni-deska-archiv")
        for item in data[f"https://testserver/opendata/datove-sady/{slug}"]["jsonld"][
            "informace"
        ]
    }
    posted = set(Notice.objects.posted().values_list("slug", flat=True))
    assert listed == posted
    assert len(posted) >= 39 and len(posted) < Notice.objects.count()
    awards = data["https://testserver/opendata/datove-sady/prijemci-dotaci"]
    assert len(awards["csv"]) == len(awards["json"]) == len(awards["xlsx"]) - 1


@pytest.mark.usefixtures("no_page_cache")
def test_catalogue_and_records_cost_one_query_and_are_cached_with_cors(
    client, provider
):
    for path in ("/opendata/katalog.jsonld", "/opendata/datove-sady/uredni-deska"):
        with CaptureQueriesContext(connection) as queries:
            client.get(path, secure=True)
        # The site settings (with their office hours: two queries while
        # there are none, one once there are).
        assert len(queries) <= 2
    assert client.get("/opendata/datove-sady/nic", secure=True).status_code == 404


def test_cached_open_data_keeps_cors_and_follows_changes(client, provider):
    first = client.get("/opendata/katalog.jsonld", secure=True)
    with CaptureQueriesContext(connection) as queries:
        cached = client.get("/opendata/katalog.jsonld", secure=True)
    assert len(queries) <= 2 and cached.content == first.content
    assert cached["Access-Control-Allow-Origin"] == "*"
    site = SiteSettings.load()
    site.ico = "23456787"
    site.save()
    assert (
        "23456787"
        in client.get("/opendata/katalog.jsonld", secure=True).json()["poskytovatel"]
    )


def test_each_board_is_a_dataset_of_one_distribution_found_by_its_norm(
    client, provider
):
    """The national notice-board application looks for boards by the
    norm's unversioned address and reads a board's first distribution."""
    catalogue = get(client, "https://testserver/opendata/katalog.jsonld").json()
    records = [get(client, iri).json() for iri in catalogue["datová_sada"]]
    boards = {
        record["iri"].rsplit("/", 1)[1]: record
        for record in records
        if "https://ofn.gov.cz/úřední-desky/" in record.get("specifikace", [])
    }
    assert set(boards) == {"uredni-deska", "uredni-deska-archiv"}
    current, archive = (boards[slug]["distribuce"] for slug in boards)
    assert [d["soubor_ke_stažení"] for d in current] == [
        "https://testserver/uredni-deska/uredni-deska.jsonld"
    ]
    assert len(archive) == 1
    [news] = [r for r in records if r["iri"].endswith("/aktuality")]
    assert "https://ofn.gov.cz/aktuality/" in news["specifikace"]
    # DCAT-AP 3.0.0's recommended description and availability, everywhere.
    distributions = [d for record in records for d in record["distribuce"]]
    assert all(d["popis"]["cs"] for d in distributions)
    assert {d["dcatap:availability"]["@id"] for d in distributions} == {
        "http://publications.europa.eu/resource/authority/planned-availability/STABLE"
    }


def test_the_nkod_registration_names_the_catalogue(provider):
    out = StringIO()
    call_command("nkod_registration", "--url=https://osv.example.cz/", stdout=out)
    registration = json.loads(out.getvalue())
    assert registration["http://www.w3.org/ns/dcat#endpointURL"]["@value"] == (
        "https://osv.example.cz/opendata/katalog.jsonld"
    )
    assert "https://data.gov.cz/slovník/nkod/DcatApLkod" in registration["@type"]
    with pytest.raises(CommandError, match="https"):
        call_command("nkod_registration", "--url=http://127.0.0.1:8000")


@pytest.mark.usefixtures("no_page_cache")
def test_the_exports_cost_the_same_queries_however_many_items(client, provider):
    paths = (
        "/opendata/aktuality.jsonld",
        "/opendata/dokumenty.json",
        "/opendata/projekty.json",
    )

    def add(count):
        for _ in range(count):
            make_news_item()
            make_document_file(make_document())
            make_project()

    def costs():
        counts = []
        for path in paths:
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path, secure=True).status_code == 200
            counts.append(len(queries))
        return counts

    add(1)
    few = costs()
    add(4)
    assert costs() == few
    assert len(client.get(paths[1], secure=True).json()) == 5
