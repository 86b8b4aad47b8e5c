"""Test data as plain functions: make_<thing>(**overrides), defaults via
setdefault. Each app adds its factories in its own section below."""

from datetime import date, timedelta
from itertools import count

from django.utils import timezone

from portal.models import Organisation, Page, Person, Resolution, Status, Topic

_sequence = count(1)


def unique(prefix):
    return f"{prefix} {next(_sequence)}"


# --- portal ----------------------------------------------------------------


def make_topic(**fields):
    fields.setdefault("name", unique("Téma"))
    return Topic.objects.create(**fields)


def make_person(**fields):
    fields.setdefault("name", unique("Mgr. Jana Nováková"))
    return Person.objects.create(**fields)


def make_organisation(**fields):
    fields.setdefault("name", unique("Spolek"))
    return Organisation.objects.create(**fields)


def make_resolution(**fields):
    fields.setdefault("number", next(_sequence))
    fields.setdefault("year", 2020)
    fields.setdefault("body", Resolution.Body.COUNCIL)
    fields.setdefault("date", date(fields["year"], 5, 19))
    return Resolution.objects.create(**fields)


def make_page(**fields):
    fields.setdefault("title", unique("Stránka"))
    fields.setdefault("status", Status.PUBLISHED)
    fields.setdefault("publish_at", timezone.now() - timedelta(days=1))
    return Page.objects.create(**fields)
