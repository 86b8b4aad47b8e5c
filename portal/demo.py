"""Portal's part of the demo content: topics, site settings and the static
pages of seeds 000 and 004. Facts are copied from the seeds; nothing real is
made up (where a seed gives no address or URL, the field stays empty).

The only office contacts the seeds give are the contact block of seed 001,
so the demo's office is the authority that block belongs to, with exactly
its values."""

from datetime import datetime, time
from zoneinfo import ZoneInfo

from portal.models import (
    Link,
    LinkGroup,
    OfficeHours,
    Page,
    Person,
    SearchTerm,
    SiteSettings,
    Status,
    Topic,
)
from portal.seeding import set_related, upsert

PRAGUE = ZoneInfo("Europe/Prague")

TOPICS = [
    ("Romská menšina", "romska-mensina", "Integrace Romů, romští poradci, zprávy o stavu romské menšiny."),
    ("Národnostní menšiny", "narodnostni-mensiny", "Podpora národnostních menšin v kraji."),
    ("Integrace cizinců", "integrace-cizincu", "Informace a pomoc pro cizince žijící v kraji."),
    ("Sociálně vyloučené lokality", "socialne-vyloucene-lokality", "Předcházení sociálnímu vyloučení a jeho řešení."),
]  # fmt: skip

# The topics' names in English and Ukrainian: interface labels (the menu of
# topics, the tags on every item), and the topics' search keywords in those
# languages, so that a visitor searching in their language finds the topic
# and its items. Their descriptions stay Czech, like the content.
TOPIC_NAMES = {
    "romska-mensina": ("Roma minority", "Ромська меншина"),
    "narodnostni-mensiny": ("National minorities", "Національні меншини"),
    "integrace-cizincu": ("Integration of foreigners", "Інтеграція іноземців"),
    "socialne-vyloucene-lokality": (
        "Socially excluded localities",
        "Соціально виключені місцевості",
    ),
}

# The glossary a search in English or Ukrainian falls back on in the Czech
# content (portal.models.SearchTerm): dictionary words of the department's
# field, each with its Czech equivalent.
SEARCH_TERMS = {
    "en": [
        ("Roma, Romani, Romany", "Romové"),
        ("Roma minority", "romská menšina"),
        ("strategy, strategies", "strategie"),
        ("integration", "integrace"),
        ("subsidy, subsidies, grant, grants", "dotace"),
        ("foreigner, foreigners, migrant, migrants", "cizinci"),
        ("minority, minorities", "menšina"),
        ("national minorities", "národnostní menšiny"),
        ("report, reports", "zpráva"),
        ("methodology, guidance", "metodika"),
        ("brochure, leaflet", "brožura"),
        ("help, assistance, support", "pomoc"),
        ("contact, contacts", "kontakty"),
        ("news", "aktuality"),
        ("official notice board, notice board", "úřední deska"),
        ("socially excluded localities", "sociálně vyloučené lokality"),
        ("Czech language", "český jazyk"),
    ],
    "uk": [
        ("роми, ромів, ромам, ромська, ромські, ромської, ромських", "Romové"),
        ("ромська меншина, ромської меншини", "romská menšina"),
        ("стратегія, стратегії, стратегію", "strategie"),
        ("інтеграція, інтеграції, інтеграцію", "integrace"),
        ("дотація, дотації, субсидія, субсидії, грант, гранти", "dotace"),
        ("іноземці, іноземців, іноземцям, іноземець, мігранти", "cizinci"),
        ("меншина, меншини", "menšina"),
        ("національні меншини, національних меншин", "národnostní menšiny"),
        ("звіт, звіти, звіту", "zpráva"),
        ("методика, методики", "metodika"),
        ("брошура, брошури, брошуру, листівка", "brožura"),
        ("допомога, допомоги, допомогу, підтримка", "pomoc"),
        ("контакти", "kontakty"),
        ("новини", "aktuality"),
        ("офіційна дошка оголошень, дошка оголошень", "úřední deska"),
        ("чеська мова, чеської мови, чеську мову", "český jazyk"),
    ],
}


def _documents(*rows):
    """A list of links to demo documents: (slug, text)."""
    items = "".join(
        f'<li><a href="/dokumenty/{slug}/">{text}</a></li>' for slug, text in rows
    )
    return f"<ul>{items}</ul>"


