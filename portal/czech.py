"""Czech formatting, plural forms, sorting and slugs.

Numbers and dates are written by Czech typographic rules: no leading zeros in
dates ("17. 9. 2013"), a non-breaking space between thousands and before the
currency ("500 000 Kč"), a decimal comma ("1,2 MB").
"""

import unicodedata
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone
from django.utils.text import slugify as django_slugify

NBSP = "\u00a0"


def _local(value):
    if isinstance(value, datetime) and timezone.is_aware(value):
        return timezone.localtime(value)
    return value


def format_date(value):
    """17. 9. 2013 (a datetime is first converted to Prague time)."""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day}.{NBSP}{value.month}.{NBSP}{value.year}"


def format_datetime(value):
    """25. 4. 2017 9:15"""
    if not value:
        return ""
    value = _local(value)
    if not isinstance(value, datetime):
        return format_date(value)
    return f"{format_date(value)} {value.hour}:{value.minute:02d}"


def format_number(value, decimals=0):
    """500 000 or 1 234,50, grouped with non-breaking spaces."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    text = f"{abs(number):,.{decimals}f}"
    whole, _, fraction = text.partition(".")
    whole = whole.replace(",", NBSP)
    return sign + whole + ("," + fraction if fraction else "")


def format_money(value):
    """500 000 Kč; halíře only when the amount has them (1 234,50 Kč)."""
    if value is None or value == "":
        return ""
    number = Decimal(str(value))
    decimals = 0 if number == number.to_integral_value() else 2
    return f"{format_number(number, decimals)}{NBSP}Kč"


def format_filesize(size):
    """1,2 MB, 350 kB, 12 B."""
    if size is None:
        return ""
    size = int(size)
    for unit, factor in (("GB", 1024**3), ("MB", 1024**2), ("kB", 1024)):
        if size >= factor:
            amount = Decimal(size) / factor
            decimals = 1 if amount < 10 else 0
            return f"{format_number(round(amount, decimals), decimals)}{NBSP}{unit}"
    return f"{size}{NBSP}B"


def plural(count, one, few, many):
    """Czech plural: 1 den, 2–4 dny, 0 and 5+ dní (and fractions take "many")."""
    count = abs(int(count))
    if count == 1:
        return one
    if 2 <= count <= 4:
        return few
    return many


def slugify(value):
    """Transliterated slug: "Romové" → "romove"."""
    return django_slugify(unicodedata.normalize("NFKD", str(value)))


# Czech alphabetical order: letters with a háček and "ch" are letters of their
# own (c < č, h < ch < i, r < ř, s < š, z < ž), while the acute accent and
# the ring only break ties.
_ALPHABET = [
    "a", "b", "c", "č", "d", "e", "f", "g", "h", "ch", "i", "j", "k", "l",
    "m", "n", "o", "p", "q", "r", "ř", "s", "š", "t", "u", "v", "w", "x",
    "y", "z", "ž",
]  # fmt: skip
_RANK = {letter: index for index, letter in enumerate(_ALPHABET)}
_PRIMARY_FOLD = str.maketrans("áďéěíňóťúůý", "adeeinotuuy")


# The letter "ch" stands in as one character (from Unicode's private use
# area), so that both keys below are plain translations, done in C.
_CH = "\ue000"


def _rank_char(char):
    """The character whose code orders like the letter's Czech rank: digits
    first, then the alphabet, then everything else by code point."""
    if char == _CH:
        return chr(0x20 + _RANK["ch"])
    folded = char.translate(_PRIMARY_FOLD)
    if folded in _RANK:
        return chr(0x20 + _RANK[folded])
    if char in "0123456789":
        return chr(0x10 + int(char))
    return chr(min(0x100 + ord(char), 0x10FFFF))


class _KeyTable(dict):
    """Each character's key, worked out the first time it is seen."""

    def __init__(self, function):
        super().__init__()
        self.function = function

    def __missing__(self, code):
        value = self[code] = self.function(chr(code))
        return value


_PRIMARY = _KeyTable(_rank_char)
# Accents that only break ties: "a" before "á".
_SECONDARY = _KeyTable(
    lambda char: "0" if char.translate(_PRIMARY_FOLD) == char else "1"
)


def sort_key(value):
    """A key that sorts strings by Czech rules ("Chrudim" after "Hradec")."""
    text = str(value or "").lower()
    letters = text.replace("ch", _CH)
    return (letters.translate(_PRIMARY), letters.translate(_SECONDARY), text)


def today():
    return timezone.localdate()


def as_date(value):
    if isinstance(value, datetime):
        return _local(value).date()
    if isinstance(value, date):
        return value
    raise TypeError(value)
