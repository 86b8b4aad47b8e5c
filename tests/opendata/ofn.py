"""Offline validation against the national schemas in ./schemas/ (copied
unchanged from the norms' repository, see its README): every ``$ref`` to
https://ofn.gov.cz/… resolves to the file at the same path there, so nothing
is fetched and the tests do not depend on what lies beside the checkout."""

import json
from functools import cache
from pathlib import Path

from jsonschema import FormatChecker, validators
from referencing import Registry, Resource

PREFIX = "https://ofn.gov.cz/"
SCHEMAS = Path(__file__).resolve().parent / "schemas"


@cache
def registry():
    resources = []
    for path in SCHEMAS.rglob("*.json"):
        schema = json.loads(path.read_text("utf-8"))
        resources.append((schema["$id"], Resource.from_contents(schema)))
    return Registry().with_resources(resources)


def errors(data, schema_url):
    """Every way ``data`` breaks the schema at ``schema_url``, as text."""
    schema = registry().contents(schema_url)
    validator = validators.validator_for(schema)(
        schema, registry=registry(), format_checker=FormatChecker()
    )
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(data)
    ]


BOARD = PREFIX + "úřední-desky/2021-07-20/schémata/úřední-deska.json"
NEWS = PREFIX + "aktuality/2020-07-01/schémata/aktuality.json"
DCAT = PREFIX + "dcat-ap-cz-rozhraní-katalogů-otevřených-dat/2024-05-28/schémata/"
CATALOGUE = DCAT + "katalog.json"
DATASET = DCAT + "datová-sada.json"