# What seed 000's page gathers, in its order and words: the documents are
# the demo's document records, linked from the page as the seed links them.
ROMA_PAGE_BODY = (
    "<h2>Analýzy a strategické dokumenty České republiky</h2>"
    + _documents(
        ("strategie-romske-integrace-do-roku-2020", "Strategie romské integrace do roku 2020"),
        ("zasady-dlouhodobe-koncepce-romske-integrace-do-roku-2025", "Zásady dlouhodobé koncepce romské integrace do roku 2025"),
    )
    + "<p>Rada Libereckého kraje schválila svým usnesením č. 1384/13/RK dne 17. 9. 2013 "
    '„<a href="/dokumenty/analyza-socialne-vyloucenych-lokalit-lk-2013/">Analýzu sociálně vyloučených lokalit a dostupnost sociálních služeb prevence v těchto lokalitách Libereckého kraje</a>“.</p>'
    "<p>V současné době se připravuje „Krajská strategie pro integraci romské komunity v Libereckém kraji“, která bude vycházet z vládní Strategie romské integrace do roku 2020. Za cíl si klademe působit koordinovaným postupem založeném na spolupráci všech subjektů do jejíchž působnosti problematika řešení romské problematiky patří. S podporou objektivních informací, podložených dat a s vyvážeností mezi odbornou a politickou reprezentací. Cílem je zlepšení sociální úrovně příslušníků romské komunity snížením nezaměstnanosti, zlepšení bytové situace a následně zdravotní situace, předcházení sociálnímu vylučování a odstraňování jeho důsledků.</p>"
    "<h2>Doporučení pro obce a města</h2>"
    "<p>Vloženo dne 1. 7. 2009. Doporučení pro obce a města pro předcházení tvorby a rozšiřování sociálně vyloučených lokalit se zdůrazněním zajištění potřeb bydlení. Toto doporučení vzniklo za vzájemné spolupráce veřejného ochránce lidských práv s dotčenými ústředními orgány státní správy.</p>"
    + _documents(("doporuceni-pro-obce-a-mesta", "Doporučení pro města a obce (ombudsman)"))
    + "<h2>Metodiky (MMR ČR)</h2>"
    + _documents(
        ("metodicka-prirucka-romsti-poradci", "Metodická příručka – doporučená pracovní náplň romských poradců, způsob její prezentace a šíření na úroveň obcí"),
        ("metodicka-prirucka-zlepseni-zivotnich-podminek-romu", "Metodická příručka – Zlepšení životních podmínek Romů na místní úrovni"),
        ("kucharka-nastroje-pro-obce", "Kuchařka – nástroje pro obce v boji proti sociálnímu vyloučení"),
    )
    + "<h2>Analýzy a strategické dokumenty Libereckého kraje</h2>"
    + _documents(
        ("analyza-socialne-vyloucenych-lokalit-lk-2013", "Analýza sociálně vyloučených lokalit LK – 2013"),
        ("bezpecnostni-analyza-lk-2008", "Bezpečnostní analýza LK 2008"),
        ("analyza-situace-narodnostnich-mensin", "Analýza situace národnostních menšin"),
    )
    + "<h2>Zpráva o stavu romské menšiny Libereckého kraje</h2>"
    + _documents(
        *((f"zprava-o-stavu-romske-mensiny-{year}", f"Rok {year}") for year in range(2016, 2011, -1))
    )
)  # fmt: skip

# Seed 000 lists five links without their addresses: the two well-known
# public home pages are given theirs; the other three are named as the seed
# names them, without an address rather than with a guessed one.
ROMA_LINKS = [
    ("Celostátní asociace Romů ČR", ""),
    (
        "Rada vlády pro záležitosti romské komunity",
        "https://vlada.gov.cz/cz/pracovni-a-poradni-organy-vlady/"
        "zalezitosti-romske-komunity/uvod-5779/",
    ),
    ("Romové v České republice", ""),
    ("Romský informační servis", ""),
    ("Agentura pro sociální začleňování", "https://www.socialni-zaclenovani.cz/"),
]

