import re
from io import StringIO

from django.apps import apps
from django.core.management import call_command
from django.test import Client
from pytest_django.asserts import assertContains

from portal.models import Page, SiteSettings


def snapshot():
    """Every row of every model, as plain values."""
    state = {}
    for model in apps.get_models():
        if model._meta.app_label in {
            "sessions",
            "admin",
            "contenttypes",
            "axes",
            "reversion",
        }:
            continue
        state[model._meta.label] = sorted(
            (
                tuple(sorted((key, str(value)) for key, value in row.items()))
                for row in model._default_manager.values()
            ),
        )
    return state


def test_load_demo_twice_changes_nothing(db):
    call_command("load_demo", stdout=StringIO())
    first = snapshot()
    call_command("load_demo", stdout=StringIO())
    assert snapshot() == first


def test_demo_reproduces_the_seed_pages(db):
    call_command("load_demo", stdout=StringIO())
    assert SiteSettings.load().department_name == "Odbor sociálních věcí"
    coordinator = Page.objects.get(
        path="krajsky-urad/odbory-ku/napln-cinnosti-koordinatora"
    )
    response = Client().get(coordinator.get_absolute_url())
    assertContains(
        response,
        "Náplň činnosti koordinátora pro romské záležitosti, národnostní menšiny a integraci cizinců",
    )
    assertContains(response, "Mgr. Pavel Vaculík")
    assertContains(response, "25.\u00a04.\u00a02017 9:15")
    assertContains(response, "zákona č. 111/2009 Sb.")
    roma = Client().get("/romove/")
    assertContains(
        roma, "Krajská strategie pro integraci romské komunity v Libereckém kraji"
    )
    assertContains(roma, "Agentura pro sociální začleňování")


def test_demo_tells_only_what_the_seeds_say(db):
    """The brochure's translations are being prepared (seed 003), the
    Vysočina project counts on from 37572 visits, is archived since
    31. 12. 2022 and its office's contact block (seed 001) is in the
    footer; every external link has an address; a page the seeds give no
    change date for shows none."""
    from documents.models import DocumentFile
    from projects.models import Project

    call_command("load_demo", stdout=StringIO())
    client = Client()
    files = DocumentFile.objects.filter(
        document__slug="preventivni-brozura-pro-cizince"
    )
    assert {(f.language, f.in_preparation, bool(f.file)) for f in files} == {
        ("cs", False, True),
        *((code, True, False) for code in ["en", "ru", "uk", "vi", "mn"]),
    }
    brochure = client.get("/dokumenty/preventivni-brozura-pro-cizince/")
    assert brochure.content.decode().count("<strong>připravuje se</strong>") == 5
    preparing = files.get(language="en")
    assert client.get(preparing.get_absolute_url()).status_code == 404

    project = Project.objects.get(slug__endswith="vysocina")
    response = client.get(project.get_absolute_url())
    # A client without a browser's User-Agent is not counted.
    assertContains(response, '<span class="visit-count">37\xa0572</span>')
    assertContains(response, "Její aktualizace byla ukončena 31.\xa012.\xa02022.")
    footer = response.content.decode().split('<footer class="site-footer">')[1]
    for fact in [
        "Krajský úřad Kraje Vysočina",
        "Žižkova 1882/57<br>586 01 Jihlava",
        "70890749",
        "posta@kr-vysocina.cz",
        "564 602 111",
        "ksab3eu",
        '8.00</time>–<time itemprop="closes" datetime="17:00">17.00',
    ]:
        assert fact in footer, fact
    assert "#bez-grafiky" in footer  # the text-only view the seed offers

    roma = client.get("/romove/")
    links = {
        link.title: link.url
        for group in Page.objects.get(path="romove").link_groups.all()
        for link in group.links.all()
    }
    # All five of the seed's links; an address only where it is certain.
    assert len(links) == 5
    assert all(url.startswith("https://") for url in links.values() if url)
    assert "Datum poslední změny" not in roma.content.decode()


