"""The notice board's part of the demo content: the announcement of
programme 5.1 of seed 003, whose conditions the regional assembly approved
by 566/19/ZK on 17. 12. 2019. The seed gives no record of the board itself:
the notice is dated by that resolution and stays relevant until the
decision of 26. 5. 2020 (158/20/ZK), so it sits in the archive; its
reference number and file number stay empty."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

from noticeboard.models import Agenda, Notice
from portal.models import Status
from portal.seeding import upsert

PRAGUE = ZoneInfo("Europe/Prague")
SLUG = "vyhlaseni-programu-5-1-podpora-integrace-narodnostnich-mensin-a-cizincu"


def load():
    upsert(
        Notice,
        {"slug": SLUG},
        title=(
            "Vyhlášení dotačního programu 5.1 Podpora integrace národnostních "
            "menšin a cizinců"
        ),
        posted_on=date(2019, 12, 17),
        relevant_until=date(2020, 5, 26),
        agenda=Agenda.SUBSIDIES,
        department="Odbor sociálních věcí",
        description=(
            "Vyhlášení a podmínky programu schválilo Zastupitelstvo Libereckého "
            "kraje usnesením č. 566/19/ZK ze dne 17. 12. 2019."
        ),
        status=Status.PUBLISHED,
        publish_at=datetime(2019, 12, 17, 8, 0, tzinfo=PRAGUE),
    )
    return "1 oznámení"
