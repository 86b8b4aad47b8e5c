"""The news items of seed 003 with their real dates; the texts are the
seed's, the short titles summarise them."""

from datetime import datetime
from zoneinfo import ZoneInfo

from documents.models import Document
from grants.models import Programme
from news.models import NewsItem
from portal.models import Status, Topic
from portal.seeding import set_related, upsert

PRAGUE = ZoneInfo("Europe/Prague")
PROGRAMME_SLUG = "podpora-integrace-narodnostnich-mensin-a-cizincu-2020"

ITEMS = [
    dict(
        slug="preventivni-brozura-pro-cizince",
        title="Vyšla preventivní brožura pro cizince",
        date=(2021, 1, 13),
        topics=["integrace-cizincu"],
        documents=["preventivni-brozura-pro-cizince"],
        lead=(
            "Liberecký kraj prostřednictvím odboru sociálních věcí ve spolupráci s Krajem "
            "Vysočina a Centrem na podporu integrace cizinců vydal preventivní brožuru pro "
            "cizince, která je zaměřena na aktuální problémy v kraji."
        ),
        body=(
            "<p>Brožura prozatím vznikla v jazyce českém a s ohledem na rozložení cizinců "
            "v kraji se v současné době zpracovává v pěti jazykových mutacích. Cílí jak na "
            "cizince z EU, tak na třetizemce. Rozdělení dle jazykových mutací bude tudíž "
            "kopírovat jazyky, kterými hovoří početnější komunita cizinců žijících na území "
            "Libereckého kraje. Brožura bude v následujících měsících přeložena do "
            "angličtiny, ruštiny, ukrajinštiny, vietnamštiny a mongolštiny.</p>"
            "<p>Brožura se snaží preventivně působit v devíti oblastech, například v oblasti "
            "zaměstnání, bydlení, zdravotnictví nebo bezpečnosti. Není opomenuta ani otázka "
            "sociálně právní ochrany dětí, rodinná politika či oblast drog. Další část je "
            "zaměřena na užitečné kontaktní údaje v každém ze čtyř okresů. Vybrané tematické "
            "oblasti jsou záměrně pojaty široce, ale úzce spolu souvisí. „Brožura má za cíl "
            "pomoci jak obyvatelům kraje, zaměstnavatelům, tak zejména samotným cizincům.</p>"
            "<p>Brožura je v elektronické verzi zveřejněna na našich webových stránkách.</p>"
            "<p>V tištěné verzi bude dodána v průběhu měsíce leden 2021 a následně dle "
            "požadavků distribuována.</p>"
        ),
    ),
    dict(
        slug="partnerstvi-v-projektu-agentury-pro-socialni-zaclenovani",
        title="Liberecký kraj je partnerem projektu Agentury pro sociální začleňování",
        date=(2020, 6, 23),
        topics=["socialne-vyloucene-lokality"],
        lead=(
            "Liberecký kraj je jedním z partnerů projektu „AGENTURA PRO SOCIÁLNÍ "
            "ZAČLEŇOVÁNÍ JAKO INOVAČNÍ AKTÉR POLITIKY SOCIÁLNÍHO ZAČLEŇOVÁNÍ“."
        ),
        body=(
            '<p>Bližší informace o projektu naleznete na <a href="https://www.socialni-'
            "zaclenovani.cz/projekt-agentura-pro-socialni-zaclenovani-jako-inovacni-akter-"
            'politiky-socialniho-zaclenovani/">webových stránkách Agentury pro sociální '
            "začleňování</a>.</p>"
        ),
    ),
    dict(
        slug="letak-letni-aktivity-vyuka-cestiny",
        title="Leták: letní aktivity na podporu výuky češtiny pro děti s odlišným mateřským jazykem",
        date=(2020, 6, 23),
        topics=["integrace-cizincu"],
        documents=["aktivity-na-podporu-vyuky-ceskeho-jazyka"],
        lead=(
            "Sdružení pro integraci a migraci, o.p.s. v rámci projektu „Města a inkluzivní "
            "strategie“, do kterého je zapojen i Liberecký kraj, vytvořilo informační leták "
            "– Aktivity na podporu výuky českého jazyka o letních prázdninách pro děti "
            "a žáky s odlišným mateřským jazykem."
        ),
        body="<p>Leták je volně ke stažení v souvisejících dokumentech.</p>",
    ),
    dict(
        slug="poradenske-hodiny-cic-jablonec-nad-nisou",
        title="Centrum pro integraci cizinců rozšiřuje poradenské hodiny do Jablonce nad Nisou",
        date=(2020, 6, 8),
        topics=["integrace-cizincu"],
        lead=(
            "Centrum pro integraci cizinců, o.p.s. rozšiřuje poradenské hodiny do dalšího "
            "místa ve sdílené konzultační místnosti ve Spolkovém domě, E. Floriánové 1736/8 "
            "(patro 2b), Jablonec nad Nisou, a to každou středu od 10,00 do 12,00 hodin."
        ),
        body=(
            "<p>Služby jsou určeny cizincům/migrantům s pobytovým oprávněním. Nadále jsou "
            "konzultace cizinecké problematiky na telefonním čísle 481 120 049 nebo "
            "735 752 467, a to včetně Liberecké pobočky CIC, Moskevská 27/14, Liberec IV - "
            "Perštýn.</p>"
        ),
    ),
    dict(
        slug="rozhodnuti-o-dotacich-programu-5-1",
        title="Zastupitelstvo rozhodlo o dotacích z programu 5.1",
        date=(2020, 5, 26),
        topics=["narodnostni-mensiny", "integrace-cizincu"],
        programme=True,
        lead=(
            "26. května 2020 rozhodlo Zastupitelstvo Libereckého kraje usnesením "
            "č. 158/20/ZK o poskytnutí neinvestiční dotace jednotlivým příjemcům programu "
            "č. 5.1 - Podpora integrace národnostních menšin a cizinců."
        ),
        body="<p>Přehled přidělených dotačních prostředků na rok 2020 najdete u dotačního programu.</p>",
    ),
    dict(
        slug="snizeni-alokace-programu-5-1",
        title="Rada kraje snížila alokaci programu 5.1 na 500 000 Kč",
        date=(2020, 5, 19),
        topics=["narodnostni-mensiny", "integrace-cizincu"],
        programme=True,
        lead=(
            "19. května 2020 Rada kraje z důvodů restriktivních rozpočtových opatření "
            "k udržení vyrovnaného rozpočtu Libereckého kraje v souvislosti s mimořádnými "
            "opatřeními Vlády ČR a nouzovým stavem v ČR usnesením č. 793/20/RK odsouhlasila "
            "novou výši alokací programů Dotačního fondu Libereckého kraje."
        ),
        body=(
            "<p>Původní alokace finančních prostředků na program 5.1 - Podpora integrace "
            "národnostních menšin a cizinců byla ponížena na 500.000,- Kč.</p>"
        ),
    ),
    dict(
        slug="vyhlaseni-programu-5-1",
        title="Vyhlášen dotační program 5.1 Podpora integrace národnostních menšin a cizinců",
        date=(2019, 12, 17),
        topics=["narodnostni-mensiny", "integrace-cizincu"],
        programme=True,
        lead=(
            "17. prosince 2019 schválilo Zastupitelstvo Libereckého kraje usnesením "
            "č. 566/19/ZK Vyhlášení a podmínky dotačního programu č. 5.1 - Podpora "
            "integrace národnostních menšin a cizinců."
        ),
        body="<p>Bližší informace najdete u dotačního programu.</p>",
    ),
]


def load():
    topics = {topic.slug: topic for topic in Topic.objects.all()}
    for spec in ITEMS:
        spec = dict(spec)
        year, month, day = spec.pop("date")
        topic_slugs = spec.pop("topics")
        document_slugs = spec.pop("documents", [])
        links_programme = spec.pop("programme", False)
        item, _ = upsert(
            NewsItem,
            {"slug": spec.pop("slug")},
            status=Status.PUBLISHED,
            publish_at=datetime(year, month, day, 9, 0, tzinfo=PRAGUE),
            **spec,
        )
        set_related(
            item.topics, [topics[slug] for slug in topic_slugs if slug in topics]
        )
        set_related(
            item.documents, list(Document.objects.filter(slug__in=document_slugs))
        )
        if links_programme:
            programmes = Programme.objects.filter(slug=PROGRAMME_SLUG)
            set_related(item.programmes, list(programmes))
    return f"{NewsItem.objects.count()} aktualit"
