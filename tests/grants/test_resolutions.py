from datetime import date

import pytest
from django.core.exceptions import ValidationError

from portal.models import Resolution


def test_reference_becomes_the_canonical_resolution(db):
    """ "158/20/ZK" of 26. 5. 2020 reads as the seed writes it, and is
    stored once however often it is referenced."""
    first = Resolution.from_reference("158/20/ZK", date(2020, 5, 26))
    again = Resolution.from_reference(" 158/20/zk ", date(2020, 5, 26))
    assert first == again
    assert str(first) == "Usnesení č. 158/20/ZK ze dne 26.\xa05.\xa02020"
    assert first.body == Resolution.Body.ASSEMBLY


def test_other_bodies_keep_their_abbreviation(db):
    """A resolution of another body keeps its own abbreviation."""
    other = Resolution.parse_reference("12/21/VL", date(2021, 3, 1))
    assert (other.body, other.body_abbr, other.reference) == (
        Resolution.Body.OTHER,
        "VL",
        "12/21/VL",
    )


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("158-20-ZK", "není číslo usnesení ve tvaru 158/20/ZK"),
        ("abc/20/ZK", "není číslo usnesení ve tvaru 158/20/ZK"),
        ("158/2020/ZK", "není číslo usnesení ve tvaru 158/20/ZK"),
        ("158/19/ZK", "nemohlo být přijato 26.\xa05.\xa02020"),
    ],
)
def test_malformed_references_are_refused_in_czech(reference, message):
    """A reference of the wrong shape or year gets a Czech message."""
    with pytest.raises(ValidationError) as error:
        Resolution.parse_reference(reference, date(2020, 5, 26))
    assert message in error.value.messages[0]