COORDINATOR_DUTIES = [
    "Podílí se na zpracování koncepce sociální politiky kraje.",
    "Provádí dílčí zpracování analýz, koncepcí a projektů v regionu s mimořádně závažnou sociální problematikou, zejména v oblasti sociálně vyloučených lokalit.",
    "Zajišťuje koncepční, metodické, koordinační, normotvorné a obdobné činnosti v dílčích oblastech státní správy nebo samosprávy týkající se problematiky romské komunity.",
    "Poskytuje konzultační pomoc romským poradcům nebo zaměstnancům obcí, kteří se zabývají agendou romské menšiny, organizacím, které se touto problematikou zabývají, i jednotlivcům.",
    "Připravuje souborné zprávy o situaci romských komunit/lokalit a ostatních národnostních menšin a o jejich potřebách, navrhujete jejich řešení pro orgány kraje.",
    "Zpracovává koncepční materiály a návrhy politiky kraje ve vztahu k problematice národnostních menšin na území kraje ve spolupráci s organizacemi působícími v této oblasti na území kraje.",
    "Zpracovává stanoviska k návrhům právních předpisů týkajících se romských komunit a ostatních národnostních menšin.",
    "Podílí se na krajské dotační politice ve své působnosti a zpracováváte odborná stanoviska k žádostem o dotace, které poskytují jednotlivé ústřední správní úřady.",
    "Spolupracuje s ostatními odbory krajského úřadu, romskými poradci a poradními orgány pro integraci romské menšiny, s romskými komunitami v kraji, s regionálními nevládními organizacemi při řešení vztahů mezi majoritou a romskou minoritou, při přípravě rozvojových programů a dokumentů kraje, komunitních plánů a plánů rozvoje sociálních služeb.",
    "Spolupracuje s Radou vlády ČR pro záležitosti romské komunity při zajišťování úkolů vládní politiky.",
    "Podílí se na realizaci programů na integraci cizinců v kraji.",
    "Podílí se na zajišťování státního integračního programu v oblasti zajištění bydlení formou jednorázové nabídky bydlení azylantovi z prostředků státu, připravujete podklady pro uzavírání smluv.",
    "Spolupracuje s obecními úřady, kde již integrace probíhá nebo bude probíhat.",
    "Zabezpečuje informovanost a metodickou pomoc obcím kraje na úseku integrace cizinců",
    "Vyřizuje stížnosti a podněty občanů a jiných orgánů týkající se Vaší agendy.",
    "Při své činnosti využívá referenční údaje obsažené v příslušném základním registru v rozsahu, v jakém je oprávněn tyto údaje využívat podle zákona č. 111/2009 Sb., nebo jiných právních předpisů.",
]  # fmt: skip

COORDINATOR_TITLE = (
    "Náplň činnosti koordinátora pro romské záležitosti, národnostní menšiny a "
    "integraci cizinců"
)
COORDINATOR_CHANGED_AT = datetime(2017, 4, 25, 9, 15, tzinfo=PRAGUE)

ACCESSIBILITY_BODY = (
    "<p>Odbor sociálních věcí se zavazuje zpřístupnit své webové stránky v souladu se "
    "zákonem č. 99/2019 Sb., o přístupnosti internetových stránek a mobilních aplikací. "
    "Toto prohlášení o přístupnosti se vztahuje na tento portál.</p>"
    "<h2>Stav souladu</h2>"
    "<p>Tyto webové stránky jsou částečně v souladu se zákonem č. 99/2019 Sb. (požadavky "
    "WCAG 2.1 na úrovni AA podle normy EN 301 549), a to kvůli nesouladu uvedenému "
    "níže.</p>"
    "<h2>Nepřístupný obsah</h2>"
    "<p>Některé starší dokumenty ve formátu PDF nemají textovou vrstvu, strukturu (tagy), "
    "určený jazyk nebo název, protože vznikly před účinností zákona nebo je vydaly jiné "
    "úřady. Redakční systém takové soubory označuje a postupně je nahrazujeme. Na požádání "
    "vám obsah kteréhokoli dokumentu poskytneme v přístupné podobě.</p>"
    "<p>Mapa na odkazovaných stránkách jiných úřadů není součástí tohoto webu.</p>"
    "<h2>Vypracování prohlášení</h2>"
    "<p>Prohlášení bylo vypracováno 25. 11. 2026 na základě vlastního posouzení: "
    "automatických testů nástrojem axe-core na všech typech stránek při šířce 1280 a 320 "
    "pixelů a ručního ověření ovládání klávesnicí. Naposledy bylo prohlášení přezkoumáno "
    "25. 11. 2026.</p>"
    "<h2>Zpětná vazba a kontaktní údaje</h2>"
    "<p>Nedostatky v přístupnosti nám prosím oznamte prostřednictvím "
    '<a href="/kontakty/">kontaktů odboru</a>. Odpovíme bez zbytečného odkladu.</p>'
    "<h2>Postupy pro prosazování práva</h2>"
    "<p>Pokud na své oznámení nebo žádost nedostanete uspokojivou odpověď, můžete podat "
    "podnět Digitální a informační agentuře, která dohlíží na dodržování zákona "
    "č. 99/2019 Sb.</p>"
)

