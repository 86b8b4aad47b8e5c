"""Translated content (portal/translation.py): per-language columns, the
Czech fallback with its note and lang="cs", slugs per language, the admin's
translation fieldsets and the "překlad zastaral" list, search, feeds and the
sitemap per language, at the real /en/ and /uk/ URLs."""

import re
import xml.etree.ElementTree as ET
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation

from documents.models import Language
from news.models import NewsItem
from portal.translation import czech_value
from projects.models import Project
from tests.factories import (
    admin_form_data,
    make_document,
    make_document_file,
    make_news_item,
    make_page,
)

PRAGUE = ZoneInfo("Europe/Prague")
NOTE_EN = "Some texts on this page are in Czech only."
NOTE_UK = "Деякі тексти тут лише чеською мовою."


def url_in(lang, obj):
    with translation.override(lang):
        return obj.get_absolute_url()


def reverse_in(lang, name, *args):
    with translation.override(lang):
        return reverse(name, args=args)


@pytest.fixture
def news(db, languages):
    translated = make_news_item(
        title="Romští asistenti pomáhají ve školách",
        lead="Asistenti pomáhají dětem.",
        body="<p>Český text o asistentech.</p>",
        title_en="Roma assistants help in schools",
        slug_en="roma-assistants-help-in-schools",
        lead_en="Assistants help children.",
        body_en="<p>English text about assistants.</p>",
        title_uk="Ромські асистенти допомагають у школах",
        slug_uk="romski-asystenty",
        lead_uk="Асистенти допомагають дітям.",
        body_uk="<p>Український текст про асистентів.</p>",
    )
    czech_only = make_news_item(
        title="Porada koordinátorů pro národnostní menšiny", lead="Jen česky."
    )
    return translated, czech_only


def test_a_translated_item_speaks_each_language_at_its_own_address(client, news):
    translated, _czech_only = news
    assert url_in("cs", translated) == f"/aktuality/{czech_value(translated, 'slug')}/"
    assert url_in("en", translated) == "/en/aktuality/roma-assistants-help-in-schools/"
    assert url_in("uk", translated) == "/uk/aktuality/romski-asystenty/"
    pages = {lang: client.get(url_in(lang, translated)) for lang in ("cs", "en", "uk")}
    assert {lang: page.status_code for lang, page in pages.items()} == {
        "cs": 200,
        "en": 200,
        "uk": 200,
    }
    english = pages["en"].content.decode()
    assert "<h1>Roma assistants help in schools</h1>" in english
    assert "English text about assistants." in english
    assert "Český text" not in english and NOTE_EN not in english
    assert "Ромські асистенти" in pages["uk"].content.decode()
    # The switcher and the hreflang links lead to each language's own slug.
    assert '<a href="/uk/aktuality/romski-asystenty/" hreflang="uk"' in english
    assert (
        'hreflang="cs" href="http://testserver/aktuality/'
        f'{czech_value(translated, "slug")}/"' in english
    )
    assert (
        "<h1>Romští asistenti pomáhají ve školách</h1>" in pages["cs"].content.decode()
    )
    # The Czech slug still finds the item under /en/ (an old link, a
    # visitor switching language by hand): the same item, in English.
    fallback = client.get(f"/en/aktuality/{czech_value(translated, 'slug')}/")
    assert fallback.status_code == 200
    assert "Roma assistants help in schools" in fallback.content.decode()
    assert client.get("/en/aktuality/no-such-item/").status_code == 404


def test_an_untranslated_item_shows_its_czech_text_marked_and_noted(client, news):
    _translated, czech_only = news
    listing = client.get(reverse_in("en", "news:list")).content.decode()
    row = re.search(r'<h\d lang="cs"><a href="([^"]+)">([^<]+)</a>', listing)
    assert row and row.group(2) == "Porada koordinátorů pro národnostní menšiny"
    assert row.group(1) == f"/en/aktuality/{czech_value(czech_only, 'slug')}/"
    assert f'<p class="czech-only" lang="en">{NOTE_EN}</p>' in listing
    assert listing.count('class="czech-only"') == 1
    # The translated item's row carries no Czech mark.
    assert re.search(
        r'<h\d><a href="/en/aktuality/roma-assistants-help-in-schools/">Roma', listing
    )
    detail = client.get(url_in("uk", czech_only)).content.decode()
    assert '<h1 lang="cs">Porada koordinátorů' in detail
    assert f'<p class="czech-only" lang="uk">{NOTE_UK}</p>' in detail
    assert detail.count('class="czech-only"') == 1
    czech = client.get(url_in("cs", czech_only)).content.decode()
    assert 'class="czech-only"' not in czech and '<h1 lang="cs">' not in czech


