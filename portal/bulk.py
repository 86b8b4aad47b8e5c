"""Invented bulk content for the benchmark (`manage.py generate_bulk`).

Each app keeps its part in <app>/bulk.py with a ``generate(bulk)``
function, run in INSTALLED_APPS order like the demo content. This module
holds what they share: a seeded random generator, Czech text made from
the department's vocabulary, valid IČO, and inserts in batches (bulk
inserts send no signals, so the apps index their items for search with
portal.search.bulk_index and the command bumps the page cache once).

Everything here is invented: organisations carry ``is_sample`` (shown as
"(ukázková data)"), the fund and programme say so, and registration numbers
use a programme number no real one has.
"""

import random
from datetime import timedelta

from django.utils import timezone

from portal.czech import slugify
from portal.models import Organisation, Topic
from portal.search import bulk_index

BATCH = 2000

NOUNS = (
    "romská menšina",
    "sociální začleňování",
    "sociálně vyloučená lokalita",
    "terénní sociální práce",
    "integrace cizinců",
    "národnostní menšiny",
    "prevence kriminality",
    "dluhové poradenství",
    "předškolní vzdělávání",
    "zaměstnanost",
    "bydlení",
    "sociální služby",
    "komunitní práce",
    "protidrogová prevence",
    "rodinná politika",
    "dobrovolnictví",
    "nízkoprahové zařízení",
    "asistent pedagoga",
    "mediátor",
    "romský koordinátor",
)
ADJECTIVES = (
    "krajský",
    "metodický",
    "střednědobý",
    "obecní",
    "meziresortní",
    "aktualizovaný",
    "pilotní",
    "regionální",
    "koncepční",
    "průběžný",
)
KINDS = (
    "Metodika pro obce",
    "Výroční zpráva",
    "Strategie",
    "Analýza",
    "Doporučení",
    "Zpráva o stavu",
    "Koncepce",
    "Akční plán",
    "Příručka",
    "Vyhodnocení",
)
VERBS = (
    "podporuje",
    "popisuje",
    "vyhodnocuje",
    "navrhuje",
    "shrnuje",
    "sleduje",
    "rozvíjí",
    "zlepšuje",
    "koordinuje",
    "financuje",
)
TOWNS = (
    "Liberec",
    "Jablonec nad Nisou",
    "Česká Lípa",
    "Semily",
    "Turnov",
    "Frýdlant",
    "Tanvald",
    "Nový Bor",
    "Jilemnice",
    "Hrádek nad Nisou",
    "Chrastava",
    "Mimoň",
)
ORGANISATION_KINDS = (
    "Spolek",
    "Obecně prospěšná společnost",
    "Centrum",
    "Sdružení",
    "Nadační fond",
    "Diakonie",
)


class Bulk:
    """The state one run of generate_bulk shares between the apps."""

    def __init__(self, sizes, seed=2026):
        self.sizes = sizes
        self.rng = random.Random(seed)
        self.now = timezone.now()
        self.summary = []
        self.topics = list(Topic.objects.all()) or Topic.objects.bulk_create(
            Topic(name=name.capitalize(), slug=slugify(name), order=i)
            for i, name in enumerate(NOUNS[:6])
        )
        self.organisations = []

    # --- text ----------------------------------------------------------------

    def choice(self, items):
        return self.rng.choice(items)

    def sentence(self):
        rng = self.rng
        words = [
            f"{rng.choice(KINDS)} kraje".capitalize()
            if rng.random() < 0.3
            else rng.choice(NOUNS).capitalize(),
            rng.choice(VERBS),
            rng.choice(ADJECTIVES),
            rng.choice(NOUNS),
            "v obci",
            rng.choice(TOWNS),
            f"v roce {rng.randint(2005, 2026)}",
        ]
        if rng.random() < 0.5:
            words += ["a", rng.choice(NOUNS)]
        return " ".join(words) + "."

    def text(self, sentences):
        return " ".join(self.sentence() for _ in range(sentences))

    def title(self, kind=None):
        rng = self.rng
        noun = rng.choice(NOUNS)
        return f"{kind or rng.choice(KINDS)}: {noun} {rng.randint(2005, 2026)}"

    def slug(self, title, number):
        """Unique and stable: the title, then 'h' (hromadná data) and the
        item's number in this run."""
        return f"{slugify(title)[:200]}-h{number}"

    def past(self, days=7000):
        return self.now - timedelta(
            days=self.rng.randint(1, days), minutes=self.rng.randint(0, 1439)
        )

    def ico(self):
        """Seven random digits and the mod-11 check digit."""
        digits = [self.rng.randint(0, 9) for _ in range(7)]
        total = sum(d * w for d, w in zip(digits, range(8, 1, -1), strict=True))
        check = (11 - total % 11) % 10
        return "".join(map(str, digits)) + str(check)

    # --- inserts -----------------------------------------------------------

    def create(self, model, objects):
        """Insert in batches; the objects come back with their keys."""
        objects = list(objects)
        for start in range(0, len(objects), BATCH):
            model.objects.bulk_create(objects[start : start + BATCH])
        self.summary.append((model._meta.verbose_name_plural, len(objects)))
        return objects

    def link(self, field, pairs):
        """Rows of a many-to-many field (e.g. Document.topics) from
        (object, related object) pairs."""
        through = field.remote_field.through
        source = field.m2m_field_name()
        target = field.m2m_reverse_field_name()
        rows = [
            through(**{f"{source}_id": a.pk, f"{target}_id": b.pk}) for a, b in pairs
        ]
        for start in range(0, len(rows), BATCH):
            through.objects.bulk_create(rows[start : start + BATCH])

    def index(self, section, objects):
        """Put the new items in the search index, as the signals would."""
        if objects:
            first = min(obj.pk for obj in objects)
            bulk_index(section, section.search_queryset().filter(pk__gte=first))

    def some_topics(self, objects, field):
        """One or two topics for each object."""
        pairs = []
        for obj in objects:
            for topic in self.rng.sample(self.topics, self.rng.randint(1, 2)):
                pairs.append((obj, topic))
        self.link(field, pairs)


def generate(bulk):
    """Portal's part: the organisations other apps give awards and
    partnerships to."""
    icos = set(Organisation.objects.exclude(ico="").values_list("ico", flat=True))
    organisations = []
    for number in range(bulk.sizes["organisations"]):
        ico = bulk.ico()
        while ico in icos:
            ico = bulk.ico()
        icos.add(ico)
        town = bulk.choice(TOWNS)
        organisations.append(
            Organisation(
                # Marked "(ukázková data)" wherever shown, by is_sample.
                name=(
                    f"{bulk.choice(ORGANISATION_KINDS)} {bulk.choice(NOUNS)} "
                    f"{town} {number + 1}"
                ),
                kind=Organisation.Kind.OTHER,
                ico=ico,
                municipality=town,
                is_sample=True,
            )
        )
    bulk.organisations = bulk.create(Organisation, organisations)
