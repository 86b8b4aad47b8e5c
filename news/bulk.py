"""The news' part of the bulk data (portal/bulk.py): items over the years,
some linked to the bulk documents, programmes and projects."""

from news.models import NewsItem
from news.section import NewsSection
from portal.models import Status

HEADLINES = (
    "Kraj vyhlásil",
    "Vyšla nová",
    "Pozvánka na seminář:",
    "Výsledky hodnocení:",
    "Aktualizovaná",
    "Setkání koordinátorů:",
)


def generate(bulk):
    items = []
    for number in range(bulk.sizes["news"]):
        title = f"{bulk.choice(HEADLINES)} {bulk.title().lower()}"
        items.append(
            NewsItem(
                title=title,
                slug=bulk.slug(title, number),
                status=Status.PUBLISHED,
                publish_at=bulk.past(),
                lead=bulk.text(1),
                body=f"<p>{bulk.text(4)}</p><p>{bulk.text(3)}</p>",
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