def test_saving_while_english_is_active_keeps_the_czech_text(news):
    translated, _czech_only = news
    with translation.override("en"):
        item = NewsItem.objects.get(pk=translated.pk)
        assert item.title == "Roma assistants help in schools"
        item.pinned = True
        item.save()
    item.refresh_from_db()
    assert item.title == "Romští asistenti pomáhají ve školách"
    assert item.title_en == "Roma assistants help in schools"


def test_a_search_finding_nothing_in_its_language_shows_the_czech_content(client, news):
    # Czech words of a translated item: only the Czech index holds them.
    page = client.get(reverse_in("en", "portal:search"), {"q": "pomáhají dětem"})
    html = page.content.decode()
    [(entry, _snippet)] = page.context["results"]
    assert entry.title == "Romští asistenti pomáhají ve školách"
    assert entry.url.startswith("/aktuality/")  # the Czech page
    assert "Nothing found in this language" in html
    assert 'value="pomáhají dětem"' in html  # the query is kept
    assert 'href="/hledat/?q=pom%C3%A1haj%C3%AD%20d%C4%9Btem"' in html
    assert '<h2 lang="cs"><a href="/aktuality/' in html and NOTE_EN in html
    ukrainian = client.get(reverse_in("uk", "portal:search"), {"q": "ve školách"})
    assert [e.title for e, _ in ukrainian.context["results"]] == [entry.title]
    assert NOTE_UK in ukrainian.content.decode()
    # Where the visitor's language finds something, that is what is shown.
    english = client.get(reverse_in("en", "portal:search"), {"q": "assistants"})
    assert "Nothing found in this language" not in english.content.decode()
    assert [e.title for e, _ in english.context["results"]] == [
        "Roma assistants help in schools"
    ]


def test_search_finds_each_language_and_labels_the_czech_fallback(client, news):
    def results(lang, query):
        page = client.get(reverse_in(lang, "portal:search"), {"q": query})
        return page.content.decode()

    english = results("en", "assistants")
    assert "Roma assistants help in schools" in english
    assert "/en/aktuality/roma-assistants-help-in-schools/" in english
    assert "Roma assistants" not in results("cs", "assistants")
    # Czech text in the English search, without diacritics, labelled.
    fallback = results("en", "koordinatoru")
    assert "Porada koordinátorů" in fallback and NOTE_EN in fallback
    # Cyrillic: case and the Czech-only text alike.
    ukrainian = results("uk", "АСИСТЕНТИ")
    assert "Ромські асистенти допомагають у школах" in ukrainian
    assert NOTE_UK not in ukrainian.split("Ромські асистенти")[1][:300]


def test_feeds_and_sitemap_speak_each_language(client, news):
    translated, czech_only = news
    feed = client.get(reverse_in("en", "news:atom")).content.decode()
    assert "Roma assistants help in schools" in feed
    assert "/en/aktuality/roma-assistants-help-in-schools/" in feed
    assert "Porada koordinátorů" in feed  # Czech where there is no English
    czech_feed = client.get(reverse_in("cs", "news:atom")).content.decode()
    assert "Roma assistants" not in czech_feed

    sitemap = client.get("/sitemap-news.xml")
    root = ET.fromstring(sitemap.content)
    ns = {
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
        "x": "http://www.w3.org/1999/xhtml",
    }
    entries = {
        url.find("s:loc", ns).text.removeprefix("http://testserver"): {
            link.get("hreflang"): link.get("href").removeprefix("http://testserver")
            for link in url.findall("x:link", ns)
        }
        for url in root.findall("s:url", ns)
    }
    english = "/en/aktuality/roma-assistants-help-in-schools/"
    assert entries[english] == {
        "cs": f"/aktuality/{czech_value(translated, 'slug')}/",
        "en": english,
        "uk": "/uk/aktuality/romski-asystenty/",
        "x-default": f"/aktuality/{czech_value(translated, 'slug')}/",
    }
    assert f"/uk/aktuality/{czech_value(czech_only, 'slug')}/" in entries


def test_a_ukrainian_document_page_offers_the_ukrainian_file_first(
    client, db, languages
):
    document = make_document(title="Brožura pro cizince")
    make_document_file(document, label="Brožura česky", language=Language.CS)
    make_document_file(document, label="Брошура українською", language=Language.UK)

    def labels(lang):
        page = client.get(url_in(lang, document)).content.decode()
        return re.findall(
            r'<a href="/dokumenty/[^"]+/soubor/[^"]*"[^>]*>([^<]+)</a>', page
        )

    assert labels("cs") == ["Brožura česky", "Брошура українською"]
    assert labels("uk") == ["Брошура українською", "Brožura česky"]


