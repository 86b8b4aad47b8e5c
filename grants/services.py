"""Award lists imported from the region's spreadsheet: parsed and checked
row by row, then saved all at once or not at all."""

import csv
import io
import re
import zipfile
from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import load_workbook

from grants.models import Award
from portal import search
from portal.czech import format_filesize
from portal.models import Organisation
from portal.uploads import unpacked_zip_size
from portal.validators import validate_upload_size

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
# The spreadsheet column where an editor fixes each field of an Award (or
# of a new recipient's Organisation), in the spreadsheet's order.
ERROR_COLUMNS = [
    (gettext_lazy("Příjemce"), {"organisation", "person_name", "name"}),
    (gettext_lazy("IČO"), {"ico"}),
    (gettext_lazy("Obec"), {"person_municipality", "municipality"}),
    (gettext_lazy("Název projektu"), {"project_title"}),
    (gettext_lazy("Požadováno"), {"requested"}),
    (gettext_lazy("Přiděleno"), {"awarded"}),
    (gettext_lazy("Číslo smlouvy"), {"contract_number"}),
    (gettext_lazy("Registr smluv"), {"contract_register_url"}),
]
MISSING_CODES = {"required", "blank", "null"}


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


def build_awards(*, programme, rows, resolution=None):
    """Award objects for the rows, not saved, each checked by the model's
    own ``full_clean()`` (a new recipient's organisation by its own) and
    all of them by ``Programme.check_awards_total()``.

    Returns (awards, errors); each error names the row as in the
    spreadsheet (header = row 1) and the columns to fix, in column order.
    """
    icos = {row_ico(row) for row in rows} - {""}
    organisations = {
        organisation.ico: organisation
        for organisation in Organisation.objects.filter(ico__in=icos)
    }
    awards, errors = [], []
    for number, row in enumerate(rows, start=2):
        award, problems = build_award(
            programme=programme,
            row=row,
            organisations=organisations,
            resolution=resolution or programme.decision_resolution,
        )
        if problems:
            errors.append(
                _("Řádek %(row)s: %(problems)s.")
                % {"row": number, "problems": "; ".join(problems)}
            )
        awards.append(award)
    if not errors:
        try:
            programme.check_awards_total(
                [award.awarded for award in programme.awards.all()]
                + [award.awarded for award in awards]
            )
        except ValidationError as error:
            errors.extend(error.messages)
    return awards, errors


def row_ico(row):
    return re.sub(r"\s", "", row.get("ico", ""))


def build_award(*, programme, row, organisations, resolution):
    """One row's Award and its problems as "Column: message" texts.

    A recipient with an IČO is the organisation with that IČO, or a new
    one (shared by later rows with the same IČO) created on import.
    """
    problems = []  # (field, message)
    amounts, unreadable = {}, []
    for field in ("requested", "awarded"):
        try:
            amounts[field] = parse_amount(row.get(field))
        except ValueError:
            amounts[field] = None
            unreadable.append(field)
            problems.append(
                (field, _("„%(value)s“ není kladná částka") % {"value": row[field]})
            )
    number = row_ico(row)
    organisation = None
    if number:
        organisation = organisations.get(number)
        if organisation is None:
            organisation = Organisation(
                name=row.get("recipient", ""),
                ico=number,
                municipality=row.get("municipality", ""),
            )
            try:
                organisation.full_clean()
            except ValidationError as error:
                problems.extend(field_errors(error))
            else:
                organisations[number] = organisation
    award = Award(
        programme=programme,
        organisation=organisation,
        person_name="" if organisation else row.get("recipient", ""),
        person_municipality="" if organisation else row.get("municipality", ""),
        project_title=row.get("project_title", ""),
        requested=amounts["requested"],
        awarded=amounts["awarded"],
        resolution=resolution,
        contract_number=row.get("contract_number", ""),
        contract_register_url=row.get("contract_register_url", ""),
    )
    try:
        # The programme and the resolution are the objects we were given:
        # looking them up again would cost two queries a row. An amount
        # that could not be read has its own message already.
        award.full_clean(exclude=["programme", "resolution", *unreadable])
    except ValidationError as error:
        problems.extend(field_errors(error))
    problems.sort(key=lambda problem: column_order(problem[0]))
    return award, [
        _("%(column)s: %(message)s") % {"column": column, "message": message}
        if (column := column_label(field))
        else message
        for field, message in problems
    ]


def field_errors(error):
    """(field, message) pairs of a ``full_clean()`` error; a missing value
    is just "chybí", as the editor fixes it in the spreadsheet."""
    return [
        (
            field,
            _("chybí")
            if item.code in MISSING_CODES
            else item.messages[0].removesuffix("."),
        )
        for field, items in error.error_dict.items()
        for item in items
    ]


def column_label(field):
    for label, fields in ERROR_COLUMNS:
        if field in fields:
            return label
    return None


def column_order(field):
    for index, (_label, fields) in enumerate(ERROR_COLUMNS):
        if field in fields:
            return index
    return len(ERROR_COLUMNS)


def _duplicate_key(recipient, ico, project_title):
    """The same recipient (by IČO, else by name) and the same project."""
    who = ico or " ".join(recipient.split()).casefold()
    return who, " ".join(project_title.split()).casefold()


def duplicate_keys(awards, programme):
    """For each award, whether the programme already has it or an earlier
    row of the same file repeats it (importing a file twice, or a row
    pasted twice)."""
    seen = {
        _duplicate_key(
            award.organisation.name if award.organisation else award.person_name,
            award.organisation.ico if award.organisation else "",
            award.project_title,
        )
        for award in programme.awards.select_related("organisation")
    }
    flags = []
    for award in awards:
        organisation = award.organisation
        key = _duplicate_key(
            organisation.name if organisation else award.person_name,
            organisation.ico if organisation else "",
            award.project_title,
        )
        flags.append(key in seen)
        seen.add(key)
    return flags


def check_rows(*, programme, rows):
    """The admin's preview: (rows as they will be imported, errors). A new
    recipient's organisation is not saved yet, so it is read directly.
    Rows the programme already has are flagged ``duplicate``."""
    awards, errors = build_awards(programme=programme, rows=rows)
    preview = []
    for award, duplicate in zip(awards, duplicate_keys(awards, programme), strict=True):
        organisation = award.organisation
        preview.append(
            {
                "recipient": organisation.name if organisation else award.person_name,
                "ico": organisation.ico if organisation else "",
                "municipality": award.person_municipality,
                "project_title": award.project_title,
                "requested": award.requested,
                "awarded": award.awarded,
                "duplicate": duplicate,
            }
        )
    return preview, errors


@transaction.atomic
def import_awards(*, programme, rows, resolution=None, duplicates_confirmed=True):
    """Save the rows' awards (and new recipients' organisations); any
    error, or a duplicate not confirmed, leaves the database untouched."""
    awards, errors = build_awards(programme=programme, rows=rows, resolution=resolution)
    if errors:
        raise ValidationError(errors)
    if not duplicates_confirmed and any(duplicate_keys(awards, programme)):
        raise ValidationError(
            _(
                "Některé řádky program už obsahuje (stejný příjemce a projekt). "
                "Importujte je jen tehdy, pokud jde opravdu o další dotaci, "
                "a potvrďte to zaškrtnutím."
            )
        )
    # One search re-index of the programme for the whole import.
    with search.batch():
        for award in awards:
            if award.organisation is not None and award.organisation.pk is None:
                award.organisation.save()
            award.save()
    return awards