def test_the_roma_page_gathers_what_the_seed_page_gathered(db):
    """Seed 000: strategies, the recommendation, methodology, the region's
    analyses and the yearly reports 2012–2016, each a link that works."""
    call_command("load_demo", stdout=StringIO())
    client = Client()
    page = client.get("/romove/").content.decode()
    body = page.split('<div class="rich-text"')[1].split("</div>")[0]
    hrefs = re.findall(r'href="(/dokumenty/[^"]+)"', body)
    assert len(hrefs) == 15
    assert {client.get(href).status_code for href in hrefs} == {200}
    for year in range(2012, 2017):
        assert re.search(rf'mensiny-{year}/"[^>]*>Rok {year}</a>', body), year
    assert "Celostátní asociace Romů ČR" in page


def test_the_demo_archives_strategies_after_their_validity(db):
    """A strategy valid "do roku 2020" (seed 000) is no longer listed as
    current; its page stays, marked as archived."""
    from documents.models import Document

    call_command("load_demo", stdout=StringIO())
    client = Client()
    expired = Document.objects.get(slug="strategie-romske-integrace-do-roku-2020")
    assert expired.is_archived
    current = client.get("/dokumenty/", {"category": expired.category.slug})
    assert expired.title not in current.content.decode()
    assert expired.title in client.get(expired.get_absolute_url()).content.decode()


def test_a_site_notice_is_a_landmark_marked_czech_in_other_languages(db, languages):
    """An editor's notice ("Nacházíte se na archivních webových stránkách")
    is in a region a screen reader lists, read with Czech pronunciation on
    /en/ and /uk/, where it stays Czech."""
    site = SiteSettings.load()
    site.notice = "Nacházíte se na archivních webových stránkách."
    site.save()
    client = Client()
    czech = client.get("/").content.decode()
    assert '<section class="site-notice" aria-label="Oznámení"><p>Nacházíte' in czech
    english = client.get("/en/").content.decode()
    assert '<section class="site-notice" aria-label="Notice"><p lang="cs">' in english


def test_programme_5_1_links_the_recipients_overview_its_news_promises(db):
    """The news of 26. 5. 2020 points to "Přehled přidělených dotačních
    prostředků na rok 2020" (seed 003); the programme's page leads to it."""
    from grants.models import Programme

    call_command("load_demo", stdout=StringIO())
    programme = Programme.objects.get(code="5.1")
    page = Client().get(programme.get_absolute_url()).content.decode()
    overview = programme.awards_document
    assert f'href="{overview.get_absolute_url()}"' in page
    assert "Přehled přidělených dotačních prostředků na rok 2020" in page
    assert "Na portál zatím zapsán nebyl" not in page
    assert Client().get(overview.get_absolute_url()).status_code == 200


def test_the_demo_names_the_department_in_each_language(db, languages):
    call_command("load_demo", stdout=StringIO())
    english = Client().get("/en/").content.decode()
    assert '<span class="site-title-department">Department of Social Affairs' in english
    assert "Cash desk, CzechPOINT: Monday and Wednesday" in english
    ukrainian = Client().get("/uk/").content.decode()
    assert "Відділ соціальних справ" in ukrainian and "Каса, CzechPOINT" in ukrainian
    assert "Odbor sociálních věcí</span>" in Client().get("/").content.decode()


def test_documents_show_a_seeds_date_or_the_day_they_went_public_here(db):
    """No invented publication dates ("1. 1. 2015"): a document shows the
    date a seed gives it, or the day the demo put it on this site."""
    from django.utils import timezone

    from documents.models import Document
    from portal.templatetags.czech import cz_date

    call_command("load_demo", stdout=StringIO())
    # The dates seeds 000 and 003 give (when an item was added or
    # announced), and today, when the demo was loaded.
    seed_dates = {
        *("1. 7. 2009", "13. 1. 2021", "23. 6. 2020"),
        *("17. 12. 2019", "26. 5. 2020"),  # programme 5.1 announced, awarded
    }
    allowed = {date.replace(" ", "\xa0") for date in seed_dates}
    allowed.add(cz_date(timezone.localdate()))
    shown = {}
    client = Client()
    for document in Document.objects.published():
        page = client.get(document.get_absolute_url()).content.decode()
        shown[document.slug] = re.search(r"Zveřejněno</dt><dd>([^<]+)</dd>", page)[1]
    assert {slug: date for slug, date in shown.items() if date not in allowed} == {}
    assert "13.\xa01.\xa02021" in shown.values()  # the brochure, seed 003
