"""The documents of seeds 000 and 003. Titles, dates, resolutions and
issuers are the seeds'; the files are generated PDFs that say they are
sample files, because the original documents are not part of the seeds.
Where a seed gives no publication date, the demo uses 1 January of the year
after the document's year (the portal needs one to sort by)."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from documents.models import Audience, Category, Document, DocumentFile, Scope
from documents.pdf import build_pdf
from portal.models import Organisation, Resolution, Status, Topic
from portal.seeding import set_related, upsert

PRAGUE = ZoneInfo("Europe/Prague")

CATEGORIES = [
    ("strategie-a-koncepce", "Strategie a koncepce", "Celostátní a krajské strategie a koncepce."),
    ("analyzy", "Analýzy", "Analýzy sociálně vyloučených lokalit, bezpečnosti a situace menšin."),
    ("zpravy-o-stavu-mensiny", "Zprávy o stavu romské menšiny", "Každoroční zprávy o stavu romské menšiny v kraji, nejnovější nahoře."),
    ("doporuceni", "Doporučení", "Doporučení pro obce a města."),
    ("metodiky-a-prirucky", "Metodiky a příručky", "Metodické příručky pro obce, romské poradce a poskytovatele služeb."),
    ("brozury-a-letaky", "Brožury a letáky", "Informační materiály pro veřejnost."),
]  # fmt: skip

LANGUAGES = {
    "cs": "česká verze",
    "en": "anglická verze",
    "ru": "ruská verze",
    "uk": "ukrajinská verze",
    "vi": "vietnamská verze",
    "mn": "mongolská verze",
}


def at(year, month, day):
    return datetime(year, month, day, 12, 0, tzinfo=PRAGUE)


def end_of(year):
    """The moment a document valid "do roku ``year``" goes to the archive."""
    return datetime(year + 1, 1, 1, tzinfo=PRAGUE)


def documents(organisations, resolution):
    region, ombudsman, sim = organisations
    yield dict(
        slug="strategie-romske-integrace-do-roku-2020",
        title="Strategie romské integrace do roku 2020",
        category="strategie-a-koncepce",
        scope=Scope.NATIONAL,
        period="do roku 2020",
        # Valid "do roku 2020", as its title says: in the archive since.
        archived_at=end_of(2020),
        topics=["romska-mensina"],
        summary="<p>Vládní strategie, ze které vychází připravovaná Krajská strategie pro integraci romské komunity v Libereckém kraji.</p>",
    )
    yield dict(
        slug="zasady-dlouhodobe-koncepce-romske-integrace-do-roku-2025",
        title="Zásady dlouhodobé koncepce romské integrace do roku 2025",
        category="strategie-a-koncepce",
        scope=Scope.NATIONAL,
        period="do roku 2025",
        archived_at=end_of(2025),
        topics=["romska-mensina"],
    )
    yield dict(
        slug="analyza-socialne-vyloucenych-lokalit-lk-2013",
        title=(
            "Analýza sociálně vyloučených lokalit a dostupnost sociálních služeb "
            "prevence v těchto lokalitách Libereckého kraje"
        ),
        category="analyzy",
        year=2013,
        issuer=region,
        resolution=resolution,
        topics=["romska-mensina", "socialne-vyloucene-lokality"],
        summary="<p>Rada Libereckého kraje schválila analýzu svým usnesením č. 1384/13/RK dne 17. 9. 2013.</p>",
        file_label="Analýza sociálně vyloučených lokalit LK - 2013",
    )
    yield dict(
        slug="bezpecnostni-analyza-lk-2008",
        title="Bezpečnostní analýza LK 2008",
        category="analyzy",
        year=2008,
        issuer=region,
        topics=["socialne-vyloucene-lokality"],
    )
    yield dict(
        slug="analyza-situace-narodnostnich-mensin",
        title="Analýza situace národnostních menšin",
        category="analyzy",
        issuer=region,
        topics=["narodnostni-mensiny"],
    )
    yield dict(
        slug="doporuceni-pro-obce-a-mesta",
        title=(
            "Doporučení pro obce a města pro předcházení tvorby a rozšiřování "
            "sociálně vyloučených lokalit se zdůrazněním zajištění potřeb bydlení"
        ),
        category="doporuceni",
        scope=Scope.NATIONAL,
        issuer=ombudsman,
        audience=Audience.MUNICIPALITIES,
        year=2009,
        topics=["socialne-vyloucene-lokality", "romska-mensina"],
        publish_at=at(2009, 7, 1),  # seed 000: "vloženo dne 1.7.2009"
        summary=(
            "<p>Toto doporučení vzniklo za vzájemné spolupráce veřejného ochránce "
            "lidských práv s dotčenými ústředními orgány státní správy (MMR ČR).</p>"
        ),
        file_label="Doporučení pro města a obce (materiál ke stažení)",
    )
    yield dict(
        slug="metodicka-prirucka-romsti-poradci",
        title=(
            "Metodická příručka - doporučená pracovní náplň romských poradců, "
            "způsob její prezentace a šíření na úroveň obcí"
        ),
        category="metodiky-a-prirucky",
        scope=Scope.NATIONAL,
        audience=Audience.MUNICIPALITIES,
        topics=["romska-mensina"],
    )
    yield dict(
        slug="metodicka-prirucka-zlepseni-zivotnich-podminek-romu",
        title="Metodická příručka - Zlepšení životních podmínek Romů na místní úrovni",
        category="metodiky-a-prirucky",
        scope=Scope.NATIONAL,
        audience=Audience.MUNICIPALITIES,
        topics=["romska-mensina"],
    )
    yield dict(
        slug="kucharka-nastroje-pro-obce",
        title="Kuchařka - nástroje pro obce v boji proti sociálnímu vyloučení",
        category="metodiky-a-prirucky",
        scope=Scope.NATIONAL,
        audience=Audience.MUNICIPALITIES,
        topics=["socialne-vyloucene-lokality"],
    )
    for year in range(2012, 2017):
        yield dict(
            slug=f"zprava-o-stavu-romske-mensiny-{year}",
            title=f"Zpráva o stavu romské menšiny Libereckého kraje – rok {year}",
            category="zpravy-o-stavu-mensiny",
            year=year,
            issuer=region,
            topics=["romska-mensina"],
            # The three oldest reports show how the archive works.
            archived_at=at(2017, 1, 2) if year <= 2014 else None,
            file_label=f"Rok {year}",
        )
    yield dict(
        slug="preventivni-brozura-pro-cizince",
        title="Preventivní brožura pro cizince",
        category="brozury-a-letaky",
        year=2021,
        issuer=region,
        topics=["integrace-cizincu"],
        publish_at=at(2021, 1, 13),  # seed 003's news of 13. ledna 2021
        summary=(
            "<p>Liberecký kraj prostřednictvím odboru sociálních věcí ve spolupráci "
            "s Krajem Vysočina a Centrem na podporu integrace cizinců vydal preventivní "
            "brožuru pro cizince, která je zaměřena na aktuální problémy v kraji. "
            "Brožura se snaží preventivně působit v devíti oblastech, například "
            "v oblasti zaměstnání, bydlení, zdravotnictví nebo bezpečnosti.</p>"
        ),
        # Seed 003: the Czech version is out; the translations "are being
        # prepared", so they have no file yet.
        languages=["cs"],
        in_preparation=[language for language in LANGUAGES if language != "cs"],
    )
    yield dict(
        slug="aktivity-na-podporu-vyuky-ceskeho-jazyka",
        title=(
            "Aktivity na podporu výuky českého jazyka o letních prázdninách pro děti "
            "a žáky s odlišným mateřským jazykem"
        ),
        category="brozury-a-letaky",
        year=2020,
        issuer=sim,
        audience=Audience.PUBLIC,
        topics=["integrace-cizincu"],
        publish_at=at(2020, 6, 23),  # seed 003's news of 23. června 2020
        summary=(
            "<p>Informační leták vytvořilo Sdružení pro integraci a migraci, o.p.s. "
            "v rámci projektu „Města a inkluzivní strategie“, do kterého je zapojen "
            "i Liberecký kraj.</p>"
        ),
    )


def sample_pdf(document, language):
    version = LANGUAGES.get(language, "")
    title = f"{document.title} ({version})" if version else document.title
    return build_pdf(
        title,
        [
            "Ukázkový soubor portálu odboru sociálních věcí.",
            f"Dokument: {document.title}.",
            "Obsah původního dokumentu není součástí ukázkových dat; správce webu "
            "sem nahraje skutečný soubor. Adresa pro stažení zůstane stejná.",
        ],
        lang=language,
    )


# Category names are interface labels (the filter, every row): in every
# language in the demo, their descriptions Czech like the content.
CATEGORY_NAMES = {
    "strategie-a-koncepce": ("Strategies and policies", "Стратегії та концепції"),
    "analyzy": ("Analyses", "Аналізи"),
    "zpravy-o-stavu-mensiny": (
        "Reports on the Roma minority",
        "Звіти про становище ромської меншини",
    ),
    "doporuceni": ("Recommendations", "Рекомендації"),
    "metodiky-a-prirucky": ("Methodologies and handbooks", "Методики та посібники"),
    "brozury-a-letaky": ("Brochures and leaflets", "Брошури та листівки"),
}


def load():
    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES):
        name_en, name_uk = CATEGORY_NAMES[slug]
        categories[slug], _ = upsert(
            Category,
            {"slug": slug},
            name=name,
            name_en=name_en,
            name_uk=name_uk,
            description=description,
            order=order,
        )
    region, _ = upsert(
        Organisation, {"name": "Liberecký kraj"}, kind=Organisation.Kind.REGION
    )
    ombudsman, _ = upsert(
        Organisation, {"name": "Veřejný ochránce práv"}, kind=Organisation.Kind.STATE
    )
    sim, _ = upsert(
        Organisation,
        {"name": "Sdružení pro integraci a migraci, o.p.s."},
        kind=Organisation.Kind.NGO,
    )
    resolution, _ = upsert(
        Resolution,
        {"number": 1384, "year": 2013, "body": Resolution.Body.COUNCIL},
        date=date(2013, 9, 17),
    )
    topics = {topic.slug: topic for topic in Topic.objects.all()}

    # A publication date only where a seed gives one. The others went
    # public here when the demo was first loaded, and show that date, a
    # fact of this site, not one made up for them; a second of difference
    # each keeps the seed page's order in lists of the newest first.
    loaded = timezone.now()
    for position, spec in enumerate(documents((region, ombudsman, sim), resolution)):
        if "publish_at" not in spec:
            first = Document.objects.filter(slug=spec["slug"]).first()
            spec["publish_at"] = (
                first.publish_at if first else loaded - timedelta(seconds=position)
            )
        topic_slugs = spec.pop("topics")
        languages = spec.pop("languages", ["cs"])
        preparing = spec.pop("in_preparation", [])
        file_label = spec.pop("file_label", "")
        slug = spec.pop("slug")
        spec["category"] = categories[spec["category"]]
        spec.setdefault("scope", Scope.REGIONAL)
        spec.setdefault("audience", Audience.PUBLIC)
        spec.setdefault("archived_at", None)
        document, _ = upsert(Document, {"slug": slug}, status=Status.PUBLISHED, **spec)
        set_related(
            document.topics, [topics[slug] for slug in topic_slugs if slug in topics]
        )
        versions = len(languages) + len(preparing)
        for order, language in enumerate(languages + preparing):
            label = file_label or (
                f"{document.title} – {LANGUAGES[language]}" if versions > 1 else ""
            )
            if language in preparing:
                # A file an earlier demo made for an unreleased version goes.
                upsert(
                    DocumentFile,
                    {"document": document, "language": language},
                    label=label,
                    order=order,
                    in_preparation=True,
                    file="",
                )
                continue
            if document.files.filter(language=language).exists():
                continue
            document_file = DocumentFile(
                document=document, language=language, label=label, order=order
            )
            document_file.file = ContentFile(
                sample_pdf(document, language), name=f"{slug}-{language}.pdf"
            )
            document_file.save()
    return (
        f"{Document.objects.count()} dokumentů, {DocumentFile.objects.count()} souborů"
    )
