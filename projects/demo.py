"""The two project pages of seeds 001 and 002, with their facts as the
seeds give them. Seed 002 gives no registration number, dates or budget;
those stay empty. Logos are generated tiles with the organisations'
initials, because the seeds hold only the logos' file names."""

import io
from datetime import date, datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from PIL import Image, ImageDraw

from portal.models import Organisation, Status, Topic
from portal.seeding import set_related, upsert
from projects.models import (
    KeyActivity,
    OperationalProgramme,
    Partnership,
    Period,
    Project,
)

PRAGUE = ZoneInfo("Europe/Prague")
SEED_VISITS = 37572

VYSOCINA = dict(
    slug="podpora-socialni-integrace-romskych-lokalit-vysocina",
    title="Podpora sociální integrace příslušníků romských lokalit v Kraji Vysočina",
    registration_number="CZ.1.04/3.2.00/B4.00007",
    start_date=date(2014, 4, 1),
    end_date=date(2015, 10, 31),
    aims=(
        "Záměrem projektu byla podpora soc. integrace příslušníků sociálně vyloučených "
        "romských lokalit. Hlavním cílem projektu bylo vytvoření podmínek pro soc. "
        "začleňování příslušníků sociálně vyloučených romských komunit zajištěním "
        "dostupnosti, kvality a kontroly začleňujících služeb. Prvním nástrojem bylo "
        "vytvoření stálé platformy aktérů, kteří spolupůsobí při řešení problematiky soc. "
        "vyloučení příslušníků romské menšiny a souvisejících dopadů. Druhým nástrojem bylo "
        "odborné vzdělávání členů platformy, pracovníků veřejné správy a poskytovatelů "
        "služeb. Nejdůležitějším nástrojem bylo zajištění vybraných sociálních služeb, čímž "
        "došlo ke stabilizaci sociálních služeb na území kraje a k rozšíření tam, kde byla "
        "identifikována potřeba."
    ),
    target_groups=(
        "Příslušníci sociálně vyloučených romských komunit.\n"
        "Poskytovatelé sociálních služeb a další subjekty poskytující nebo podporující "
        "poskytování služeb pro příslušníky sociálně vyloučených romských komunit."
    ),
    description=(
        "<p>Jednalo se o první projekt kraje zaměřený v souladu s výzvou MPSV speciálně na "
        "tuto oblast. Cílem tohoto projektu byla podpora integrace příslušníků sociálně "
        "vyloučených romských komunit v Kraji Vysočina zajištěním dostupnosti, kvality "
        "a kontroly služeb a prostřednictvím navazování partnerství se subjekty veřejné "
        "správy i nestátními organizacemi za tímto účelem.</p>"
        "<p>V projektu bylo vytyčeno a splněno 6 klíčových aktivit.</p>"
    ),
)

VYSOCINA_ACTIVITIES = [
    ("Analýza pro řízení politiky sociálního začleňování", "Byla zpracovaná analýza pro účely podpory procesů řízení politiky sociálního začleňování a efektivní a udržitelné sítě služeb zaměřených na sociálně vyloučené romské lokality – analýza byla provedena ve všech 15 ORP Kraje Vysočina."),
    ("Platforma pro řízení procesu integrace", "Úspěšně probíhala zasedání platformy pro řízení procesu integrace příslušníků sociálně vyloučených romských lokalit – v platformě působilo průběžně 12 – 18 členů, bylo uspořádáno 12 setkání členů platformy, setkávání všech členů bude pokračovat i po skončení projektu."),
    ("Podpora vybraných sociálních služeb", "Bylo podporováno poskytování vybraných sociálních služeb. Konkrétně byly podpořeny terénní programy Oblastní charity Jihlava (TP Sovy, cílová skupina nad 15 let) a nízkoprahová zařízení Oblastní charity Jihlava (Erko, cílová skupina 15 – 26 let) a Oblastní charity Třebíč (Ambrela, cílová skupina 15 – 26 let)."),
    ("Vzdělávání členů platformy, veřejné správy a poskytovatelů služeb", "Další klíčovou aktivitou byla podpora členů platformy, vzdělávání pracovníků veřejné správy a poskytovatelů služeb se zaměřením na podporu sociálního začleňování cílové skupiny a prevenci sociálního vyloučení – byly uspořádány 4 jednodenní semináře, 5 exkurzí, 7 workshopů a závěrečná konference"),
    ("Pilotní ověření procesu sociálního začleňování", "Došlo k pilotnímu ověření procesu sociálního začleňování příslušníků primární cílové skupiny. V Jihlavě a Třebíči byly vybrány dvě skupiny příslušníků romského etnika, z nichž každá se zúčastnila pěti seminářů zaměřených na zaměstnanost, sociální dávky, kariérní poradenství, zadluženost a sociální integraci. Zaměření seminářů vzešlo z potřeb cílové skupiny zjištěných na základě plánů sociálního začleňování. Kladným výstupem bylo zaměstnání několika účastníků seminářů, popř. zařazení do rekvalifikačních kurzů."),
    ("Řízení a administrativa", ""),
]  # fmt: skip

