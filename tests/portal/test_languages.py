"""The public site in Czech, English and Ukrainian: the language comes from
the URL alone, every page type speaks the visitor's language in its
interface, the switcher leads to the same item, and the catalogues stay
complete."""

import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.core import mail
from django.core.management import call_command

from documents.models import Document
from grants.models import Programme
from news.models import NewsItem
from noticeboard.models import Notice
from portal.models import Page
from projects.models import Project
from tests.factories import make_category, make_person, make_project

LOCALE = Path(settings.BASE_DIR) / "locale"
# A browser's user agent (the project page counts visits of browsers only).
BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"
TRANSLATED = ["en", "uk"]

# Czech interface words that must not be left on an English or Ukrainian
# page (whole text nodes, labels and attributes, so that Czech content, which
# stays until editors translate it, does not count).
CZECH_WORDS = {
    "Aktuality", "Dokumenty", "Hledat", "Hledání", "Stáhnout", "Ke stažení",
    "Zpět", "Kontakty", "Kontakt", "Témata", "Úřední hodiny", "Titulní stránka",
    "Odběr novinek", "Mapa stránek", "Filtrovat", "Zveřejněno", "Předchozí",
    "Další", "Přeskočit na obsah", "Projekty", "Dotace", "Úřední deska",
    "neuvedeno", "Kategorie", "Související", "Vyvěšeno", "Telefon",
    "Otevřená data", "Pro redaktory", "Podstránky", "Stránky",
    "Hlavní nabídka", "Drobečková navigace", "Stránkování", "Celkem", "Stav",
}  # fmt: skip


# Interface strings that are also content, translated by editors: the
# department's name (site settings) and the titles of the pages the footer
# links to (listed by the site map under their own titles).
CONTENT = {
    "Odbor sociálních věcí",
    "Prohlášení o přístupnosti",
    "Ochrana osobních údajů",
}