def test_the_admin_edits_translations_and_lists_the_stale_ones(admin_client, news):
    translated, czech_only = news
    change = reverse("admin:news_newsitem_change", args=[czech_only.pk])
    form = admin_client.get(change)
    page = form.content.decode()
    assert "Překlad: anglicky (en)" in page and "Překlad: ukrajinsky (uk)" in page
    assert 'name="title_en"' in page and 'name="body_uk"' in page
    listing = admin_client.get(reverse("admin:news_newsitem_changelist"))
    assert "en chybí, uk chybí" in listing.content.decode()
    missing = admin_client.get(
        reverse("admin:news_newsitem_changelist"), {"preklad_chybi": "en"}
    ).content.decode()
    assert "Porada koordinátorů" in missing and "Romští asistenti" not in missing

    # An editor translates the item: it is up to date.
    data = admin_form_data(form)
    data.update(title_en="Meeting of minority coordinators", lead_en="In English.")
    assert admin_client.post(change, data).status_code == 302
    listing = admin_client.get(reverse("admin:news_newsitem_changelist"))
    assert "en ✓, uk chybí" in listing.content.decode()
    assert "Meeting of minority" not in dashboard_stale(admin_client)

    # The Czech text changes later: the English translation is stale.
    form = admin_client.get(change)
    data = admin_form_data(form)
    data["lead"] = "Porada se přesouvá na čtvrtek."
    assert admin_client.post(change, data).status_code == 302
    stale = dashboard_stale(admin_client)
    assert "Porada koordinátorů pro národnostní menšiny" in stale
    assert "aktuality (en)" in stale
    assert (
        "en zastaral"
        in admin_client.get(reverse("admin:news_newsitem_changelist")).content.decode()
    )
    # The admin itself stays Czech, whatever the visitor's languages.
    assert czech_value(translated, "title") not in stale


def dashboard_stale(admin_client):
    page = admin_client.get(reverse("admin:index")).content.decode()
    return (
        page.split("Překlad zastaral", 1)[1][:2000]
        if "Překlad zastaral" in page
        else ""
    )


def test_the_demo_project_reads_in_english_from_the_seed(client, db, languages):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    project = Project.objects.exclude(description_en="").get()
    assert project.title_en.startswith("Platform for the improvement of Roma")
    english = client.get(url_in("en", project)).content.decode()
    assert "<h1>Platform for the improvement of Roma integration" in english
    assert "The project aims to initiate establishment of the Platform" in english
    # Only the seed's English text: nothing else of the demo is translated.
    assert NewsItem.objects.exclude(title_en="").count() == 0
    czech = client.get(url_in("cs", project)).content.decode()
    assert 'id="project-en"' in czech and "The project aims" in czech


def test_the_demo_says_once_per_page_what_is_only_in_czech(client, db, languages):
    """The demo's items are Czech: an English or Ukrainian page says so once
    above its content, not under each item."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    for path in ("/", "/aktuality/", "/dokumenty/", "/dotace/", "/hledat/?q=romove"):
        for language, note in (("en", NOTE_EN), ("uk", NOTE_UK)):
            page = client.get(f"/{language}{path}").content.decode()
            assert page.count('class="czech-only"') == 1, (language, path)
            main = page.split('<main id="obsah"', 1)[1]
            assert (
                main.split(">", 1)[1]
                .lstrip()
                .startswith(f'<p class="czech-only" lang="{language}">{note}</p>')
            )
        assert 'class="czech-only"' not in client.get(path).content.decode()


def test_the_demos_interface_labels_are_in_every_language(client, db, languages):
    """The header, the menu, topic and category names and the demo notice
    read in the visitor's language; partners are named beside their logos
    and a project's visit count is the same number in every language."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    labels = {
        "cs": ["Krajský úřad Kraje Vysočina", ">Romové<", "Romská menšina",
               "Brožury a letáky", "Ukázkový web: jeho obsah pochází"],
        "en": ["Regional Authority of the Vysočina Region", ">Roma<",
               "Roma minority", "Brochures and leaflets", "A demonstration site"],
        "uk": ["Крайовий уряд краю Височина", ">Роми<", "Ромська меншина",
               "Брошури та листівки", "Демонстраційний сайт"],
    }  # fmt: skip
    for language, expected in labels.items():
        prefix = "" if language == "cs" else f"/{language}"
        pages = client.get(prefix + "/").content.decode()
        pages += client.get(prefix + "/dokumenty/").content.decode()
        assert [label for label in expected if label not in pages] == []
    project = Project.objects.get(
        slug="platforma-pro-zlepseni-integrace-romu-v-plzenskem-kraji"
    )
    counted = Project.objects.get(visit_count__gt=0)
    for language in ("cs", "en", "uk"):
        page = client.get(url_in(language, project)).content.decode()
        assert re.search(
            r'<img src="[^"]+" alt="" [^>]*><span>Plzeňský kraj</span>', page
        )
        page = client.get(url_in(language, counted)).content.decode()
        assert 'class="visit-count">37\xa0572<' in page


