import threading
from datetime import date, timedelta
from io import StringIO

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from portal.models import Status
from projects.models import KeyActivity, Partnership, Project, ProjectStatus
from projects.validators import (
    normalise_registration_number,
    registration_period,
    validate_registration_number,
)
from tests.factories import make_organisation, make_person, make_project

BROWSER = "Mozilla/5.0 (X11; Linux x86_64) Firefox/130.0"


@pytest.mark.parametrize(
    ("number", "period"),
    [
        ("CZ.1.04/3.2.00/B4.00007", "2007–2013"),
        ("CZ.1.04/4.1.01/53.00168", "2007–2013"),
        ("CZ.03.2.63/0.0/0.0/15_007/0013535", "2014–2020"),
        ("CZ.03.2.60/0.0/0.0/15_005/0000001", "2014–2020"),
        ("CZ.03.02.01/00/22_003/0001885", "2021–2027"),
    ],
)
def test_valid_registration_numbers_of_each_period(number, period):
    validate_registration_number(number)
    assert registration_period(number) == period


@pytest.mark.parametrize(
    "number",
    [
        "CZ.1.04/3.2.00/B4.0007",
        "CZ.03.2.63/0.0/0.0/15_007/001353",
        "CZ.03.02.01/00/22_003",
        "SK.1.04/3.2.00/B4.00007",
        "123456",
        "<script>",
    ],
)
def test_invalid_registration_numbers_name_the_expected_shape(number):
    with pytest.raises(ValidationError) as error:
        validate_registration_number(number)
    assert "CZ.1.04/3.2.00/B4.00007 (2007–2013)" in error.value.messages[0]


def test_stray_spaces_are_normalised():
    assert normalise_registration_number(" CZ 03.2.60 / 0.0/0.0/15_005/0000001 ") == (
        "CZ.03.2.60/0.0/0.0/15_005/0000001"
    )
    validate_registration_number("CZ 03.2.63/0.0/0.0/15_007/0013535")


def test_registration_numbers_are_unique(db):
    make_project(registration_number="CZ.1.04/3.2.00/B4.00007")
    duplicate = Project(
        title="Jiný", slug="jiny", registration_number="CZ 1.04/3.2.00/B4.00007"
    )
    with pytest.raises(ValidationError) as error:
        duplicate.full_clean()
    assert "už existuje" in str(error.value)


@pytest.mark.parametrize(
    ("today", "phase"),
    [
        (date(2014, 3, 31), ProjectStatus.PREPARED),
        (date(2014, 4, 1), ProjectStatus.RUNNING),
        (date(2015, 10, 31), ProjectStatus.RUNNING),
        (date(2015, 11, 1), ProjectStatus.FINISHED),
    ],
)
def test_phase_moves_on_each_boundary_date(db, today, phase):
    project = make_project(start_date=date(2014, 4, 1), end_date=date(2015, 10, 31))
    assert project.phase(today) == phase
    assert list(Project.objects.in_phase(phase, today)) == [project]


def test_project_without_dates_has_no_phase(db):
    assert make_project().phase() is None


def test_end_before_start_is_refused(db):
    project = Project(
        title="Obráceně",
        slug="obracene",
        start_date=date(2020, 5, 1),
        end_date=date(2020, 4, 1),
    )
    with pytest.raises(ValidationError) as error:
        project.full_clean()
    assert "nemůže skončit dřív" in str(error.value)


def test_list_filters_by_phase_and_rejects_nonsense(client, db):
    today = timezone.localdate()
    make_project(title="Běžící", start_date=today - timedelta(days=10))
    make_project(
        title="Skončený", start_date=date(2014, 4, 1), end_date=date(2015, 10, 31)
    )
    response = client.get("/projekty/", {"phase": "ukonceny"})
    assert [p.title for p in response.context["page_obj"]] == ["Skončený"]
    assertContains(client.get("/projekty/", {"phase": "nesmysl"}), "neplatnou hodnotu")


def test_draft_project_is_404(client, db):
    project = make_project(status=Status.DRAFT)
    assert client.get(project.get_absolute_url()).status_code == 404


