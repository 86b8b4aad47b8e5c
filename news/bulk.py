"""The news' part of the bulk data (portal/bulk.py): items over the years,
some linked to the bulk documents, programmes and projects."""

from news.models import NewsItem
from news.section import NewsSection

HEADLINES = (
    "Kraj vyhlásil dotační program na podporu {gen}",
    "Vyšla výroční zpráva o stavu {gen} za rok {year}",
    "Pozvánka na seminář: {nom} v praxi obcí",
    "Výsledky hodnocení žádostí v oblasti {gen}",
    "Setkání koordinátorů v obci {town}: {nom}",
    "Nová metodika pro obce v oblasti {gen}",
    "Kulatý stůl k tématu {nom} v obci {town}",
)


def generate(bulk):
    items = []
    for number in range(bulk.sizes["news"]):
        status, publish_at = bulk.lifecycle(number)
        title = bulk.fill(bulk.choice(HEADLINES), year=publish_at.year - 1)
        items.append(
            NewsItem(
                title=title,
                slug=bulk.slug(title, number),
                status=status,
                publish_at=publish_at,
                lead=bulk.text(2),
                body=f"<p>{bulk.text(5)}</p><p>{bulk.text(4)}</p>",
            )
        )
    items = bulk.create(NewsItem, items)
    bulk.some_topics(items, NewsItem.topics.field)
    for field, targets in (
        (NewsItem.documents.field, getattr(bulk, "documents", [])),
        (NewsItem.programmes.field, getattr(bulk, "programmes", [])),
        (NewsItem.projects.field, getattr(bulk, "projects", [])),
    ):
        if targets:
            bulk.link(
                field,
                (
                    (item, bulk.choice(targets))
                    for item in items
                    if bulk.rng.random() < 0.2
                ),
            )
    bulk.index(NewsSection(), items)
    bulk.pages["news"] = bulk.first_public(items)
