"""The notice board's part of the bulk data (portal/bulk.py): notices
posted over the years, most of them taken down, a few dozen on the board,
some with bulk documents attached."""

from datetime import timedelta

from django.utils import timezone

from noticeboard.models import Agenda, Notice
from noticeboard.section import NoticeboardSection

TITLES = (
    "Oznámení o vyhlášení programu na podporu {gen}",
    "Veřejná vyhláška: {nom} v obci {town}",
    "Výběrové řízení: koordinátor pro oblast {gen}",
    "Oznámení o zahájení řízení v oblasti {gen}",
    "Informace o výsledcích programu na podporu {gen} za rok {year}",
)


def generate(bulk):
    notices = []
    for number in range(bulk.sizes.get("notices", 0)):
        status, publish_at = bulk.lifecycle(number, days=3000)
        posted = timezone.localdate(publish_at)
        # Most notices hang 15 to 60 days; about one in ten until revoked.
        relevant = (
            None
            if bulk.rng.random() < 0.1
            else posted + timedelta(days=bulk.rng.randint(15, 60))
        )
        title = bulk.fill(bulk.choice(TITLES), year=posted.year - 1)
        notices.append(
            Notice(
                title=title,
                slug=bulk.slug(title, number),
                status=status,
                publish_at=publish_at,
                posted_on=posted,
                relevant_until=relevant,
                reference_number=f"OSV {number + 1}/{posted.year}",
                file_number=f"OSV/{bulk.rng.randint(1, 300)}/{posted.year}",
                agenda=bulk.choice(Agenda.values),
                department="Odbor sociálních věcí",
                description=bulk.text(2),
            )
        )
    notices = bulk.create(Notice, notices)
    documents = getattr(bulk, "documents", [])
    if documents:
        bulk.link(
            Notice.attachments.field,
            (
                (notice, bulk.choice(documents))
                for notice in notices
                if bulk.rng.random() < 0.6
            ),
        )
    bulk.index(NoticeboardSection(), notices)
