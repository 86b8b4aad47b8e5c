import io
from datetime import timedelta

import feedparser
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pytest_django.asserts import assertContains, assertNotContains

from portal.models import Status
from tests.factories import (
    make_document,
    make_news_item,
    make_programme,
    make_project,
    make_topic,
)

LIST = reverse("news:list")


@pytest.fixture
def three_states(db):
    make_news_item(title="Zveřejněná zpráva")
    make_news_item(title="Rozepsaný koncept", status=Status.DRAFT)
    make_news_item(
        title="Zítřejší oznámení", publish_at=timezone.now() + timedelta(days=1)
    )


@pytest.mark.parametrize(
    "url", [LIST, reverse("news:rss"), reverse("news:atom"), reverse("portal:home")]
)
def test_only_published_news_reach_lists_feeds_and_home(client, three_states, url):
    response = client.get(url)
    assertContains(response, "Zveřejněná zpráva")
    assertNotContains(response, "Rozepsaný koncept")
    assertNotContains(response, "Zítřejší oznámení")


def test_draft_and_scheduled_details_are_404(client, db):
    draft = make_news_item(status=Status.DRAFT)
    later = make_news_item(publish_at=timezone.now() + timedelta(minutes=10))
    assert client.get(draft.get_absolute_url()).status_code == 404
    assert client.get(later.get_absolute_url()).status_code == 404


def test_list_is_newest_first_with_pinned_items_on_top(client, db):
    now = timezone.now()
    make_news_item(title="Starší", publish_at=now - timedelta(days=10))
    make_news_item(title="Novější", publish_at=now - timedelta(days=1))
    make_news_item(title="Připnutá", publish_at=now - timedelta(days=30), pinned=True)
    titles = [item.title for item in client.get(LIST).context["page_obj"]]
    assert titles == ["Připnutá", "Novější", "Starší"]


def test_filter_by_topic_and_year(client, db):
    topic = make_topic(name="Integrace cizinců", slug="integrace-cizincu")
    tagged = make_news_item(
        title="Brožura pro cizince", publish_at=timezone.now().replace(year=2021)
    )
    tagged.topics.add(topic)
    make_news_item(title="Jiná", publish_at=timezone.now().replace(year=2020))
    by_topic = client.get(LIST, {"topic": "integrace-cizincu"}).context["page_obj"]
    assert [item.title for item in by_topic] == ["Brožura pro cizince"]
    by_year = client.get(LIST, {"year": "2020"}).context["page_obj"]
    assert [item.title for item in by_year] == ["Jiná"]
    assertContains(client.get(LIST, {"year": "abc"}), "neplatnou hodnotu")


def test_year_archive_and_unknown_years(client, db):
    make_news_item(
        title="Vyhlášení programu",
        publish_at=timezone.now().replace(year=2019, month=12, day=17),
    )
    assertContains(client.get(reverse("news:year", args=[2019])), "Vyhlášení programu")
    assert client.get(reverse("news:year", args=[2018])).status_code == 404
    assert client.get("/aktuality/99999999999999999999/").status_code == 404
    assert client.get(LIST, {"page": "999999999"}).status_code == 404


def test_the_archive_by_years_is_on_the_lists_front_page(client, db):
    """The years follow no filter: a filtered list does not repeat them."""
    make_news_item(
        title="Vyhlášení programu",
        publish_at=timezone.now().replace(year=2019, month=12, day=17),
    )
    assertContains(client.get(LIST), "Archiv podle let")
    assertContains(client.get(reverse("news:year", args=[2019])), "Archiv podle let")
    assertNotContains(client.get(LIST, {"year": "2019"}), "Archiv podle let")


def test_detail_shows_related_documents(client, db):
    document = make_document(title="Preventivní brožura pro cizince")
    item = make_news_item(
        title="Vyšla brožura", body="<p>Text <script>alert(1)</script></p>"
    )
    item.documents.add(document)
    response = client.get(item.get_absolute_url())
    assertContains(response, "Preventivní brožura pro cizince")
    assertNotContains(response, "<script>alert(1)")
    # and the document page shows the news back
    assertContains(client.get(document.get_absolute_url()), "Vyšla brožura")


def test_feeds_parse_as_valid_rss_and_atom(client, db):
    topic = make_topic(name="Romská menšina", slug="romska-mensina")
    item = make_news_item(title="Zpráva o stavu romské menšiny")
    item.topics.add(topic)
    make_news_item(title="Bez tématu")
    rss = feedparser.parse(client.get(reverse("news:rss")).content)
    atom = feedparser.parse(client.get(reverse("news:atom")).content)
    assert (rss.version, atom.version) == ("rss20", "atom10")
    assert not rss.bozo and not atom.bozo
    assert {entry.title for entry in rss.entries} == {
        "Zpráva o stavu romské menšiny",
        "Bez tématu",
    }
    per_topic = feedparser.parse(
        client.get(reverse("news:topic_atom", args=["romska-mensina"])).content
    )
    assert [entry.title for entry in per_topic.entries] == [
        "Zpráva o stavu romské menšiny"
    ]
    assertContains(client.get(LIST), 'type="application/rss+xml"')


@pytest.mark.usefixtures("no_page_cache")
def test_feed_reads_its_entries_in_one_query(client, db):
    """The feed loads only the columns its entries show, and all of them:
    a column left out would be read by a query per entry."""
    items = [make_news_item(title=f"Zpráva {number}") for number in range(12)]
    with CaptureQueriesContext(connection) as queries:
        feed = feedparser.parse(client.get(reverse("news:atom")).content)
    assert len(feed.entries) == 12
    entry = next(e for e in feed.entries if e.title == items[0].title)
    assert entry.link.endswith(items[0].get_absolute_url())
    assert entry.summary == f"<p>{items[0].lead}</p>"
    assert entry.published_parsed and entry.updated_parsed
    reads = [q for q in queries.captured_queries if "news_newsitem" in q["sql"]]
    assert len(reads) == 1


