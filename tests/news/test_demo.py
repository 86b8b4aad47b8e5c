from datetime import date

from news import demo
from news.demo import PRAGUE
from news.models import NewsItem
from tests.factories import make_document, make_programme


def test_demo_news_keep_the_seed_dates_and_load_once(db):
    """The seed's seven items appear with their real dates, and only once."""
    first = demo.load()
    second = demo.load()
    assert first == second
    dates = sorted(
        item.publish_at.astimezone(PRAGUE).date() for item in NewsItem.objects.all()
    )
    assert dates == [
        date(2019, 12, 17),
        date(2020, 5, 19),
        date(2020, 5, 26),
        date(2020, 6, 8),
        date(2020, 6, 23),
        date(2020, 6, 23),
        date(2021, 1, 13),
    ]
    assert all(item.lead for item in NewsItem.objects.published())


def test_demo_links_the_brochure_and_the_programme_when_they_exist(db):
    """The January 2021 item points to the brochure, three to programme 5.1."""
    brochure = make_document(slug="preventivni-brozura-pro-cizince")
    programme = make_programme(
        slug="podpora-integrace-narodnostnich-mensin-a-cizincu-2020"
    )
    demo.load()
    assert [
        item.publish_at.astimezone(PRAGUE).date() for item in brochure.news_items.all()
    ] == [date(2021, 1, 13)]
    assert programme.news_items.count() == 3
