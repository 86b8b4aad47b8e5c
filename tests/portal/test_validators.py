import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from portal.models import Organisation, Resolution
from portal.validators import ico_checksum_ok, validate_ico
from tests.factories import make_resolution


@pytest.mark.parametrize("ico", ["70890749", "00064581", "25596641"])
def test_valid_ico_passes(ico):
    assert ico_checksum_ok(ico)
    validate_ico(ico)


@pytest.mark.parametrize(
    ("ico", "message"),
    [
        ("70890748", "nemá platný kontrolní součet"),
        ("7089074", "přesně 8 číslic"),
        ("7089074a", "přesně 8 číslic"),
        ("", "přesně 8 číslic"),
    ],
)
def test_invalid_ico_gets_a_czech_message(ico, message):
    with pytest.raises(ValidationError) as error:
        validate_ico(ico)
    assert message in str(error.value)


def test_admin_refuses_an_invalid_ico_and_saves_nothing(admin_client):
    response = admin_client.post(
        reverse("admin:portal_organisation_add"),
        {"name": "Spolek Romano", "kind": "ngo", "ico": "12345678"},
    )
    assert response.status_code == 200
    assert "nemá platný kontrolní součet" in response.content.decode()
    # What the editor typed is still in the form.
    assert "Spolek Romano" in response.content.decode()
    assert not Organisation.objects.exists()


def test_resolution_is_shown_in_its_canonical_form(db):
    from datetime import date

    resolution = make_resolution(
        number=1384, year=2013, body=Resolution.Body.COUNCIL, date=date(2013, 9, 17)
    )
    assert str(resolution) == "Usnesení č. 1384/13/RK ze dne 17.\u00a09.\u00a02013"


def test_resolution_date_must_fall_in_its_year(db):
    from datetime import date

    resolution = Resolution(
        number=566, year=2019, body=Resolution.Body.ASSEMBLY, date=date(2020, 1, 3)
    )
    with pytest.raises(ValidationError) as error:
        resolution.full_clean()
    assert "musí spadat do roku 2019" in str(error.value)