PLZEN = dict(
    slug="platforma-pro-zlepseni-integrace-romu-v-plzenskem-kraji",
    title="Platforma pro zlepšení integrace Romů v Plzeňském kraji",
    description=(
        "<p>Projekt spočívá v iniciaci vzniku a vzniku Platformy pro zlepšení integrace Romů "
        "v Plzeňském kraji, která bude fungovat jako konzultační orgán pro tvorbu "
        "a vyhodnocování veřejných politik v Plzeňském kraji. Činnost Platformy bude úzce "
        "provázána se základním předpokladem úspěšné integrace, kterou představuje "
        "standardní bydlení. V rámci projektu bude také rozvíjen, monitorován a evaluován "
        "systém zajišťování bydlení osobám v bytové nouzi (romským jednotlivcům a rodinám) "
        "na běžném realitním trhu, který spolu s vlastní činností Platformy představuje "
        "základní stavební kámen projektu a jeho příspěvek k integraci Romů. Nedílnou "
        "součástí aktivit projektu je i realizace vzdělávacích akcí pro zástupce veřejné "
        "správy, vzdělávacích institucí i poskytovatelů sociálních a návazných služeb "
        "působících v oblasti integrace Romů a dále realizace široce pojaté informační "
        "kampaně, která umožní širokou komunikaci dosažených výstupů projektu, i oslovení "
        "specifických stakeholderů, kteří budou do realizace projektu zapojeni. Projekt je "
        "realizován v širokém partnerství, jak s neziskovými organizacemi, tak s partnery "
        "z veřejné správy (Plzeňský kraj a Statutární město Plzeň). Jeho realizaci "
        "podporují i další města a organizace v Plzeňském kraji a ČR.</p>"
    ),
    title_en="Platform for the improvement of Roma integration in the Plzen Region",
    # The seed's English summary is the project's English description.
    description_en=(
        "<p>The project aims to initiate establishment of the Platform for the improvement of "
        "Roma integration in the Plzen Region. The Platform will serve as a consultation body "
        "for development and evaluation of public policies in the Plzen Region. Activities of "
        "the Platform will be closely linked to key premise of successfull integration, which "
        "is ensuring standard housing. The project will develop, monitor and evaluate a system "
        "of providing housing for disadvantaged people in housing need (Roma individuals and "
        "families) within the current real estate market, which together with the Platform's "
        "own activities is the key building block of the project and its ontribution to Roma "
        "integration. An important part of the project are educational activities provided "
        "for representatives of public administration, educational institutions and providers "
        "of social and related services in the field of Roma integration, as well as the broad "
        "information campaign aimed to communicate project outcomes and address and involve "
        "key stakeholders. The project is implemented in a broad partnership, both with "
        "non-profit organizations and wit partners from the public administration (Pilsen "
        "Region and the Statutory City of Pilsen). Its implementation is also supported by "
        "other cities and organizations in the Pilsen Region and CR.</p>"
    ),
)

COLOURS = ["#0b4f8a", "#8a4b00", "#1e6b34", "#6a1b9a", "#a4000f"]


