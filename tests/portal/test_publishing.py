import itertools
from datetime import timedelta

from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains

from editorial.roles import setup_groups
from portal.models import Page, Status
from tests.factories import make_page, make_person


def test_published_excludes_drafts_and_scheduled_items(db):
    live = make_page(title="Zveřejněná")
    make_page(title="Koncept", status=Status.DRAFT)
    make_page(title="Naplánovaná", publish_at=timezone.now() + timedelta(hours=1))
    assert list(Page.objects.published()) == [live]


def test_current_excludes_archived_but_archived_lists_them(db):
    current = make_page(title="Aktuální")
    old = make_page(title="Stará", archived_at=timezone.now() - timedelta(days=1))
    later = make_page(
        title="Archivuje se zítra", archived_at=timezone.now() + timedelta(days=1)
    )
    assert set(Page.objects.current()) == {current, later}
    assert list(Page.objects.archived()) == [old]


def test_current_archived_and_is_archived_agree_on_every_date_combination(db):
    """A published item is in exactly one of current() and archived(), the
    one is_archived names; a scheduled one is in neither."""
    now = timezone.now()
    moments = {"past": now - timedelta(days=1), "future": now + timedelta(days=1)}
    pages = [
        make_page(
            title=f"Zveřejnit {publish}, archivovat {archive}",
            publish_at=moments[publish],
            archived_at=moments.get(archive),
        )
        for publish, archive in itertools.product(
            ["past", "future"], [None, "past", "future"]
        )
    ]
    current = set(Page.objects.current())
    archived = set(Page.objects.archived())
    for page in pages:
        assert (page in current) == (page.is_live and not page.is_archived), page
        assert (page in archived) == (page.is_live and page.is_archived), page
    assert {page.title for page in current} == {
        "Zveřejnit past, archivovat None",
        "Zveřejnit past, archivovat future",
    }
    assert {page.title for page in archived} == {"Zveřejnit past, archivovat past"}


def test_draft_page_is_not_found_by_the_public(client, db):
    page = make_page(title="Rozpracovaný text", status=Status.DRAFT)
    response = client.get(page.get_absolute_url())
    assert response.status_code == 404
    assertContains(response, "Stránka nenalezena", status_code=404)


def test_scheduled_page_appears_when_its_time_comes(client, db):
    page = make_page(
        title="Od zítřka", publish_at=timezone.now() + timedelta(minutes=5)
    )
    assert client.get(page.get_absolute_url()).status_code == 404
    Page.objects.filter(pk=page.pk).update(
        publish_at=timezone.now() - timedelta(seconds=1)
    )
    assertContains(client.get(page.get_absolute_url()), "Od zítřka")


def test_staff_preview_a_draft_with_a_visible_banner(client, db, django_user_model):
    page = make_page(title="Návrh stránky", status=Status.DRAFT)
    staff = django_user_model.objects.create_user("redaktor", is_staff=True)
    setup_groups()
    staff.groups.add(Group.objects.get(name="Redaktor"))
    client.force_login(staff)
    response = client.get(page.get_absolute_url())
    assertContains(response, "Návrh stránky")
    assertContains(response, "Náhled")


def test_live_page_shows_no_preview_banner(client, db):
    page = make_page(title="Hotová stránka")
    response = client.get(page.get_absolute_url())
    assert "preview-banner" not in response.content.decode()


def test_slug_is_transliterated_from_the_title(db):
    page = make_page(title="Romové a národnostní menšiny")
    assert page.slug == "romove-a-narodnostni-mensiny"


def test_responsible_person_and_last_change_are_shown(client, db):
    person = make_person(name="Mgr. Pavel Vaculík")
    page = make_page(title="Náplň činnosti", responsible=person)
    changed = timezone.make_aware(timezone.datetime(2017, 4, 25, 9, 15))
    Page.objects.filter(pk=page.pk).update(updated_at=changed)
    response = client.get(page.get_absolute_url())
    assertContains(response, "Za stránku zodpovídá:")
    assertContains(response, "Mgr. Pavel Vaculík")
    assertContains(response, "25.\u00a04.\u00a02017 9:15")


def test_home_lists_topics(client, db):
    from tests.factories import make_topic

    make_topic(name="Integrace cizinců")
    assertContains(client.get(reverse("portal:home")), "Integrace cizinců")
