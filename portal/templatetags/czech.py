"""Formatting in templates: {{ value|cz_date }}, {{ amount|cz_money }}.

Czech pages follow Czech typographic rules (portal.czech); pages in another
language use that language's formats from Django (dates, grouping, decimal
mark), so that an English reader sees "Sept. 17, 2013" and "CZK 500,000".
"""

from datetime import datetime
from decimal import Decimal

from django import template
from django.conf import settings
from django.utils import formats, timezone, translation

from portal import czech

register = template.Library()


def _czech():
    return (translation.get_language() or settings.LANGUAGE_CODE) == "cs"


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


@register.filter
def cz_date(value):
    if _czech() or not value:
        return czech.format_date(value)
    return formats.date_format(_local(value), "DATE_FORMAT")


@register.filter
def cz_datetime(value):
    if _czech() or not value:
        return czech.format_datetime(value)
    if not isinstance(value, datetime):
        return cz_date(value)
    return formats.date_format(_local(value), "DATETIME_FORMAT")


def _number(value, decimals=0):
    return formats.number_format(
        Decimal(str(value)), decimals, use_l10n=True, force_grouping=True
    )


@register.filter
def cz_number(value):
    if _czech() or value is None or value == "":
        return czech.format_number(value)
    return _number(value)


@register.filter
def cz_money(value):
    if _czech() or value is None or value == "":
        return czech.format_money(value)
    number = Decimal(str(value))
    decimals = 0 if number == number.to_integral_value() else 2
    # The ISO code reads in every language; "Kč" only in Czech.
    if translation.get_language() == "en":
        return f"CZK{czech.NBSP}{_number(number, decimals)}"
    return f"{_number(number, decimals)}{czech.NBSP}CZK"


@register.filter
def cz_filesize(value):
    text = czech.format_filesize(value)
    if _czech():
        return text
    # Only the decimal mark differs.
    return text.replace(",", formats.get_format("DECIMAL_SEPARATOR"))


@register.filter
def cz_plural(count, forms):
    """{{ days|cz_plural:"den,dny,dní" }} → "dny" for 3."""
    one, few, many = forms.split(",")
    return czech.plural(count, one, few, many)
