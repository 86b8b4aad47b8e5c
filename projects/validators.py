"""Registration numbers of EU-funded projects, by programme period."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PATTERNS = {
    "2007–2013": re.compile(r"^CZ\.1\.\d{2}/\d\.\d\.\d{2}/[A-Z0-9]{2}\.\d{5}$"),
    "2014–2020": re.compile(
        r"^CZ\.\d{2}\.\d{1,2}\.\d{2,3}/\d\.\d/\d\.\d/\d{2}_\d{3}/\d{7}$"
    ),
    "2021–2027": re.compile(r"^CZ\.\d{2}\.\d{2}\.\d{2}/\d{2}/\d{2}_\d{3}/\d{7}$"),
}
EXAMPLES = (
    "CZ.1.04/3.2.00/B4.00007 (2007–2013), CZ.03.2.63/0.0/0.0/15_007/0013535 "
    "(2014–2020), CZ.03.02.01/00/22_003/0001885 (2021–2027)"
)


def normalise_registration_number(value):
    """ "CZ 03.2.60 / 0.0/…" → "CZ.03.2.60/0.0/…": real sites print stray
    spaces, in place of the first dot too."""
    value = (value or "").strip().upper()
    value = re.sub(r"^CZ\s+", "CZ.", value)
    return re.sub(r"\s+", "", value)


def registration_period(value):
    """The programme period whose format the number has, or None."""
    for period, pattern in PATTERNS.items():
        if pattern.match(value):
            return period
    return None


def validate_registration_number(value):
    if registration_period(normalise_registration_number(value)) is None:
        raise ValidationError(
            _(
                "Registrační číslo „%(value)s“ nemá platný tvar. Očekávaný tvar "
                "podle období: %(examples)s."
            ),
            code="invalid_registration_number",
            params={"value": value, "examples": EXAMPLES},
        )
