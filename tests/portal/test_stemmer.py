import pytest

from portal.stemmer import stem


@pytest.mark.parametrize(
    "forms, expected",
    [
        (["romové", "romů", "romech", "romy", "romům"], "rom"),
        (["strategie", "strategií", "strategiemi", "strategii"], "strategi"),
        (["cizinec", "cizince", "cizinců", "cizincům", "cizinci"], "cizink"),
        (["menšina", "menšiny", "menšin", "menšinám"], "menš"),
        (["romské", "romská", "romských", "romskou", "romského"], "romsk"),
        (["dotace", "dotací", "dotacemi"], "dotak"),
    ],
)
def test_the_forms_of_a_word_share_a_stem(forms, expected):
    assert {stem(form) for form in forms} == {expected}


@pytest.mark.parametrize(
    "word, expected",
    [
        ("matkou", "matk"),  # -ou
        ("kuřatech", "kuř"),  # -atech (longer than 7)
        ("kuřatům", "kuř"),  # -atům
        ("matčin", "matk"),  # possessive -in, then č > k
        ("otcův", "otcov"),  # too short for -ův; ů > o before a consonant
        ("knížka", "knížk"),
        ("vůz", "voh"),  # z > h, then ů > o as in "vozy" (see the module)
        ("vozy", "voh"),
        ("stůl", "stol"),  # ů > o before a final consonant
        ("pes", "ps"),  # the fleeting e: "psa", "psem"
        ("a", "a"),  # too short for anything
    ],
)
def test_the_published_rules(word, expected):
    assert stem(word) == expected


def test_short_words_keep_their_endings():
    # An ending is only removed from a word longer than the rule says.
    assert stem("oko") == "oko"
    assert stem("ruka") == "ruk"