PRIVACY_BODY = (
    "<p>Krajský úřad zpracovává osobní údaje v souladu s obecným nařízením o ochraně "
    "osobních údajů (GDPR) a zákonem č. 110/2019 Sb., o zpracování osobních údajů.</p>"
    "<h2>Co zpracovává tento portál</h2>"
    "<ul><li>E-mailovou adresu a vybraná témata odběratelů novinek, s časem udělení "
    "souhlasu; odběr lze kdykoli zrušit odkazem v každém e-mailu.</li>"
    "<li>Jméno, e-mail a text zprávy odeslané kontaktním formulářem projektu, aby "
    "vám mohla odpovědět kontaktní osoba projektu.</li>"
    "<li>Jména a obce příjemců dotací, kteří jsou fyzickými osobami, v rozsahu, "
    "který ukládá zákon č. 250/2000 Sb.</li></ul>"
    "<p>Portál nepoužívá analytické ani reklamní nástroje a nepředává údaje třetím "
    "stranám.</p>"
    "<h2>Pověřenec pro ochranu osobních údajů</h2>"
    "<p>Kontaktní údaje pověřence pro ochranu osobních údajů krajského úřadu najdete "
    'v <a href="/kontakty/">kontaktech</a>; doplňuje je správce webu.</p>'
)

COOKIES_BODY = (
    "<p>Veřejné stránky portálu neukládají do vašeho prohlížeče žádné soubory cookie, "
    "pokud nevyplňujete formulář. Formuláře (odběr novinek, kontaktní formulář) ukládají "
    "jen technicky nezbytnou cookie <code>csrftoken</code>, která chrání před "
    "podvrženým odesláním formuláře. Redakce používá po přihlášení cookie relace.</p>"
    "<p>Nepoužíváme analytické, reklamní ani jiné sledovací cookies, a proto po vás "
    "nežádáme souhlas.</p>"
)


# Seed 001: "Úřední hodiny: pondělí a středa: 8.00–17.00, úterý, čtvrtek
# a pátek 8.00–13.00".
OFFICE_HOURS = {
    OfficeHours.Weekday.MONDAY: (time(8), time(17)),
    OfficeHours.Weekday.TUESDAY: (time(8), time(13)),
    OfficeHours.Weekday.WEDNESDAY: (time(8), time(17)),
    OfficeHours.Weekday.THURSDAY: (time(8), time(13)),
    OfficeHours.Weekday.FRIDAY: (time(8), time(13)),
}


def upsert_page(parent, slug, **fields):
    page, _changed = upsert(
        Page, {"parent": parent, "slug": slug}, status=Status.PUBLISHED, **fields
    )
    return page