def test_a_translated_title_brings_its_slug_and_slugs_do_not_collide(news):
    translated, czech_only = news
    czech_only.title_en = "Meeting of minority coordinators"
    czech_only.title_uk = "Нарада координаторів"
    czech_only.save()
    assert czech_only.slug_en == "meeting-of-minority-coordinators"
    assert czech_only.slug_uk == ""  # no ASCII slug: the Czech one serves
    czech_only.slug_en = "roma-assistants-help-in-schools"
    with pytest.raises(ValidationError) as error:
        czech_only.full_clean()
    assert "slug_en" in error.value.message_dict


def test_pages_have_paths_in_each_language(client, db, languages):
    parent = make_page(title="O odboru", title_en="About the department")
    child = make_page(title="Náplň činnosti", parent=parent)
    assert url_in("en", parent) == "/en/about-the-department/"
    # An untranslated page under a translated one: its Czech slug there.
    assert url_in("en", child) == "/en/about-the-department/napln-cinnosti/"
    assert url_in("uk", child) == "/uk/o-odboru/napln-cinnosti/"
    page = client.get("/en/about-the-department/napln-cinnosti/").content.decode()
    assert '<h1 lang="cs">Náplň činnosti</h1>' in page and NOTE_EN in page
    assert 'href="/en/about-the-department/">About the department</a>' in page
    # The Czech path still finds the page under /en/.
    assert client.get("/en/o-odboru/").status_code == 200
    # Renaming the parent's English slug moves the pages below it.
    parent.slug_en = "department"
    parent.save()
    child.refresh_from_db()
    assert url_in("en", child) == "/en/department/napln-cinnosti/"
    assert url_in("cs", child) == "/o-odboru/napln-cinnosti/"
    parent.slug_en = "aktuality"
    with pytest.raises(ValidationError):
        parent.full_clean()


def test_refreshing_in_english_keeps_the_czech_text(news):
    translated, _czech_only = news
    with translation.override("en"):
        translated.refresh_from_db()
        assert translated.title == "Roma assistants help in schools"
    assert translated.title == "Romští asistenti pomáhají ve školách"


def test_an_interface_language_without_content_columns_marks_all_as_czech(news):
    translated, _czech_only = news
    page = Template(
        "{% load translated %}{% czech_fallback %}"
        "<h1{% lang_attr item %}>{{ item.title }}</h1>{% endczech_fallback %}"
    )
    with translation.override("vi"):
        html = page.render(Context({"item": translated}))
        assert '<h1 lang="cs">Romští asistenti pomáhají ve školách</h1>' in html
        # No catalogue for vi here: the note itself is Czech, and says so.
        assert (
            '<p class="czech-only" lang="cs">Některé texty na této stránce jsou' in html
        )
    with translation.override("en"):
        html = page.render(Context({"item": translated}))
        assert html == "<h1>Roma assistants help in schools</h1>"


def found_in(client, lang, query):
    page = client.get(reverse_in(lang, "portal:search"), {"q": query})
    return [entry.title for entry, _snippet in page.context["results"]]


def test_topic_keywords_find_the_topic_and_its_items_in_each_language(
    client, db, languages
):
    from portal.models import Topic

    topic = Topic.objects.create(
        name="Integrace cizinců",
        slug="integrace-cizincu",
        keywords_en="Integration of foreigners",
        keywords_uk="Інтеграція іноземців",
    )
    item = make_news_item(title="Kurzy češtiny v kraji", lead="Pro dospělé.")
    make_news_item(title="Jiná aktualita", lead="Bez tématu.")
    item.topics.add(topic)
    expected = {"Integrace cizinců", "Kurzy češtiny v kraji"}
    assert set(found_in(client, "uk", "іноземці")) == expected
    assert set(found_in(client, "en", "foreigners")) == expected
    assert found_in(client, "cs", "foreigners") == []  # each language its own
    # A topic's keywords changed: its items are found by the new ones.
    topic.keywords_en = "Migrants"
    topic.save()
    assert set(found_in(client, "en", "migrants")) == expected
    item.topics.remove(topic)
    assert found_in(client, "en", "migrants") == ["Integrace cizinců"]


