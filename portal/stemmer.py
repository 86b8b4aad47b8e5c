"""A light stemmer for Czech: the one of Ljiljana Dolamic and Jacques Savoy,
"Indexing and stemming approaches for the Czech language" (Information
Processing & Management 45, 2009), as Lucene's CzechStemmer implements it.

It removes case endings and possessive suffixes and evens out the
consonant changes of declension, so that the forms of a noun or an
adjective share a stem: "Romové", "Romů", "romech" → "rom"; "cizinec",
"cizinců", "cizincům" → "cizink". It works on lower-case words with their
diacritics (the endings differ by them: "-ům", "-um"); search folds the
stem afterwards.

One change to the published rules: after a final "c" or "z" is
normalised, the last two rules (the "e" dropped before a final consonant,
"ů" > "o" there) still apply, so that the nominative "cizinec" meets
"cizince" and "cizinců" ("cizink"; Lucene gives "cizinek" and "cizink"),
and "vůz" meets "vozy" ("voh").
"""

import functools

_CASE_ENDINGS = (
    # (the word must be longer than, endings), longest first.
    (7, ("atech",)),
    (6, ("ětem", "etem", "atům")),
    (
        5,
        (
            "ech", "ich", "ích", "ého", "ěmi", "emi", "ému", "ěte", "ete", "ěti",
            "eti", "ího", "iho", "ími", "ímu", "imu", "ách", "ata", "aty", "ých",
            "ama", "ami", "ové", "ovi", "ými",
        ),
    ),
    (4, ("em", "es", "ém", "ím", "ům", "at", "ám", "os", "us", "ým", "mi", "ou")),
    (3, ("a", "e", "i", "o", "u", "ů", "y", "á", "é", "í", "ý", "ě")),
)  # fmt: skip
_POSSESSIVES = ("ov", "in", "ův")


def _remove_case(word):
    for longer_than, endings in _CASE_ENDINGS:
        if len(word) > longer_than and word.endswith(endings):
            return word[: -len(next(e for e in endings if word.endswith(e)))]
    return word


def _remove_possessive(word):
    if len(word) > 5 and word.endswith(_POSSESSIVES):
        return word[:-2]
    return word


def _normalise(word):
    if word.endswith("čt"):
        return word[:-2] + "ck"
    if word.endswith("št"):
        return word[:-2] + "sk"
    if word.endswith(("c", "č")):
        word = word[:-1] + "k"
    elif word.endswith(("z", "ž")):
        word = word[:-1] + "h"
    if len(word) > 1 and word[-2] == "e":
        return word[:-2] + word[-1]  # e* > *
    if len(word) > 2 and word[-2] == "ů":
        return word[:-2] + "o" + word[-1]  # *ů* > *o*
    return word


@functools.lru_cache(maxsize=200_000)
def stem(word):
    """The stem of a lower-case Czech ``word``."""
    word = _remove_possessive(_remove_case(word))
    return _normalise(word) if word else word