def czech_msgids():
    """Every Czech interface string of the catalogue, so that any one of
    them left untranslated on a page is caught, not just the listed words
    (except those that read the same in English: "Menu", "E-mail")."""
    text = (LOCALE / "en" / "LC_MESSAGES" / "django.po").read_text()
    ids = set()
    pairs = re.findall(r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', text, flags=re.M)
    for msgid, msgstr in pairs:
        czech, english = ("".join(re.findall(r'"(.*)"', b)) for b in (msgid, msgstr))
        if czech and czech != english and "%" not in czech and "<" not in czech:
            ids.add(czech.replace('\\"', '"'))
    return ids - CONTENT


class InterfaceText(HTMLParser):
    """Text nodes and human-readable attributes of a page, leaving out what
    is marked as another language (the switcher's own names, Czech-only
    content) and scripts."""

    ATTRIBUTES = ("aria-label", "placeholder", "title", "alt")
    VOID = {"meta", "link", "img", "input", "br", "hr", "source", "col", "wbr"}

    def __init__(self, language):
        super().__init__()
        self.language = language
        self.stack = []  # (tag, skipped)
        self.texts = []

    @property
    def skipping(self):
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        lang = attrs.get("lang")
        skipped = tag in ("script", "style") or (
            lang is not None and lang != self.language and tag != "html"
        )
        if not self.skipping and not skipped:
            self.texts += [attrs[a] for a in self.ATTRIBUTES if attrs.get(a)]
        if tag not in self.VOID:
            self.stack.append((tag, skipped))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self.skipping and data.strip():
            self.texts.append(data)


def czech_left(html, language, forbidden):
    parser = InterfaceText(language)
    parser.feed(html)
    left = set()
    for text in parser.texts:
        # A meta line joins labels with "·" ("Dokument · 17. 9. 2013").
        for part in text.split("·"):
            node = " ".join(part.split()).strip(" ‹›:()|")
            if node in forbidden:
                left.add(node)
    return left


def page_types():
    """One URL of each public page type, Czech form."""
    return {
        "home": "/",
        "topics": "/temata/",
        "topic": "/temata/romska-mensina/",
        "contacts": "/kontakty/",
        "search": "/hledat/?q=romske",
        "documents": "/dokumenty/",
        "municipalities": "/dokumenty/pro-obce/",
        "document": Document.objects.published().first().get_absolute_url(),
        "news": "/aktuality/",
        "news item": NewsItem.objects.published().first().get_absolute_url(),
        "news subscribe": "/aktuality/odber/",
        "grants": "/dotace/",
        "programme": Programme.objects.published()
        .filter(awards__isnull=False)
        .first()
        .get_absolute_url(),
        "projects": "/projekty/",
        "project": Project.objects.published().first().get_absolute_url(),
        "notice board": "/uredni-deska/",
        "notice": Notice.objects.published().first().get_absolute_url(),
        "notice archive": "/uredni-deska/archiv/",
        "open data": "/opendata/",
        "site map": "/mapa-stranek/",
        "subscribe": "/odber-novinek/",
        "page": Page.objects.published().first().get_absolute_url(),
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_every_page_type_speaks_english_and_ukrainian(client, demo):
    """Each page type answers 200 under /en/ and /uk/ with <html lang>, the
    hreflang alternates and a switcher, and no Czech interface string left
    in its navigation, footer or body."""
    forbidden = CZECH_WORDS | czech_msgids()
    failures = {}
    pages = page_types()
    for language in TRANSLATED:
        for path in pages.values():
            url = f"/{language}{path}"
            response = client.get(url)
            html = response.content.decode()
            problems = []
            if response.status_code != 200:
                problems.append(response.status_code)
            if f'<html lang="{language}">' not in html:
                problems.append("html lang")
            if response.get("Content-Language") != language:
                problems.append("Content-Language")
            for code in ("cs", "en", "uk", "x-default"):
                if f'hreflang="{code}" href="http://testserver' not in html:
                    problems.append(f"no alternate {code}")
            left = czech_left(html, language, forbidden)
            if left:
                problems.append(sorted(left))
            if problems:
                failures[url] = problems
    assert not failures

    # The footer and the navigation in each language (a spot check of the
    # words themselves), and a 404 that says so in the visitor's language.
    english = client.get("/en/").content.decode()
    assert "Office hours" in english and "Site map" in english
    assert "Accessibility statement" in english
    assert ">News</a>" in english and ">Documents</a>" in english
    ukrainian = client.get("/uk/").content.decode()
    assert "Години прийому" in ukrainian and ">Новини</a>" in ukrainian
    missing = client.get("/uk/tato-stranka-neni/")
    assert missing.status_code == 404
    assert "Сторінку не знайдено" in missing.content.decode()
    # Its switcher offers the same address in the other languages.
    switcher = re.search(
        r'<nav class="language-switcher".*?</nav>', missing.content.decode(), re.S
    )
    assert re.findall(r'href="([^"]+)" hreflang', switcher[0]) == [
        "/tato-stranka-neni/",
        "/en/tato-stranka-neni/",
    ]


def test_switching_language_lands_on_the_same_item(client, demo):
    """The switcher and the alternates of an item's page point at the item in
    the other languages, and each of those pages shows the item."""
    for item in (
        NewsItem.objects.published().first(),
        Document.objects.published().first(),
        Project.objects.published().first(),
    ):
        czech_url = item.get_absolute_url()
        html = client.get("/en" + czech_url).content.decode()
        switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
        links = dict(re.findall(r'href="([^"]+)" hreflang="(\w+)"', switcher[0]))
        by_language = {lang: url for url, lang in links.items()}
        assert set(by_language) == {"cs", "uk"}
        assert by_language["cs"] == czech_url
        assert by_language["uk"].startswith("/uk/")
        assert 'aria-current="true" lang="en"' in switcher[0]
        for url in by_language.values():
            response = client.get(url)
            assert response.status_code == 200, url
            assert item.title in response.content.decode()

    # A list page keeps its filter when switching.
    html = client.get("/en/aktuality/?year=2020").content.decode()
    assert 'href="/uk/aktuality/?year=2020"' in html


@pytest.mark.django_db
def test_only_the_url_decides_the_language(client, settings):
    """Czech stays at today's URLs whatever the browser asks for; no redirect,
    no cookie, no Vary on Accept-Language (so cached pages stay exact); the
    admin stays Czech; /en/ and / are cached as separate pages."""
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    for _ in range(2):  # the second time from the page cache
        czech = client.get("/", HTTP_ACCEPT_LANGUAGE="en,uk;q=0.8")
        assert czech.status_code == 200
        assert '<html lang="cs">' in czech.content.decode()
        assert "Accept-Language" not in czech.get("Vary", "")
        assert not czech.cookies
        english = client.get("/en/", HTTP_ACCEPT_LANGUAGE="cs")
        assert '<html lang="en">' in english.content.decode()
        assert "Skip to content" in english.content.decode()

    admin = client.get("/admin/login/", HTTP_ACCEPT_LANGUAGE="en")
    assert '<html lang="cs"' in admin.content.decode()
    assert "Přihlášení" in admin.content.decode()
    assert client.get("/en/admin/login/").status_code == 404
    # Pages outside the prefixes are there once.
    assert client.get("/robots.txt").status_code == 200
    assert client.get("/en/robots.txt", follow=True).status_code == 404


def test_dates_and_amounts_follow_the_language(client, demo):
    programme = Programme.objects.published().filter(allocation__gt=0).first()
    url = programme.get_absolute_url()
    czech = client.get(url).content.decode()
    english = client.get("/en" + url).content.decode()
    assert re.search(r"\d\xa0000\xa0Kč", czech)
    assert re.search(r"CZK\xa0\d{1,3},\d{3}", english)
    assert not re.search(r"\d\xa0000\xa0Kč", english)


def test_catalogues_have_no_untranslated_or_fuzzy_entry():
    """msgfmt --statistics on each translated catalogue reports only
    translated messages (a new marked string needs `make translations` and a
    translation before CI passes)."""
    assert shutil.which("msgfmt"), "GNU gettext (msgfmt) chybí: apt-get install gettext"
    for language in TRANSLATED:
        po = LOCALE / language / "LC_MESSAGES" / "django.po"
        result = subprocess.run(
            ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(po)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        assert re.fullmatch(
            r"\d+ translated messages\.\n", result.stderr.splitlines(keepends=True)[-1]
        ), result.stderr
        assert "untranslated" not in result.stderr
        assert "fuzzy" not in result.stderr


def test_a_visitor_writes_in_english_and_the_office_reads_czech(client, db):
    """The project contact form answers an English visitor in English, and
    the e-mail to the office's staff stays Czech."""
    project = make_project(contact=make_person(email="koordinator@kraj.example"))
    response = client.post(
        "/en" + project.get_absolute_url() + "napsat/",
        {"name": "Jane Doe", "email": "jane@example.com", "message": "Hello."},
    )
    assert response["Location"].startswith("/en/projekty/")
    assert mail.outbox[0].subject.startswith("Zpráva z webu k projektu")
    page = client.get(response["Location"], HTTP_USER_AGENT=BROWSER)
    assert "we have received your message" in page.content.decode()


def switcher_links(html):
    switcher = re.search(r'<nav class="language-switcher".*?</nav>', html, re.S)
    return re.findall(r'href="([^"]+)" hreflang="(\w+)"', switcher[0])


def test_each_page_of_a_view_switches_to_its_own_address(client, db, languages):
    """The versions of a page that is not an item's are worked out once per
    view, its arguments and the page's language, and never lent to another
    page of the same view."""
    first = make_category(slug="analyzy")
    second = make_category(slug="metodiky")
    for category in (first, second, first):
        html = client.get(f"/en/dokumenty/kategorie/{category.slug}/").content.decode()
        assert switcher_links(html) == [
            (f"/dokumenty/kategorie/{category.slug}/", "cs"),
            (f"/uk/dokumenty/kategorie/{category.slug}/", "uk"),
        ]
    czech = client.get(f"/dokumenty/kategorie/{first.slug}/").content.decode()
    assert switcher_links(czech) == [
        (f"/en/dokumenty/kategorie/{first.slug}/", "en"),
        (f"/uk/dokumenty/kategorie/{first.slug}/", "uk"),
    ]
