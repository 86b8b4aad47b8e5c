"""Award lists imported from the region's spreadsheet: parsed and checked
row by row, then saved all at once or not at all."""

import csv
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.db import transaction
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from grants.models import Award
from portal.czech import format_filesize
from portal.models import Organisation
from portal.uploads import unpacked_zip_size
from portal.validators import validate_ico, validate_upload_size

COLUMNS = {
    "příjemce": "recipient",
    "ičo": "ico",
    "obec": "municipality",
    "název projektu": "project_title",
    "požadováno": "requested",
    "přiděleno": "awarded",
    "číslo smlouvy": "contract_number",
    "registr smluv": "contract_register_url",
}
REQUIRED = ["příjemce", "název projektu", "přiděleno"]


class ImportError(Exception):  # noqa: A001 - the domain's own word
    """The file as a whole cannot be read."""


def parse_amount(text):
    """'50 000', '50 000,50', '50.000,- Kč' → Decimal; None when empty."""
    cleaned = re.sub(r"[\s\u00a0]|Kč", "", str(text or ""))
    cleaned = re.sub(r",-$", "", cleaned)
    if not cleaned:
        return None
    if "," in cleaned:
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif re.fullmatch(r"\d{1,3}(\.\d{3})+", cleaned):
        cleaned = cleaned.replace(".", "")
    try:
        amount = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if amount < 0 or not amount.is_finite():
        raise ValueError(text)
    return amount


# Far more than an award list of thousands of rows takes, CSV or unpacked
# XLSX; the rows are held in memory several times over while checked.
IMPORT_MAX_SIZE = 20 * 1024 * 1024


