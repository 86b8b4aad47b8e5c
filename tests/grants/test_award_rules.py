"""An award's rules live in the model: the admin's award rows, the
spreadsheet import and full_clean() refuse the same award with the same
Czech message."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from pytest_django.asserts import assertContains

from grants import services
from grants.models import Award
from tests.factories import admin_form_data, make_award, make_programme

NBSP = "\u00a0"

# (award fields, the same award as a spreadsheet row, the message)
INVALID = {
    "above the programme's maximum": (
        {"requested": "60000", "awarded": "55000"},
        {"requested": "60 000", "awarded": "55 000"},
        f"Dotace 55{NBSP}000{NBSP}Kč překračuje nejvyšší dotaci programu "
        f"50{NBSP}000{NBSP}Kč.",
    ),
    "above what was requested": (
        {"requested": "1000", "awarded": "2000"},
        {"requested": "1000", "awarded": "2000"},
        "Přiděleno nemůže být víc, než kolik žadatel požadoval.",
    ),
    "a person without a municipality": (
        {"organisation": None, "person_name": "Jan Novák", "awarded": "1000"},
        {"ico": "", "recipient": "Jan Novák", "awarded": "1000"},
        "U fyzické osoby vyplňte obec.",
    ),
}


@pytest.fixture
def programme(db):
    programme = make_programme(
        max_subsidy=Decimal("50000"),
        allocation=Decimal("100000"),
        conditions="<p>Podmínky</p>",
    )
    make_award(programme, project_title="Dřívější projekt", awarded=40000)
    return programme


def award_fields(programme, overrides):
    return {
        "organisation": programme.awards.get().organisation,
        "project_title": "Nový projekt",
        **overrides,
    }


def post_award_row(admin_client, programme, fields):
    """Add one award row to the programme's admin form and save."""
    url = reverse("admin:grants_programme_change", args=[programme.pk])
    data = admin_form_data(admin_client.get(url))
    row = int(data["awards-TOTAL_FORMS"])
    data["awards-TOTAL_FORMS"] = str(row + 1)
    for name, value in fields.items():
        value = getattr(value, "pk", value)
        data[f"awards-{row}-{name}"] = "" if value is None else str(value)
    return admin_client.post(url, data)


def import_row(programme, cells):
    row = {
        "recipient": programme.awards.get().organisation.name,
        "ico": "",
        "municipality": "",
        "project_title": "Nový projekt",
        "requested": "",
        "awarded": "",
        "contract_number": "",
        "contract_register_url": "",
        **cells,
    }
    if "ico" not in cells:
        row["recipient"], row["ico"] = "Spolek Romano", "00064581"
    with pytest.raises(ValidationError) as error:
        services.import_awards(programme=programme, rows=[row])
    return error.value.messages


@pytest.mark.parametrize("case", INVALID)
def test_an_invalid_award_gets_the_same_message_everywhere(
    admin_client, programme, case
):
    fields, cells, message = INVALID[case]

    award = Award(programme=programme, **award_fields(programme, fields))
    with pytest.raises(ValidationError) as error:
        award.full_clean()
    assert message in error.value.messages

    response = post_award_row(admin_client, programme, award_fields(programme, fields))
    assertContains(response, message)

    assert any(message in text for text in import_row(programme, cells))
    assert programme.awards.count() == 1


def test_awards_above_the_allocation_get_the_same_message_in_admin_and_import(
    admin_client, programme
):
    programme.max_subsidy = None
    programme.save()
    message = (
        f"Součet přidělených dotací 110{NBSP}000{NBSP}Kč by překročil alokaci "
        f"programu 100{NBSP}000{NBSP}Kč."
    )
    with pytest.raises(ValidationError) as error:
        programme.check_awards_total([Decimal("40000"), Decimal("70000")])
    assert error.value.messages == [message]

    response = post_award_row(
        admin_client,
        programme,
        award_fields(programme, {"requested": "", "awarded": "70000"}),
    )
    assertContains(response, message)
    assert import_row(programme, {"awarded": "70 000"}) == [message]
    assert programme.awards.count() == 1