def logo_png(name, colour):
    """A 240 px tile with the organisation's initials."""
    initials = "".join(word[0] for word in name.replace(",", "").split()[:3]).upper()
    image = Image.new("RGB", (240, 240), colour)
    draw = ImageDraw.Draw(image)
    draw.text((120, 120), initials, fill="white", anchor="mm", font_size=72)
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def organisation(name, kind, colour, **fields):
    org, _ = upsert(Organisation, {"name": name}, kind=kind, **fields)
    if not org.logo:
        org.logo.save(f"{name}.png", ContentFile(logo_png(name, colour)), save=True)
    return org


def load():
    op_lzz, _ = upsert(
        OperationalProgramme,
        {"abbreviation": "OP LZZ"},
        name="Operační program Lidské zdroje a zaměstnanost",
        period=Period.P2007,
        fund="Evropský sociální fond",
        funding_statement=(
            "Projekt je financován z Evropského sociálního fondu prostřednictvím "
            "Operačního programu Lidské zdroje a zaměstnanost."
        ),
    )
    upsert(
        OperationalProgramme,
        {"abbreviation": "OP Z"},
        name="Operační program Zaměstnanost",
        period=Period.P2014,
        fund="Evropský sociální fond",
    )
    upsert(
        OperationalProgramme,
        {"abbreviation": "OP Z+"},
        name="Operační program Zaměstnanost plus",
        period=Period.P2021,
        fund="Evropský sociální fond plus",
    )
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    kinds = Organisation.Kind

    vysocina, _ = upsert(
        Project,
        {"slug": VYSOCINA["slug"]},
        status=Status.PUBLISHED,
        publish_at=datetime(2014, 4, 1, 9, 0, tzinfo=PRAGUE),
        # "Jejich aktualizace byla ukončena k 31.12.2022."
        archived_at=datetime(2022, 12, 31, 23, 59, tzinfo=PRAGUE),
        programme=op_lzz,
        **{key: value for key, value in VYSOCINA.items() if key != "slug"},
    )
    # "Počet návštěv: 37572": the count goes on from the seed's, never back.
    Project.objects.filter(pk=vysocina.pk, visit_count__lt=SEED_VISITS).update(
        visit_count=SEED_VISITS
    )
    set_related(
        vysocina.topics,
        [
            topics[s]
            for s in ("romska-mensina", "socialne-vyloucene-lokality")
            if s in topics
        ],
    )
    for number, (title, description) in enumerate(VYSOCINA_ACTIVITIES, start=1):
        upsert(
            KeyActivity,
            {"project": vysocina, "number": number},
            title=title,
            description=description,
        )
    partners = [
        (
            organisation("Kraj Vysočina", kinds.REGION, COLOURS[0], ico="70890749"),
            Partnership.Role.BENEFICIARY,
        ),
        (
            organisation("Oblastní charita Jihlava", kinds.NGO, COLOURS[1]),
            Partnership.Role.COOPERATING,
        ),
        (
            organisation("Oblastní charita Třebíč", kinds.NGO, COLOURS[2]),
            Partnership.Role.COOPERATING,
        ),
    ]
    for order, (org, role) in enumerate(partners):
        upsert(
            Partnership,
            {"project": vysocina, "organisation": org, "role": role},
            order=order,
        )

    plzen, _ = upsert(
        Project,
        {"slug": PLZEN["slug"]},
        status=Status.PUBLISHED,
        **{key: value for key, value in PLZEN.items() if key != "slug"},
    )
    set_related(plzen.topics, [topics[s] for s in ("romska-mensina",) if s in topics])
    partners = [
        (
            organisation("Plzeňský kraj", kinds.REGION, COLOURS[3]),
            Partnership.Role.PARTNER,
        ),
        (
            organisation("Statutární město Plzeň", kinds.MUNICIPALITY, COLOURS[4]),
            Partnership.Role.PARTNER,
        ),
        (organisation("Araart", kinds.OTHER, COLOURS[0]), Partnership.Role.COOPERATING),
        (
            organisation("Tady a teď", kinds.OTHER, COLOURS[1]),
            Partnership.Role.COOPERATING,
        ),
        (organisation("CPKP", kinds.OTHER, COLOURS[2]), Partnership.Role.COOPERATING),
    ]
    for order, (org, role) in enumerate(partners):
        upsert(
            Partnership,
            {"project": plzen, "organisation": org, "role": role},
            order=order,
        )
    return f"{Project.objects.count()} projekty"
