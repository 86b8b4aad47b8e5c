from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from portal import czech

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (date(2013, 9, 17), f"17.{NBSP}9.{NBSP}2013"),
        (date(2009, 7, 1), f"1.{NBSP}7.{NBSP}2009"),
        (None, ""),
    ],
)
def test_dates_have_no_leading_zeros(value, expected):
    assert czech.format_date(value) == expected


def test_aware_datetimes_are_shown_in_prague_time():
    utc = datetime(2017, 4, 25, 7, 15, tzinfo=ZoneInfo("UTC"))
    assert czech.format_datetime(utc) == f"25.{NBSP}4.{NBSP}2017 9:15"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (500000, f"500{NBSP}000{NBSP}Kč"),
        (Decimal("1234.50"), f"1{NBSP}234,50{NBSP}Kč"),
        (0, f"0{NBSP}Kč"),
        (12345678, f"12{NBSP}345{NBSP}678{NBSP}Kč"),
        (-50000, f"-50{NBSP}000{NBSP}Kč"),
    ],
)
def test_money_is_grouped_with_non_breaking_spaces(value, expected):
    assert czech.format_money(value) == expected


@pytest.mark.parametrize(
    ("size", "expected"),
    [(12, f"12{NBSP}B"), (1258291, f"1,2{NBSP}MB"), (358400, f"350{NBSP}kB")],
)
def test_file_sizes_use_a_decimal_comma(size, expected):
    assert czech.format_filesize(size) == expected


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "den"), (2, "dny"), (4, "dny"), (5, "dní"), (0, "dní"), (22, "dní")],
)
def test_plural_forms(count, expected):
    assert czech.plural(count, "den", "dny", "dní") == expected


def test_sorting_puts_ch_after_h_and_hacek_letters_after_their_base():
    names = [
        "Chrudim",
        "Cheb",
        "Hradec",
        "Čáslav",
        "Cvikov",
        "Řevnice",
        "Rumburk",
        "Ústí",
        "Zlín",
        "Žatec",
        "Šumperk",
        "Sokolov",
    ]
    assert sorted(names, key=czech.sort_key) == [
        "Cvikov", "Čáslav", "Hradec", "Cheb", "Chrudim", "Rumburk", "Řevnice",
        "Sokolov", "Šumperk", "Ústí", "Zlín", "Žatec",
    ]  # fmt: skip


def test_slugs_are_transliterated():
    assert czech.slugify("Romové") == "romove"
    assert czech.slugify("Sociálně vyloučené lokality") == "socialne-vyloucene-lokality"


def test_template_filters_render_czech_formats():
    from django.template import Context, Template

    template = Template(
        "{% load czech %}{{ d|cz_date }} {{ m|cz_money }} {{ n }} {{ n|cz_plural:'den,dny,dní' }}"
    )
    rendered = template.render(Context({"d": date(2020, 5, 26), "m": 158000, "n": 3}))
    assert rendered == f"26.{NBSP}5.{NBSP}2020 158{NBSP}000{NBSP}Kč 3 dny"
