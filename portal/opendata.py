"""What every open-data response of the portal shares: CORS, JSON-LD, and
the page cache's rules.

Harvesters and web applications of other authorities read the portal's
data from their own origins, so every open-data URL answers with
``Access-Control-Allow-Origin: *`` (the failure the Digital and Information
Agency reports most often for notice boards). The header is part of the
response the page cache stores, so a cached copy carries it too. The data
is public and read without cookies, so the wildcard exposes nothing a
browser would not fetch anyway.
"""

import json
from functools import wraps

from django.http import HttpResponse
from django.views.decorators.http import require_safe

JSONLD = "application/ld+json"


def open_data(view):
    """Mark a function view as an open-data URL: GET/HEAD only, CORS for
    everyone, and one cached copy whatever the query string says."""

    @require_safe
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        # A harvester reads the file names and dates from these.
        response["Access-Control-Expose-Headers"] = (
            "Content-Disposition, ETag, Last-Modified"
        )
        return response

    wrapper.query_params = frozenset()
    return wrapper


def json_response(data, content_type="application/json"):
    """UTF-8 JSON that people can read too (Czech letters as they are)."""
    body = json.dumps(data, ensure_ascii=False, indent=1, default=str)
    return HttpResponse(body, content_type=f"{content_type}; charset=utf-8")


def jsonld_response(data):
    return json_response(data, JSONLD)


def text(value):
    """An OFN "Text": a Czech string as {"cs": …}."""
    return {"cs": str(value)}


def moment(day):
    """An OFN "Časový okamžik" of a date; an unknown one says so."""
    if day is None:
        return {"typ": "Časový okamžik", "nespecifikovaný": True}
    return {"typ": "Časový okamžik", "datum": day.isoformat()}


def provider():
    """The authority as an OFN "Osoba" by its IČO from the site settings,
    or None while the settings have none."""
    from portal.models import SiteSettings

    ico = SiteSettings.load().ico
    return {"typ": "Osoba", "ičo": ico} if ico else None


# --- tables: one list of rows as CSV, CSVW, JSON and XLSX ---------------------

CSV = "text/csv"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSVW = "application/csvm+json"


class Column:
    """One column of an open-data table: its machine name (the CSV header
    and the JSON key), its Czech title and its CSVW datatype."""

    def __init__(self, name, title, datatype="string"):
        self.name, self.title, self.datatype = name, title, datatype


def csv_value(value):
    """A cell by the Czech open-data conventions: numbers with a dot and no
    thousands separator, dates in ISO 8601, nothing for an empty value."""
    if value is None:
        return ""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def _safe(value, spreadsheet_safe):
    """Only text can be read as a formula; dates and numbers stay typed."""
    return spreadsheet_safe(value) if isinstance(value, str) else value


def csv_response(columns, rows, filename):
    """RFC 4180: comma, CRLF, UTF-8 without a BOM, a header row. Text that
    a spreadsheet would run as a formula is neutralised as in the Excel
    file (portal.exports)."""
    import csv

    from portal.exports import spreadsheet_safe

    response = HttpResponse(content_type=f"{CSV}; charset=utf-8; header=present")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    writer = csv.writer(response)  # the default dialect is RFC 4180's
    writer.writerow([column.name for column in columns])
    for row in rows:
        writer.writerow(
            [csv_value(_safe(row[column.name], spreadsheet_safe)) for column in columns]
        )
    return response


def csvw_metadata(columns, csv_url, title, description):
    """W3C CSV on the Web metadata describing the CSV's columns."""
    return {
        "@context": ["http://www.w3.org/ns/csvw", {"@language": "cs"}],
        "url": csv_url,
        "dc:title": str(title),
        "dc:description": str(description),
        "dialect": {"header": True, "delimiter": ",", "encoding": "utf-8"},
        "tableSchema": {
            "columns": [
                {
                    "name": column.name,
                    # The header cell first: a CSVW processor checks the
                    # header against the titles (CSVW §5.4.3); the Czech
                    # title is for people.
                    "titles": [column.name, str(column.title)],
                    "datatype": column.datatype,
                }
                for column in columns
            ]
        },
    }


def json_value(value):
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if hasattr(value, "as_integer_ratio"):  # Decimal, float: a JSON number
        return int(value) if value == int(value) else float(value)
    return str(value)


def json_table(columns, rows):
    return [
        {column.name: json_value(row[column.name]) for column in columns}
        for row in rows
    ]


def xlsx_response(columns, rows, filename, sheet):
    """A workbook for people: Czech titles in the first row, numbers as
    numbers, IČO and other codes as text (their leading zeros kept)."""
    from io import BytesIO

    from openpyxl import Workbook

    from portal.exports import spreadsheet_safe

    workbook = Workbook(write_only=True)
    worksheet = workbook.create_sheet(str(sheet)[:31])
    worksheet.append([str(column.title) for column in columns])
    for row in rows:
        worksheet.append(
            [_safe(row[column.name], spreadsheet_safe) for column in columns]
        )
    buffer = BytesIO()
    workbook.save(buffer)
    response = HttpResponse(buffer.getvalue(), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