def read_rows(upload):
    """Header-keyed rows from a CSV (UTF-8, ; or ,) or XLSX file."""
    name = upload.name.lower()
    try:
        validate_upload_size(upload, limit=IMPORT_MAX_SIZE)
    except ValidationError as error:
        raise ImportError(error.messages[0]) from error
    if name.endswith(".xlsx"):
        unpacked = unpacked_zip_size(upload)
        if unpacked is not None and unpacked > IMPORT_MAX_SIZE:
            raise ImportError(
                _(
                    "Soubor XLSX má po rozbalení %(size)s, víc než %(limit)s. "
                    "Nahrajte jen list se seznamem dotací."
                )
                % {
                    "size": format_filesize(unpacked),
                    "limit": format_filesize(IMPORT_MAX_SIZE),
                }
            )
        try:
            if unpacked is None:  # not a zip, or not one readable in bounds
                raise zipfile.BadZipFile
            sheet = load_workbook(upload, read_only=True, data_only=True).active
            table = [
                ["" if cell is None else str(cell) for cell in row]
                for row in sheet.iter_rows(values_only=True)
            ]
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise ImportError(
                _("Soubor XLSX se nepodařilo přečíst: je poškozený nebo to není XLSX.")
            ) from error
    elif name.endswith(".csv"):
        raw = upload.read()
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise ImportError(
                _(
                    "Soubor není v kódování UTF-8. V Excelu ho uložte jako „CSV UTF-8 (s oddělovači)“."
                )
            ) from error
        delimiter = (
            ";"
            if text.split("\n", 1)[0].count(";") >= text.split("\n", 1)[0].count(",")
            else ","
        )
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    else:
        raise ImportError(_("Nahrajte soubor CSV nebo XLSX."))
    table = [row for row in table if any(cell.strip() for cell in row)]
    if not table:
        raise ImportError(_("Soubor je prázdný."))
    header = [cell.strip().lower() for cell in table[0]]
    missing = [column for column in REQUIRED if column not in header]
    if missing:
        raise ImportError(
            _("V záhlaví chybí sloupce: %(missing)s. Očekávané sloupce: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(COLUMNS)}
        )
    rows = []
    for cells in table[1:]:
        row = {
            COLUMNS[key]: (cells[index].strip() if index < len(cells) else "")
            for index, key in enumerate(header)
            if key in COLUMNS
        }
        rows.append(row)
    return rows


def check_rows(*, programme, rows):
    """(clean rows, errors); errors name the row (as in the spreadsheet,
    header = row 1) and the field."""
    clean, errors = [], []
    total = Decimal(0)
    for number, row in enumerate(rows, start=2):
        problems = []
        item = {"project_title": row.get("project_title", "")}
        for field, label in (
            ("requested", _("Požadováno")),
            ("awarded", _("Přiděleno")),
        ):
            try:
                item[field] = parse_amount(row.get(field))
            except ValueError:
                problems.append(
                    _("%(field)s: „%(value)s“ není kladná částka")
                    % {"field": label, "value": row.get(field)}
                )
        if not item["project_title"]:
            problems.append(_("Název projektu: chybí"))
        if item.get("awarded") is None and not any(
            _("Přiděleno") in str(p) for p in problems
        ):
            problems.append(_("Přiděleno: chybí"))
        ico = re.sub(r"\s", "", row.get("ico", ""))
        if ico:
            try:
                validate_ico(ico)
            except ValidationError as error:
                problems.append(_("IČO: %(message)s") % {"message": error.messages[0]})
        elif not row.get("municipality"):
            problems.append(_("Obec: u fyzické osoby (bez IČO) je povinná"))
        if not row.get("recipient"):
            problems.append(_("Příjemce: chybí"))
        if row.get("contract_register_url"):
            try:
                URLValidator(schemes=["https"])(row["contract_register_url"])
            except ValidationError:
                problems.append(_("Registr smluv: není platný odkaz https://"))
        if (
            item.get("awarded")
            and item.get("requested")
            and item["awarded"] > item["requested"]
        ):
            problems.append(_("Přiděleno: víc než požadováno"))
        if (
            item.get("awarded")
            and programme.max_subsidy
            and item["awarded"] > programme.max_subsidy
        ):
            problems.append(_("Přiděleno: překračuje nejvyšší dotaci programu"))
        if problems:
            errors.append(
                _("Řádek %(row)s: %(problems)s.")
                % {"row": number, "problems": "; ".join(map(str, problems))}
            )
            continue
        total += item["awarded"]
        item.update(
            recipient=row["recipient"],
            ico=ico,
            municipality=row.get("municipality", ""),
            contract_number=row.get("contract_number", ""),
            contract_register_url=row.get("contract_register_url", ""),
        )
        clean.append(item)
    allocation = programme.current_allocation()
    already = sum((award.awarded for award in programme.awards.all()), Decimal(0))
    if not errors and allocation is not None and already + total > allocation:
        errors.append(
            _(
                "Součet dotací (%(total)s Kč) by překročil alokaci programu (%(allocation)s Kč)."
            )
            % {"total": already + total, "allocation": allocation}
        )
    return clean, errors


@transaction.atomic
def import_awards(*, programme, rows, resolution=None):
    """Save checked rows; any error leaves the database untouched."""
    clean, errors = check_rows(programme=programme, rows=rows)
    if errors:
        raise ValidationError(errors)
    created = []
    for item in clean:
        organisation = None
        if item["ico"]:
            organisation = Organisation.objects.filter(ico=item["ico"]).first()
            if organisation is None:
                organisation = Organisation.objects.create(
                    name=item["recipient"],
                    ico=item["ico"],
                    municipality=item["municipality"],
                )
        created.append(
            Award.objects.create(
                programme=programme,
                organisation=organisation,
                person_name="" if organisation else item["recipient"],
                person_municipality="" if organisation else item["municipality"],
                project_title=item["project_title"],
                requested=item["requested"],
                awarded=item["awarded"],
                resolution=resolution or programme.decision_resolution,
                contract_number=item["contract_number"],
                contract_register_url=item["contract_register_url"],
            )
        )
    return created