def test_both_seed_projects_render_every_fact(client, db):
    call_command("load_demo", stdout=StringIO())
    vysocina = client.get(
        "/projekty/podpora-socialni-integrace-romskych-lokalit-vysocina/",
        HTTP_USER_AGENT=BROWSER,
    )
    for fact in [
        "Podpora sociální integrace příslušníků romských lokalit v Kraji Vysočina",
        "CZ.1.04/3.2.00/B4.00007",
        "1.\u00a04.\u00a02014 – 31.\u00a010.\u00a02015",
        "ukončený",
        "analýza byla provedena ve všech 15 ORP Kraje Vysočina",
        "bylo uspořádáno 12 setkání členů platformy",
        "TP Sovy",
        "4 jednodenní semináře, 5 exkurzí, 7 workshopů a závěrečná konference",
        "Řízení a administrativa",
        "Příslušníci sociálně vyloučených romských komunit.",
        "Jednalo se o první projekt kraje",
        "Evropská unie",
        "Evropský sociální fond",
        "Operačního programu Lidské zdroje a zaměstnanost",
        'alt="" width="120" height="120"><span>Kraj Vysočina</span>',
        # Seed 001's "Počet návštěv: 37572", and this visit.
        'Počet návštěv: <span class="visit-count">37\u00a0573</span>',
    ]:
        assertContains(vysocina, fact)
    assert vysocina.content.decode().count('<li value="') == 6
    plzen = client.get(
        "/projekty/platforma-pro-zlepseni-integrace-romu-v-plzenskem-kraji/",
        HTTP_USER_AGENT=BROWSER,
    )
    for fact in [
        "Platforma pro zlepšení integrace Romů v Plzeňském kraji",
        "konzultační orgán pro tvorbu a vyhodnocování veřejných politik",
        '<section lang="en"',
        "The Platform will serve as a consultation body",
        'alt="" width="120" height="120"><span>Araart</span>',
        'alt="" width="120" height="120"><span>Tady a teď</span>',
        'alt="" width="120" height="120"><span>CPKP</span>',
        "Statutární město Plzeň",
        "Chcete se dozvědět více? Kontaktujte nás",
        "neuvedeno",
    ]:
        assertContains(plzen, fact)


@pytest.mark.usefixtures("no_page_cache")
def test_detail_query_count_does_not_grow_with_partners_and_activities(
    client, db, django_assert_num_queries
):
    project = make_project()

    def grow(count):
        start = project.activities.count()
        for number in range(start + 1, start + count + 1):
            KeyActivity.objects.create(
                project=project, number=number, title=f"Aktivita {number}"
            )
            Partnership.objects.create(
                project=project, organisation=make_organisation(), role="partner"
            )

    grow(2)
    client.get(project.get_absolute_url(), HTTP_USER_AGENT="bot")
    with CaptureQueriesContext(connection) as few:
        client.get(project.get_absolute_url(), HTTP_USER_AGENT="bot")
    grow(20)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(project.get_absolute_url(), HTTP_USER_AGENT="bot")
    assert response.content.decode().count('<li value="') == 22


def visits(project):
    project.refresh_from_db()
    return project.visit_count


def test_bots_and_quick_reloads_are_not_counted(client, db):
    project = make_project()
    client.get(project.get_absolute_url(), HTTP_USER_AGENT="Googlebot/2.1")
    client.get(project.get_absolute_url(), HTTP_USER_AGENT="")
    assert visits(project) == 0
    for _ in range(3):
        client.get(project.get_absolute_url(), HTTP_USER_AGENT=BROWSER)
    assert visits(project) == 1
    client.get(
        project.get_absolute_url(), HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.2"
    )
    assert visits(project) == 2
    # Counted without cookies; the contact form, with its CSRF cookie, is
    # on a page of its own.
    assert not client.cookies


def test_a_revisit_shows_the_last_count_without_asking_the_database(
    client, db, django_assert_num_queries
):
    project = make_project()
    url = project.get_absolute_url()
    client.get(url, HTTP_USER_AGENT=BROWSER)
    client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.2")
    # The page and the count come from the cache: only the content
    # generation is asked for.
    with django_assert_num_queries(1):
        revisit = client.get(url, HTTP_USER_AGENT=BROWSER)
    assertContains(revisit, '<span class="visit-count">2</span>')
    # The next counted visit shows the database's count, and so do the
    # revisits after it.
    Project.objects.filter(pk=project.pk).update(visit_count=40)
    counted = client.get(url, HTTP_USER_AGENT=BROWSER, REMOTE_ADDR="10.0.0.3")
    assertContains(counted, '<span class="visit-count">41</span>')
    with django_assert_num_queries(1):
        revisit = client.get(url, HTTP_USER_AGENT=BROWSER)
    assertContains(revisit, '<span class="visit-count">41</span>')


def test_concurrent_visits_are_not_lost(transactional_db):
    project = make_project()
    errors = []

    def visit(number):
        try:
            response = Client().get(
                project.get_absolute_url(),
                HTTP_USER_AGENT=BROWSER,
                REMOTE_ADDR=f"10.1.0.{number}",
            )
            assert response.status_code == 200
        except Exception as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=visit, args=(number,)) for number in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert visits(project) == 20


