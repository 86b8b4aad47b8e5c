"""Programme 5.1 of seed 003: announced by 566/19/ZK on 17. 12. 2019,
allocation cut to 500 000 Kč by 793/20/RK on 19. 5. 2020, subsidies awarded
by 158/20/ZK on 26. 5. 2020. The seed gives neither the original allocation,
the window, the limits nor the recipients: those stay empty, and the page
points to resolution 158/20/ZK for the list. The awards table is shown on a
separate programme whose name says it is an example, with organisations
marked as sample data."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from documents.models import Category, Document, DocumentFile
from documents.pdf import build_pdf
from grants.models import AllocationChange, Award, Programme
from noticeboard import demo as noticeboard_demo
from noticeboard.models import Notice
from portal.models import Organisation, Resolution, Status, Topic
from portal.seeding import set_related, upsert

PRAGUE = ZoneInfo("Europe/Prague")
SLUG = "podpora-integrace-narodnostnich-mensin-a-cizincu-2020"
EXAMPLE_SLUG = "ukazkovy-program-priklad-prehledu-prijemcu"
CUT_REASON = (
    "Z důvodů restriktivních rozpočtových opatření k udržení vyrovnaného rozpočtu "
    "Libereckého kraje v souvislosti s mimořádnými opatřeními Vlády ČR a nouzovým "
    "stavem v ČR."
)
# Sample recipients of the example programme: invented names,
# valid-checksum IČO, amounts summing to its 255 000 Kč allocation.
SAMPLE_AWARDS = [
    (
        "Ukázková organizace A, z. s.",
        "12345679",
        "Ukázkový projekt: doučování dětí cizinců",
        150000,
        120000,
    ),
    (
        "Ukázková organizace B, o. p. s.",
        "23456787",
        "Ukázkový projekt: kurz češtiny pro dospělé",
        90000,
        90000,
    ),
    (
        "Ukázková organizace C, z. ú.",
        "34567895",
        "Ukázkový projekt: romský kulturní festival",
        60000,
        45000,
    ),
]


def resolution(number, year, body, day):
    row, _ = upsert(
        Resolution, {"number": number, "year": year, "body": body}, date=day
    )
    return row


def sample_document(slug, title, category, published=(2019, 12, 17)):
    """A stand-in for a programme's document, dated by the seed: the day
    the programme was announced (17. 12. 2019) unless ``published`` says
    otherwise."""
    document, _ = upsert(
        Document,
        {"slug": slug},
        title=title,
        category=category,
        status=Status.PUBLISHED,
        publish_at=datetime(*published, 9, 0, tzinfo=PRAGUE),
        year=2020,
    )
    if not document.files.exists():
        file = DocumentFile(document=document, language="cs")
        file.file = ContentFile(
            build_pdf(
                title,
                [
                    "Ukázkový dokument portálu; obsah původního dokumentu není součástí ukázkových dat."
                ],
            ),
            name=f"{slug}.pdf",
        )
        file.save()
    return document


def load():
    announced = resolution(566, 2019, Resolution.Body.ASSEMBLY, date(2019, 12, 17))
    cut = resolution(793, 2020, Resolution.Body.COUNCIL, date(2020, 5, 19))
    awarded = resolution(158, 2020, Resolution.Body.ASSEMBLY, date(2020, 5, 26))
    category, _ = upsert(
        Category,
        {"slug": "dotacni-dokumenty"},
        name="Dotační dokumenty",
        name_en="Grant documents",
        name_uk="Документи до дотацій",
        order=10,
    )
    conditions = sample_document(
        "podminky-programu-5-1-2020",
        "Podmínky programu 5.1 (ukázkový dokument)",
        category,
    )
    form = sample_document(
        "formular-zadosti-5-1-2020",
        "Formulář žádosti programu 5.1 (ukázkový dokument)",
        category,
    )
    # The seed's news links the recipients' overview (its content is not
    # in the seed: a sample document stands for it).
    overview = sample_document(
        "prehled-pridelenych-dotacnich-prostredku-2020",
        "Přehled přidělených dotačních prostředků na rok 2020 (ukázkový dokument)",
        category,
        published=(2020, 5, 26),  # linked from that day's news
    )
    # The announcement on the notice board, with the programme's documents.
    notice = Notice.objects.get(slug=noticeboard_demo.SLUG)
    set_related(notice.attachments, [conditions, form])
    programme, _ = upsert(
        Programme,
        {"slug": SLUG},
        title="Podpora integrace národnostních menšin a cizinců",
        code="5.1",
        year=2020,
        fund="Dotační fond Libereckého kraje",
        purpose="Podpora integrace národnostních menšin a cizinců.",
        announcing_resolution=announced,
        decision_resolution=awarded,
        entered_after_fact=True,
        conditions_document=conditions,
        application_form=form,
        awards_document=overview,
        notice=notice,
        notice_board_date=notice.posting_date(),
        status=Status.PUBLISHED,
        publish_at=datetime(2019, 12, 17, 12, 0, tzinfo=PRAGUE),
    )
    topics = Topic.objects.filter(slug__in=["narodnostni-mensiny", "integrace-cizincu"])
    set_related(programme.topics, list(topics))
    upsert(
        AllocationChange,
        {"programme": programme, "resolution": cut},
        date=date(2020, 5, 19),
        new_amount=Decimal("500000"),
        reason=CUT_REASON,
    )
    # The seed names no recipients; rows an earlier demo invented go.
    Award.objects.filter(programme=programme).delete()

    # Nobody is paid before a decision, but no resolution of the example is
    # real: its resolution says it is an example in its own reference.
    example_decision, _ = upsert(
        Resolution,
        {"number": 1, "year": 2019, "body": Resolution.Body.OTHER},
        body_abbr="UKÁZKA",
        date=date(2019, 5, 2),
    )
    example, _ = upsert(
        Programme,
        {"slug": EXAMPLE_SLUG},
        title="Ukázkový program – příklad přehledu příjemců",
        code="0.0",
        year=2019,
        purpose=(
            "Není skutečný program: ukazuje, jak portál zobrazí přidělené dotace, "
            "jejich součty a otevřená data. Příjemci jsou vymyšlení."
        ),
        allocation=Decimal("255000"),
        window_start=date(2019, 3, 1),
        window_end=date(2019, 3, 31),
        decision_resolution=example_decision,
        entered_after_fact=True,
        status=Status.PUBLISHED,
        publish_at=datetime(2019, 1, 2, 12, 0, tzinfo=PRAGUE),
    )
    for name, ico, project, requested, amount in SAMPLE_AWARDS:
        organisation, _ = upsert(
            Organisation,
            {"ico": ico},
            name=name,
            kind=Organisation.Kind.NGO,
            is_sample=True,
        )
        upsert(
            Award,
            {"programme": example, "organisation": organisation},
            project_title=project,
            requested=Decimal(requested),
            awarded=Decimal(amount),
            resolution=example_decision,
        )
    return (
        f"{Programme.objects.count()} dotační programy, "
        f"{Award.objects.count()} ukázkové dotace"
    )