def test_the_demo_is_found_by_english_and_ukrainian_words(client, db, languages):
    """The searches a refugee or an English speaker tried find the Czech
    content, through the topics' keywords or the glossary."""
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    # A result whose title starts so, for each search.
    expected = {
        ("en", "Roma strategy"): "Strategie romské integrace do roku 2020",
        ("en", "foreigners"): "Integration of foreigners",
        ("en", "subsidy"): "5.1 Podpora integrace",
        ("uk", "інтеграція"): "Інтеграція іноземців",
        ("uk", "допомога"): "Integrace cizinců",
        ("uk", "іноземці"): "Інтеграція іноземців",
        ("uk", "брошура"): "Preventivní brožura pro cizince",
    }
    found = {key: found_in(client, *key) for key in expected}
    missing = {
        key: found[key]
        for key, start in expected.items()
        if not any(title.startswith(start) for title in found[key])
    }
    assert missing == {}
    page = client.get(reverse_in("uk", "portal:search"), {"q": "брошура"})
    html = page.content.decode()
    assert 'для <q lang="cs">brožura</q>' in html
    assert 'href="/hledat/?q=bro%C5%BEura"' in html
    # Each result is marked as Czech for screen readers and translators.
    headings = re.findall(r"<h2([^>]*)><a href=\"/(?!uk/)", html)
    assert headings and set(headings) == {' lang="cs"'}


def test_the_glossary_puts_words_and_phrases_into_czech(client, db, languages):
    from portal.models import SearchTerm

    make_news_item(title="Dotace pro obce na rok 2026", lead="Program 7.2.")
    make_news_item(title="Vyvěšeno na úřední desce", lead="Oznámení.")
    SearchTerm.objects.create(language="en", words="subsidy, subsidies", czech="dotace")
    SearchTerm.objects.create(language="en", words="notice board", czech="úřední deska")
    assert found_in(client, "en", "subsidies") == ["Dotace pro obce na rok 2026"]
    # Words the glossary does not know are searched as typed: "7.2".
    assert found_in(client, "en", "Subsidy 7.2") == ["Dotace pro obce na rok 2026"]
    assert found_in(client, "en", "notice board") == ["Vyvěšeno na úřední desce"]
    assert found_in(client, "uk", "subsidies") == []  # each language its own
    assert found_in(client, "cs", "subsidies") == []
    # An editor's change of the glossary changes the next search.
    SearchTerm.objects.filter(czech="dotace").update(czech="oznámení")
    import pagecache

    pagecache.bump()
    assert found_in(client, "en", "subsidies") == ["Vyvěšeno na úřední desce"]


def test_the_glossary_is_for_the_administrator(client, db, django_user_model):
    from django.contrib.auth.models import Group

    from editorial.roles import setup_groups
    from portal.models import SearchTerm

    setup_groups()
    url = reverse("admin:portal_searchterm_add")
    editor = django_user_model.objects.create_user("redaktor", is_staff=True)
    editor.groups.add(Group.objects.get(name="Redaktor"))
    client.force_login(editor)
    assert client.get(url).status_code == 403
    boss = django_user_model.objects.create_user("spravce", is_staff=True)
    boss.groups.add(Group.objects.get(name="Správce"))
    client.force_login(boss)
    form = client.get(url).content.decode()
    assert '<option value="uk">' in form and '<option value="cs">' not in form
    response = client.post(
        url, {"language": "uk", "words": "допомога", "czech": "pomoc"}
    )
    assert response.status_code == 302
    assert SearchTerm.objects.get().czech == "pomoc"
    refused = client.post(url, {"language": "de", "words": "Hilfe", "czech": "pomoc"})
    assert refused.status_code == 200 and SearchTerm.objects.count() == 1


def test_topic_keywords_are_edited_in_the_topic_admin(admin_client, db):
    page = admin_client.get(reverse("admin:portal_topic_add")).content.decode()
    for name in ["keywords", "keywords_en", "keywords_uk"]:
        assert f'name="{name}"' in page


def test_ukrainian_and_english_dates_have_no_leading_zero(client, db, languages):
    make_news_item(
        title="Porada", publish_at=datetime(2020, 6, 8, 10, 0, tzinfo=PRAGUE)
    )
    ukrainian = client.get(reverse_in("uk", "news:list")).content.decode()
    assert "8 червня 2020 р." in ukrainian and "08 червня" not in ukrainian
    english = client.get(reverse_in("en", "news:list")).content.decode()
    assert "June 8, 2020" in english