def post_contact(client, project, **data):
    payload = {
        "name": "Jana Nováková",
        "email": "jana@example.cz",
        "message": "Dobrý den, mám dotaz.",
    }
    payload.update(data)
    return client.post(contact_url(project), payload)


def contact_url(project):
    return reverse("projects:contact", args=[project.slug])


def test_contact_message_is_stored_and_emailed(client, db):
    project = make_project(contact=make_person(email="koordinator@kraj.example"))
    response = post_contact(client, project)
    assert response.status_code == 302
    assert project.messages.get().emailed
    assert mail.outbox[0].to == ["koordinator@kraj.example"]
    assert mail.outbox[0].reply_to == ["jana@example.cz"]
    assertContains(
        client.get(response["Location"], HTTP_USER_AGENT=BROWSER), "zprávu jsme přijali"
    )


def test_contact_form_validation_keeps_what_was_typed(client, db):
    project = make_project()
    response = post_contact(
        client, project, email="neni-email", message="Moje dlouhá zpráva"
    )
    assert response.status_code == 400
    assertContains(response, "Zadejte platnou e-mailovou adresu.", status_code=400)
    assertContains(response, "Moje dlouhá zpráva", status_code=400)
    assert not project.messages.exists()


def test_contact_form_is_shared_empty_never_with_what_a_visitor_typed(client, db):
    """Every project page shows the same empty form, rendered once: the
    answer to a POST with errors shows the visitor's text to them alone."""
    first, second = make_project(title="První projekt"), make_project(title="Druhý")
    assertContains(client.get(contact_url(first)), 'name="message"')
    response = post_contact(client, first, email="neni-email", message="Tajná zpráva")
    assertContains(response, "Tajná zpráva", status_code=400)
    for project in (first, second):
        page = Client().get(contact_url(project))
        assertContains(page, 'name="message"')
        assertContains(page, 'name="email"')
        assertNotContains(page, "Tajná zpráva")
        assertNotContains(page, "neni-email")


def test_contact_honeypot_and_rate_limit(client, db):
    project = make_project()
    response = post_contact(client, project, website="http://spam.example")
    assertContains(response, "Formulář se nepodařilo odeslat.", status_code=400)
    assert not project.messages.exists()
    for _ in range(3):
        assert post_contact(client, project).status_code == 302
    limited = post_contact(client, project)
    assertContains(limited, "Příliš mnoho zpráv", status_code=429)
    assert project.messages.count() == 3


def test_the_project_page_links_its_contact_form_and_sets_no_cookie(client, db):
    project = make_project(contact=make_person(name="Marie Dvořáková"))
    page = Client().get(project.get_absolute_url())
    assertContains(page, f'href="{contact_url(project)}"')
    assertNotContains(page, "csrfmiddlewaretoken")
    assert not page.cookies
    form = Client().get(contact_url(project))
    assertContains(form, "csrfmiddlewaretoken")
    assertContains(form, "Zprávu dostane kontaktní osoba projektu, Marie Dvořáková.")
    assertContains(form, f'href="{project.get_absolute_url()}"')  # breadcrumb


def test_contact_form_of_a_draft_is_404(client, db):
    project = make_project(status=Status.DRAFT)
    assert post_contact(client, project).status_code == 404
    assertNotContains(client.get("/projekty/"), project.title)


def test_a_project_pages_parts_follow_their_own_changes(client, db):
    """A change of the project, its activities or organisations shows on
    the next visit."""
    project = make_project(title="Platforma obcí")
    KeyActivity.objects.create(project=project, number=1, title="Setkání obcí")
    organisation = make_organisation(name="Spolek Náruč")
    Partnership.objects.create(
        project=project, organisation=organisation, role="partner"
    )
    url = project.get_absolute_url()
    page = client.get(url, HTTP_USER_AGENT="bot")
    assertContains(page, "Setkání obcí")
    assertContains(page, "Spolek Náruč")

    project.aims = "Lepší spolupráce obcí"
    project.save()
    page = client.get(url, HTTP_USER_AGENT="bot")
    assertContains(page, "Lepší spolupráce obcí")
    assertContains(page, "Setkání obcí")
    assertContains(page, "Spolek Náruč")

    organisation.name = "Spolek Náruč, z. s."
    organisation.save()
    KeyActivity.objects.create(project=project, number=2, title="Kulatý stůl")
    page = client.get(url, HTTP_USER_AGENT="bot")
    assertContains(page, "Spolek Náruč, z. s.")
    assertContains(page, "Kulatý stůl")
