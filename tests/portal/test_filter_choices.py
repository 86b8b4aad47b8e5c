"""Filters offer only what a visitor can see: a topic, issuer or operational
programme that only drafts or scheduled items use is not among the choices,
so the form tells nothing about what is being prepared."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone
from pytest_django.asserts import assertContains

from portal.models import Organisation, Status
from projects.models import OperationalProgramme
from tests.factories import (
    make_category,
    make_document,
    make_news_item,
    make_organisation,
    make_programme,
    make_project,
    make_topic,
)


class Options(HTMLParser):
    """{select name: [option labels]} of a page."""

    def __init__(self):
        super().__init__()
        self.options, self.select, self.option = {}, None, None

    def handle_starttag(self, tag, attrs):
        if tag == "select":
            self.select = dict(attrs)["name"]
            self.options[self.select] = []
        elif tag == "option" and self.select:
            self.option = ""

    def handle_data(self, data):
        if self.option is not None:
            self.option += data

    def handle_endtag(self, tag):
        if tag == "option" and self.option is not None:
            self.options[self.select].append(self.option.strip())
            self.option = None
        elif tag == "select":
            self.select = None


def options(client, url):
    parser = Options()
    response = client.get(url)
    assert response.status_code == 200
    parser.feed(response.content.decode())
    return parser.options


HIDDEN = [
    {"status": Status.DRAFT},
    {"publish_at": timezone.now() + timedelta(days=2)},
]


@pytest.mark.parametrize("hidden", HIDDEN, ids=["koncept", "naplánováno"])
def test_document_filter_offers_only_issuers_topics_and_years_of_public_documents(
    client, db, hidden
):
    public, secret = make_topic(name="Romská menšina"), make_topic(name="Tajné téma")
    document = make_document(issuer=make_organisation(name="Liberecký kraj"), year=2019)
    document.topics.add(public)
    draft = make_document(
        issuer=make_organisation(name="Tajný vydavatel"), year=2031, **hidden
    )
    draft.topics.add(secret)
    archived = make_document(
        issuer=make_organisation(name="Archivní vydavatel"),
        archived_at=timezone.now() - timedelta(days=1),
    )
    archived.topics.add(make_topic(name="Archivní téma"))

    choices = options(client, "/dokumenty/")
    # The archive is public ("včetně archivu"), so its values stay.
    assert choices["issuer"] == ["všichni", "Archivní vydavatel", "Liberecký kraj"]
    assert choices["topic"] == ["všechna", "Archivní téma", "Romská menšina"]
    # The year is typed in, never offered: a draft's year shows nowhere.
    assert "2031" not in client.get("/dokumenty/").content.decode()


@pytest.mark.parametrize(
    ("url", "make"),
    [
        ("/aktuality/", make_news_item),
        ("/dotace/", make_programme),
        ("/projekty/", make_project),
    ],
)
def test_other_lists_offer_only_topics_of_public_items(client, db, url, make):
    public, secret = make_topic(name="Romská menšina"), make_topic(name="Tajné téma")
    make().topics.add(public)
    make(status=Status.DRAFT).topics.add(secret)
    assert options(client, url)["topic"] == ["všechna", "Romská menšina"]


def test_project_filter_offers_only_programmes_of_public_projects(client, db):
    used = OperationalProgramme.objects.create(
        abbreviation="OPZ", name="Operační program Zaměstnanost", period="2014–2020"
    )
    unused = OperationalProgramme.objects.create(
        abbreviation="TAJNY", name="Operační program Tajný", period="2014–2020"
    )
    make_project(programme=used)
    make_project(programme=unused, status=Status.DRAFT)
    labels = options(client, "/projekty/")["programme"]
    assert any("OPZ" in label for label in labels)
    assert not any("TAJNY" in label for label in labels)


def test_a_topic_and_a_category_filter_by_the_czech_slug_in_every_language(
    client, db, languages
):
    """The choices' values are the Czech slugs whatever the page's language,
    so that an English page whose topic and category have English slugs
    still finds their documents; the labels are in the page's language."""
    topic = make_topic(name="Bydlení", name_en="Housing")
    topic.slug_en = "housing"
    topic.save()
    category = make_category(name="Metodiky", name_en="Methods")
    category.slug_en = "methods"
    category.save()
    document = make_document(title="Metodika bydlení", category=category)
    document.topics.add(topic)
    make_document(title="Jiný dokument")
    filters = {"topic": topic.slug, "category": category.slug}
    page = client.get("/en/dokumenty/", filters)
    assert [item.title for item in page.context["page_obj"]] == ["Metodika bydlení"]
    assertContains(
        page, f'<option value="{topic.slug}" selected>Housing</option>', html=True
    )
    assertContains(
        page, f'<option value="{category.slug}" selected>Methods</option>', html=True
    )

    unknown = client.get("/en/dokumenty/", {"category": "methods"})
    assert unknown.status_code == 200
    assert not unknown.context["page_obj"].object_list


def test_a_filter_offers_what_is_published_by_the_time_of_the_visit(
    client, db, monkeypatch
):
    """A listing's form class is built once; what it offers is worked out
    for each visit, by the visit's clock."""
    make_document(issuer=make_organisation(name="Liberecký kraj"))
    soon = timezone.now() + timedelta(hours=1)
    make_document(issuer=make_organisation(name="Úřad vlády"), publish_at=soon)
    assert options(client, "/dokumenty/")["issuer"] == ["všichni", "Liberecký kraj"]

    later = soon + timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)
    assert options(client, "/dokumenty/")["issuer"] == [
        "všichni",
        "Liberecký kraj",
        "Úřad vlády",
    ]
    issuer = Organisation.objects.get(name="Úřad vlády")
    page = client.get("/dokumenty/", {"issuer": issuer.pk})
    assertContains(page, "Nalezeno dokumentů: 1")
