"""Filters offer only what a visitor can see: a topic, issuer or operational
programme that only drafts or scheduled items use is not among the choices,
so the form tells nothing about what is being prepared."""

from datetime import timedelta
from html.parser import HTMLParser

import pytest
from django.utils import timezone

from portal.models import Status
from projects.models import OperationalProgramme
from tests.factories import (
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