def test_rss_and_atom_list_the_same_entries_and_follow_the_news(client, db):
    """Both feeds list the same entries, under any host name; a changed or
    withdrawn item leaves both at once, and a topic's feed keeps entries of
    its own."""
    item = make_news_item(title="Zpráva o stavu romské menšiny")
    make_news_item(title="Bez tématu")
    topic = make_topic(name="Romská menšina", slug="romska-mensina")
    item.topics.add(topic)
    atom = feedparser.parse(client.get(reverse("news:atom")).content)
    response = client.get(reverse("news:rss"), HTTP_HOST="127.0.0.1")
    rss = feedparser.parse(response.content)
    assert [e.title for e in rss.entries] == [e.title for e in atom.entries]
    assert rss.entries[0].link.startswith("http://127.0.0.1/")
    per_topic = client.get(reverse("news:topic_rss", args=["romska-mensina"]))
    titles = [e.title for e in feedparser.parse(per_topic.content).entries]
    assert titles == ["Zpráva o stavu romské menšiny"]

    item.title = "Zpráva o stavu romské menšiny 2024"
    item.save()
    for name in ("news:rss", "news:atom"):
        entries = feedparser.parse(client.get(reverse(name)).content).entries
        assert "Zpráva o stavu romské menšiny 2024" in [e.title for e in entries]
    item.status = Status.DRAFT
    item.save()
    for name in ("news:rss", "news:atom"):
        entries = feedparser.parse(client.get(reverse(name)).content).entries
        assert [e.title for e in entries] == ["Bez tématu"]


@pytest.mark.usefixtures("no_page_cache")
def test_list_query_count_does_not_grow(client, db, django_assert_num_queries):
    topic = make_topic()
    for _ in range(3):
        make_news_item().topics.add(topic)
    client.get(LIST)
    with CaptureQueriesContext(connection) as few:
        client.get(LIST)
    for _ in range(30):
        make_news_item().topics.add(topic)
    with django_assert_num_queries(len(few.captured_queries)):
        client.get(LIST)


def jpeg_with_exif():
    image = Image.new("RGB", (2000, 1000), "navy")
    exif = Image.Exif()
    exif[0x010F] = "Fotoaparát s GPS"  # Make
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif)
    return buffer.getvalue()


def test_image_gets_renditions_without_metadata(db):
    from news.models import NewsItem

    item = NewsItem(
        title="S obrázkem",
        lead="Perex",
        status=Status.PUBLISHED,
        image_alt="Budova úřadu",
    )
    item.image = SimpleUploadedFile("foto.jpg", jpeg_with_exif())
    item.save()
    for field, width in (
        (item.image, 2000),
        (item.image_list, 480),
        (item.image_detail, 1200),
    ):
        with Image.open(field.path) as stored:
            assert stored.width == width
            assert not stored.getexif()


def test_image_requires_alt_text(admin_client, db):
    response = admin_client.post(
        reverse("admin:news_newsitem_add"),
        {
            "title": "Nová aktualita",
            "slug": "nova",
            "lead": "Perex",
            "body": "",
            "status": "draft",
            "publish_at_0": "01.01.2024",
            "publish_at_1": "10:00:00",
            "image": SimpleUploadedFile("foto.jpg", jpeg_with_exif()),
            "image_alt": "",
        },
    )
    assert response.status_code == 200
    assertContains(response, "vyplňte jeho popis pro nevidomé")


def test_detail_shows_published_programmes_and_projects_only(client, db):
    """A news item links its programme and project, never a draft one."""
    item = make_news_item(title="Rada schválila dotace")
    item.programmes.add(
        make_programme(title="Podpora integrace menšin"),
        make_programme(title="Tajný program", status=Status.DRAFT),
    )
    item.projects.add(make_project(title="Romská platforma"))
    response = client.get(item.get_absolute_url())
    assertContains(response, "Podpora integrace menšin")
    assertContains(response, "Romská platforma")
    assertNotContains(response, "Tajný program")


def test_admin_list_marks_scheduled_items_and_shows_topics(admin_client, db):
    """Editors see which items are scheduled and what they are about."""
    topic = make_topic(name="Integrace cizinců")
    make_news_item(
        title="Zítřejší oznámení", publish_at=timezone.now() + timedelta(days=1)
    ).topics.add(topic)
    response = admin_client.get(reverse("admin:news_newsitem_changelist"))
    assertContains(response, "Zítřejší oznámení")
    assertContains(response, "naplánováno")
    assertContains(response, "Integrace cizinců")


def test_topic_page_and_topic_feed_show_only_published_news(client, db):
    """A topic gathers its published news; drafts and future items stay out."""
    topic = make_topic(name="Romská menšina", slug="romska-mensina")
    for title, fields in [
        ("Zveřejněná zpráva", {}),
        ("Rozepsaný koncept", {"status": Status.DRAFT}),
        ("Zítřejší oznámení", {"publish_at": timezone.now() + timedelta(days=1)}),
    ]:
        make_news_item(title=title, **fields).topics.add(topic)
    for url in [
        reverse("portal:topic", args=["romska-mensina"]),
        reverse("news:topic_rss", args=["romska-mensina"]),
    ]:
        response = client.get(url)
        assertContains(response, "Zveřejněná zpráva")
        assertNotContains(response, "Rozepsaný koncept")
        assertNotContains(response, "Zítřejší oznámení")