def load():
    site, _ = upsert(
        SiteSettings,
        {"pk": 1},
        authority_name="Krajský úřad Kraje Vysočina",
        department_name="Odbor sociálních věcí",
        address="Žižkova 1882/57\n586 01 Jihlava",
        ico="70890749",
        data_box="ksab3eu",
        phone="564 602 111",
        email="posta@kr-vysocina.cz",
        office_hours=(
            "Pokladna, CzechPOINT: pondělí a středa 8.00–12.00 a 13.00–17.00."
        ),
        # The demo gathers three regions' pages (see the seeds' README); the
        # header names the one whose contacts the footer gives (seed 001),
        # and the footer of every page says so (a notice above the header
        # would push a project's title out of a phone's first screen).
        about=(
            "Ukázkový web: jeho obsah pochází ze stránek tří krajských úřadů "
            "(Libereckého kraje, Plzeňského kraje a Kraje Vysočina); kontaktní "
            "údaje jsou Kraje Vysočina."
        ),
        about_en=(
            "A demonstration site: its content comes from the pages of three "
            "regional authorities (the Liberec, Plzeň and Vysočina Regions); "
            "the contact details are those of the Vysočina Region."
        ),
        about_uk=(
            "Демонстраційний сайт: його вміст походить зі сторінок трьох "
            "крайових урядів (Ліберецького і Пльзенського країв та краю "
            "Височина); контактні дані належать краю Височина."
        ),
        # The header's and footer's labels in the other languages.
        authority_name_en="Regional Authority of the Vysočina Region",
        authority_name_uk="Крайовий уряд краю Височина",
        department_name_en="Department of Social Affairs",
        department_name_uk="Відділ соціальних справ",
        office_hours_en=(
            "Cash desk, CzechPOINT: Monday and Wednesday 8.00–12.00 and 13.00–17.00."
        ),
        office_hours_uk=(
            "Каса, CzechPOINT: понеділок і середа 8.00–12.00 та 13.00–17.00."
        ),
    )
    for weekday, (opens, closes) in OFFICE_HOURS.items():
        upsert(
            OfficeHours,
            {"site": site, "weekday": weekday},
            opens=opens,
            closes=closes,
        )

    topics = {}
    for order, (name, slug, description) in enumerate(TOPICS):
        name_en, name_uk = TOPIC_NAMES[slug]
        topics[slug], _ = upsert(
            Topic,
            {"slug": slug},
            name=name,
            name_en=name_en,
            name_uk=name_uk,
            description=description,
            order=order,
            keywords_en=name_en,
            keywords_uk=name_uk,
        )

    for language, terms in SEARCH_TERMS.items():
        for words, czech in terms:
            upsert(SearchTerm, {"language": language, "words": words}, czech=czech)

    vaculik, _ = upsert(Person, {"name": "Mgr. Pavel Vaculík"})

    roma = upsert_page(
        None,
        "romove",
        title="Romové",
        title_en="Roma",
        title_uk="Роми",
        order=1,
        show_in_menu=True,
        body=ROMA_PAGE_BODY,
        publish_at=datetime(2009, 7, 1, tzinfo=PRAGUE),
    )
    set_related(
        roma.topics, [topics["romska-mensina"], topics["socialne-vyloucene-lokality"]]
    )
    group, _ = upsert(LinkGroup, {"page": roma, "title": "Odkazy"})
    for order, (title, url) in enumerate(ROMA_LINKS):
        upsert(Link, {"group": group, "title": title}, url=url, order=order)
    group.links.exclude(title__in=[title for title, _url in ROMA_LINKS]).delete()

    authority = upsert_page(
        None,
        "krajsky-urad",
        title="Krajský úřad",
        order=2,
        publish_at=COORDINATOR_CHANGED_AT,
    )
    departments = upsert_page(
        authority, "odbory-ku", title="Odbory KÚ", publish_at=COORDINATOR_CHANGED_AT
    )
    duties = "".join(f"<li>{duty}</li>" for duty in COORDINATOR_DUTIES)
    coordinator = upsert_page(
        departments,
        "napln-cinnosti-koordinatora",
        title=COORDINATOR_TITLE,
        body=f"<ul>{duties}</ul>",
        responsible=vaculik,
        publish_at=COORDINATOR_CHANGED_AT,
    )
    set_related(
        coordinator.topics,
        [
            topics["romska-mensina"],
            topics["narodnostni-mensiny"],
            topics["integrace-cizincu"],
        ],
    )
    # "Datum poslední změny: 25.4.2017 9:15" as the seed shows it; update()
    # bypasses auto_now.
    Page.objects.filter(pk=coordinator.pk).update(updated_at=COORDINATOR_CHANGED_AT)

    for order, (slug, title, body) in enumerate(
        [
            (
                "prohlaseni-o-pristupnosti",
                "Prohlášení o přístupnosti",
                ACCESSIBILITY_BODY,
            ),
            ("ochrana-osobnich-udaju", "Ochrana osobních údajů", PRIVACY_BODY),
            ("cookies", "Cookies", COOKIES_BODY),
        ],
        start=90,
    ):
        upsert_page(None, slug, title=title, order=order, body=body)
    return f"{Topic.objects.count()} témata, {Page.objects.count()} stránek"
