"""Cells of the spreadsheets the portal writes (CSV, XLSX).

Excel, LibreOffice and Google Sheets run a text cell that starts with ``=``,
``+``, ``-`` or ``@`` as a formula (tab and CR too, after they are trimmed),
so a recipient named ``=HYPERLINK(…)`` in an open-data file would run on a
journalist's computer. OWASP's remedy: a leading apostrophe, which makes the
cell plain text."""

from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value):
    """The value to write into a spreadsheet cell: text that a spreadsheet
    would read as a formula gets a leading apostrophe; numbers (a negative
    amount too) and empty cells stay as they are."""
    if value is None or isinstance(value, (int, float, Decimal)):
        return value
    text = str(value)
    if text.startswith(FORMULA_STARTS):
        return "'" + text
    return text
