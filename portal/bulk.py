"""Invented bulk content for the benchmark (`manage.py generate_bulk`).

Each app keeps its part in <app>/bulk.py with a ``generate(bulk)``
function, run in INSTALLED_APPS order like the demo content. This module
holds what they share: a seeded random generator, Czech text made from
the department's vocabulary, valid IČO, and inserts in batches (bulk
inserts send no signals, so the apps index their items for search with
portal.search.bulk_index and the command bumps the page cache once).

Everything here is invented: organisations carry ``is_sample`` (shown as
"(ukázková data)") and a number in their name, the fund and programme say
so, and registration numbers use a programme number no real one has.
Every bulk slug ends in "-h<number>" (hromadná data), which is how the
benchmark and a repeated run recognise them.
"""

import random
from datetime import timedelta

from django.utils import timezone

from portal.czech import slugify
from portal.models import Organisation, Topic
from portal.publishing import Status
from portal.search import bulk_index

BATCH = 2000
# Sentences are drawn from a pool made once per run: as varied as needed
# for search and far cheaper than composing millions of them.
POOL = 20_000

# The department's themes in the three cases the sentences need
# (nominative, accusative, genitive), so that phrases agree.
THEMES = (
    ("romská menšina", "romskou menšinu", "romské menšiny"),
    ("sociální začleňování", "sociální začleňování", "sociálního začleňování"),
    (
        "sociálně vyloučené lokality",
        "sociálně vyloučené lokality",
        "sociálně vyloučených lokalit",
    ),
    ("terénní sociální práce", "terénní sociální práci", "terénní sociální práce"),
    ("integrace cizinců", "integraci cizinců", "integrace cizinců"),
    ("národnostní menšiny", "národnostní menšiny", "národnostních menšin"),
    ("prevence kriminality", "prevenci kriminality", "prevence kriminality"),
    ("dluhové poradenství", "dluhové poradenství", "dluhového poradenství"),
    ("předškolní vzdělávání", "předškolní vzdělávání", "předškolního vzdělávání"),
    ("zaměstnanost", "zaměstnanost", "zaměstnanosti"),
    ("sociální bydlení", "sociální bydlení", "sociálního bydlení"),
    ("sociální služby", "sociální služby", "sociálních služeb"),
    ("komunitní práce", "komunitní práci", "komunitní práce"),
    ("protidrogová prevence", "protidrogovou prevenci", "protidrogové prevence"),
    ("rodinná politika", "rodinnou politiku", "rodinné politiky"),
    ("dobrovolnictví", "dobrovolnictví", "dobrovolnictví"),
    ("nízkoprahová zařízení", "nízkoprahová zařízení", "nízkoprahových zařízení"),
    ("asistenti pedagoga", "asistenty pedagoga", "asistentů pedagoga"),
    ("výuka češtiny pro cizince", "výuku češtiny pro cizince", "výuky češtiny pro cizince"),
    ("metodika pro obce", "metodiku pro obce", "metodiky pro obce"),
)  # fmt: skip
NOUNS = tuple(nominative for nominative, _acc, _gen in THEMES)
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
# Document titles; {gen} is a theme in the genitive, {year} the document's.
DOCUMENT_TITLES = (
    "Metodika pro obce v oblasti {gen}",
    "Výroční zpráva o stavu {gen} za rok {year}",
    "Strategie {gen} na léta {year}–{year_end}",
    "Analýza {gen} v obci {town}",
    "Doporučení pro obce v oblasti {gen}",
    "Zpráva o stavu {gen} v kraji za rok {year}",
    "Koncepce {gen} {year}–{year_end}",
    "Akční plán {gen} na rok {year}",
    "Příručka pro praxi: {nom}",
    "Vyhodnocení {gen} za rok {year}",
)
PROJECT_TITLES = (
    "Podpora {gen} v obci {town}",
    "Společně pro {acc}",
    "Rozvoj {gen} {year}–{year_end}",
    "Krok za krokem: {nom} v obci {town}",
    "Dostupné služby pro rodiny v obci {town}",
)
SUBJECTS = (
    "Krajský úřad",
    "Odbor sociálních věcí",
    "Krajská koordinátorka pro romské záležitosti",
    "Pracovní skupina pro sociální začleňování",
    "Metodika pro obce",
    "Výroční zpráva",
    "Krajská koncepce",
    "Akční plán",
    "Analýza",
    "Komise pro národnostní menšiny",
    "Poskytovatel sociálních služeb",
    "Nestátní nezisková organizace",
    "Obec",
    "Dotační program",
)
VERBS = (
    "podporuje",
    "popisuje",
    "vyhodnocuje",
    "rozvíjí",
    "sleduje",
    "zlepšuje",
    "koordinuje",
    "financuje",
    "posiluje",
    "mapuje",
)
MANNERS = (
    "ve spolupráci s obcemi",
    "s důrazem na dostupnost služeb",
    "v souladu se strategií romské integrace",
    "na základě terénního šetření",
    "podle metodiky pro obce",
    "s ohledem na potřeby dětí a rodin",
    "v návaznosti na výroční zprávu",
    "ve spolupráci se školami a úřady práce",
)
FINDINGS = (
    "roste zájem o dluhové poradenství",
    "chybí dostupné sociální bydlení",
    "děti potřebují více podpory v předškolním vzdělávání",
    "cizinci hledají kurzy češtiny ve večerních hodinách",
    "spolupráce obce se školami se zlepšila",
    "terénní pracovníci nestačí pokrýt všechny lokality",
    "rodiny oceňují doprovázení při jednání s úřady",
)
SENTENCES = (
    "{subject} {verb} {acc} v obci {town}.",
    "{subject} {verb} {acc} {manner}.",
    "V roce {year} kraj podpořil oblast {gen} částkou {amount} Kč.",
    "Do aktivit v oblasti {gen} se zapojilo {count} organizací a {count2} obcí.",
    "Cílem je zlepšit {acc} a posílit spolupráci s obcí {town}.",
    "Dokument doporučuje obcím zaměřit se na oblast {gen} {manner}.",
    "Na rozvoj {gen} bylo v roce {year} vyčleněno {amount} Kč.",
    "Terénní šetření v obci {town} ukázalo, že {finding}.",
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
    "Ústav",
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
        # An item of each kind for the benchmark's detail pages.
        self.pages = {}
        self.pool = [self.sentence() for _ in range(POOL)]

    # --- text ----------------------------------------------------------------

    def choice(self, items):
        return self.rng.choice(items)

    def fill(self, template, year=None):
        """``template`` with a random theme ({nom}, {acc}, {gen}), town,
        year and amounts."""
        rng = self.rng
        nom, acc, gen = rng.choice(THEMES)
        year = year or rng.randint(2005, 2026)
        subject = rng.choice(SUBJECTS)
        return template.format(
            nom=nom,
            acc=acc,
            gen=gen,
            town=rng.choice(TOWNS),
            year=year,
            year_end=year + rng.choice((3, 4, 5)),
            subject=subject,
            verb=rng.choice(VERBS),
            manner=rng.choice(MANNERS),
            finding=rng.choice(FINDINGS),
            amount=f"{rng.randrange(50_000, 5_000_000, 10_000):,}".replace(",", " "),
            count=rng.randint(5, 40),
            count2=rng.randint(5, 30),
        )

    def sentence(self):
        return self.fill(self.rng.choice(SENTENCES))

    def text(self, sentences):
        return " ".join(self.rng.choices(self.pool, k=sentences))

    def title(self, year=None):
        """A document title; ``year`` is the document's."""
        return self.fill(self.rng.choice(DOCUMENT_TITLES), year=year)

    def project_title(self, year=None):
        return self.fill(self.rng.choice(PROJECT_TITLES), year=year)

    def slug(self, title, number):
        """Unique and stable: the title, then 'h' (hromadná data) and the
        item's number in this run."""
        # "2006–2009" → "2006-2009", not "20062009".
        return f"{slugify(title.replace('–', '-'))[:200]}-h{number}"

    def past(self, days=7000):
        return self.now - timedelta(
            days=self.rng.randint(1, days), minutes=self.rng.randint(0, 1439)
        )

    def lifecycle(self, number, days=7000):
        """(status, publish_at) of the item ``number``: nearly all public,
        about one in two hundred a draft and as many scheduled, as on a
        real site. Item 0 is always public (a repeated run looks for it)."""
        draw = self.rng.random() if number else 1.0
        if draw < 0.005:
            return Status.DRAFT, self.past(days)
        if draw < 0.01:
            return Status.PUBLISHED, self.now + timedelta(
                days=self.rng.randint(2, 60), minutes=self.rng.randint(0, 1439)
            )
        return Status.PUBLISHED, self.past(days)

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
            bulk_index(section, section.searchable().filter(pk__gte=first))

    def first_public(self, objects):
        """The first of ``objects`` a visitor sees among the current items,
        or None."""
        for obj in objects:
            if (
                obj.status == Status.PUBLISHED
                and obj.publish_at <= self.now
                and obj.archived_at is None
            ):
                return obj
        return None

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
        _nom, accusative, _gen = bulk.choice(THEMES)
        organisations.append(
            Organisation(
                # The number keeps the name from passing for a real body;
                # is_sample marks it "(ukázková data)" wherever shown.
                name=(
                    f"{bulk.choice(ORGANISATION_KINDS)} pro {accusative} "
                    f"č. {number + 1} ({town})"
                ),
                kind=Organisation.Kind.NGO,
                ico=ico,
                municipality=town,
                is_sample=True,
            )
        )
    bulk.organisations = bulk.create(Organisation, organisations)
