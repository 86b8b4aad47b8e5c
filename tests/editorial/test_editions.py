"""Editions: an editor changes a live item through a draft of the change;
the public keeps the published edition until the draft is approved,
published or its scheduled time comes."""

from datetime import timedelta
from io import StringIO

import pytest
import reversion
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains

from editorial import services as editions
from editorial.models import Approval, Edition
from news.models import NewsItem
from portal.models import Link, LinkGroup, Status
from tests.factories import (
    admin_form_data,
    make_news_item,
    make_page,
)
from tests.signin import SignedInClient

WORD = "Překlepoprava"  # a word found nowhere else


def live_news(**fields):
    """A published news item with its first version in history, as every
    item saved through the admin has."""
    with reversion.create_revision():
        return make_news_item(**fields)


@pytest.fixture
def public(languages):
    """An anonymous visitor's client."""
    return Client()


def change(client, obj, button=None, **fields):
    """Open ``obj``'s change form as ``client``, change ``fields`` and save
    (with ``button``)."""
    opts = obj._meta
    url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
    data = {**admin_form_data(client.get(url)), **fields}
    if button:
        data[button] = "1"
    return client.post(url, data)


def approve(client):
    request = Approval.objects.get(state=Approval.State.PENDING)
    url = reverse("admin:editorial_approval_change", args=[request.pk])
    seen = client.get(url).context["seen"]
    return client.post(url, {"_approve": "1", "comment": "", "seen": seen})


def test_editor_fixes_a_typo_in_a_live_news_item_through_approval(
    login_as, admin_client, public
):
    item = live_news(title="Poradna", lead="Otevíráme porandu v Liberci.")
    cs, en = item.get_absolute_url(), "/en" + item.get_absolute_url()
    editor = login_as("Redaktor")

    response = change(editor, item, "_submit_approval", lead=f"Otevíráme {WORD}.")

    assert response.status_code == 302
    for url in (cs, en):
        page = public.get(url)
        assertContains(page, "Otevíráme porandu v Liberci.")
        assertNotContains(page, WORD)
    assert Edition.objects.get().state == Edition.State.SUBMITTED
    # The approver sees the change itself, in Czech.
    review = admin_client.get(
        reverse("admin:editorial_approval_change", args=[Approval.objects.get().pk])
    )
    assertContains(review, f"<ins>{WORD}.</ins>")
    assertNotContains(review, "Image list")

    assert approve(admin_client).status_code == 302

    for url in (cs, en):
        assertContains(public.get(url), f"Otevíráme {WORD}.")
    assert Edition.objects.get().state == Edition.State.PUBLISHED


def test_editor_fixes_a_live_page_and_its_links_through_approval(
    login_as, admin_client, public
):
    page = make_page(title="Romové", slug="romove", body="<p>Úvod</p>")
    group = LinkGroup.objects.create(page=page, title="Odkazy")
    Link.objects.create(group=group, title="Úřad vlády", url="https://vlada.cz/")
    editor = login_as("Redaktor")
    url = reverse("admin:portal_page_change", args=[page.pk])
    data = admin_form_data(editor.get(url))
    data["body"] = f"<p>Úvod {WORD}</p>"
    data["link_groups-TOTAL_FORMS"] = "2"
    data["link_groups-1-title"] = "Nové odkazy"
    data["link_groups-1-order"] = "2"
    data["_submit_approval"] = "1"

    assert editor.post(url, data).status_code == 302

    shown = public.get(page.get_absolute_url())
    assertNotContains(shown, WORD)
    assertNotContains(shown, "Nové odkazy")
    assertNotContains(public.get("/en" + page.get_absolute_url()), WORD)
    assert page.link_groups.count() == 1
    # Reopened, the form shows the draft, rows included.
    reopened = editor.get(url).context["adminform"].form
    assert WORD in reopened["body"].value()

    approve(admin_client)

    assertContains(public.get("/en" + page.get_absolute_url()), WORD)
    shown = public.get(page.get_absolute_url())
    assertContains(shown, WORD)
    assertContains(shown, "Nové odkazy")
    assert Link.objects.get().url == "https://vlada.cz/"  # the old row kept


def test_approval_of_a_draft_changed_since_is_refused(login_as, admin_client, public):
    item = make_news_item(title="Poradna", lead="Původní.")
    editor = login_as("Redaktor")
    change(editor, item, "_submit_approval", lead="Schválená verze.")
    request = Approval.objects.get()
    url = reverse("admin:editorial_approval_change", args=[request.pk])
    seen = admin_client.get(url).context["seen"]
    change(editor, item, lead=f"Pozdější {WORD}.")  # after the approver looked

    refused = admin_client.post(url, {"_approve": "1", "seen": seen})

    assert refused.status_code == 409
    assertContains(refused, f"Pozdější {WORD}.", status_code=409)
    assertContains(public.get(item.get_absolute_url()), "Původní.")


def test_a_publisher_schedules_a_change_and_it_goes_live_at_its_time(
    admin_client, public
):
    item = make_news_item(title="Poradna", lead="Původní.")
    when = timezone.localtime() + timedelta(hours=2)

    response = change(
        admin_client,
        item,
        "_schedule_change",
        lead=f"Naplánováno {WORD}.",
        go_live_at=when.strftime("%d. %m. %Y %H:%M"),
    )

    assert response.status_code == 302
    edition = Edition.objects.get()
    assert edition.state == Edition.State.SCHEDULED
    out = StringIO()
    call_command("publish_scheduled", stdout=out)
    assertNotContains(public.get(item.get_absolute_url()), WORD)

    # The time comes; the timer's next run publishes it, nobody present.
    Edition.objects.update(go_live_at=timezone.now() - timedelta(minutes=1))
    call_command("publish_scheduled", stdout=out)

    assert "Zveřejněno naplánovaných změn: 1" in out.getvalue()
    assertContains(public.get(item.get_absolute_url()), f"Naplánováno {WORD}.")


def test_a_publishers_save_goes_live_at_once_and_a_draft_waits(admin_client, public):
    item = make_news_item(title="Poradna", lead="Původní.")
    change(admin_client, item, "_save_draft", lead=f"Koncept {WORD}.")
    assertNotContains(public.get(item.get_absolute_url()), WORD)

    change(admin_client, item, lead=f"Hned {WORD}.")

    assertContains(public.get(item.get_absolute_url()), f"Hned {WORD}.")


def test_discarding_a_draft_leaves_the_live_item(login_as, public):
    item = make_news_item(title="Poradna", lead="Původní.")
    editor = login_as("Redaktor")
    change(editor, item, lead=f"Omyl {WORD}.")

    change(editor, item, "_discard_change")

    assert Edition.objects.get().state == Edition.State.DISCARDED
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    assert editor.get(url).context["adminform"].form["lead"].value() == "Původní."
    assertContains(public.get(item.get_absolute_url()), "Původní.")


def test_an_author_discards_their_own_draft_waiting_for_approval(login_as, public):
    item = make_news_item(title="Poradna", lead="Původní.")
    editor = login_as("Redaktor")
    change(editor, item, "_submit_approval", lead=f"Omyl {WORD}.")

    change(editor, item, "_discard_change")

    assert Edition.objects.get().state == Edition.State.DISCARDED
    assert Approval.objects.get().state == Approval.State.RETURNED
    assertContains(public.get(item.get_absolute_url()), "Původní.")


def test_a_colleague_who_approves_discards_anothers_waiting_draft(
    login_as, admin_client, admin_user, django_user_model, public
):
    """Another editor of the same role may not drop what waits for the
    approver; Správce may, and the author learns of it."""
    from django.contrib.auth.models import Group

    item = make_news_item(title="Poradna", lead="Původní.")
    author = login_as("Redaktor")
    django_user_model.objects.filter(username="user-Redaktor").update(
        email="autorka@example.cz"
    )
    change(author, item, "_submit_approval", lead=f"Koncept {WORD}.")
    colleague = django_user_model.objects.create_user("kolega", is_staff=True)
    colleague.groups.add(Group.objects.get(name="Redaktor"))
    other = SignedInClient()
    other.force_login(colleague)
    url = reverse("admin:news_newsitem_change", args=[item.pk])

    assertNotContains(other.get(url), "_discard_change")
    assert other.post(url, {"_discard_change": "1"}).status_code == 403
    assert Edition.objects.get().state == Edition.State.SUBMITTED

    assertContains(admin_client.get(url), "Zahodit změny")
    assert admin_client.post(url, {"_discard_change": "1"}).status_code == 302

    edition = Edition.objects.get()
    assert edition.state == Edition.State.DISCARDED
    assert edition.decided_by == admin_user
    request = Approval.objects.get()
    assert request.state == Approval.State.RETURNED and request.decided_by == admin_user
    assert mail.outbox[-1].to == ["autorka@example.cz"]
    assert "zahodil(a) vaši rozpracovanou změnu „Poradna“" in mail.outbox[-1].body
    assertContains(public.get(item.get_absolute_url()), "Původní.")
    assertNotContains(author.get(url), WORD)


def test_spravce_takes_an_item_down_at_once_with_a_reason(
    admin_client, login_as, public
):
    item = make_news_item(title="Poradna")
    url = reverse("admin:news_newsitem_change", args=[item.pk])

    admin_client.post(
        url, {"_withdraw": "1", "withdraw_reason": "Chybné údaje o termínu."}
    )

    assert public.get(item.get_absolute_url()).status_code == 404
    history = admin_client.get(reverse("admin:news_newsitem_history", args=[item.pk]))
    assertContains(history, "Staženo z webu: Chybné údaje o termínu.")
    other = make_news_item(title="Jiná")
    editor = login_as("Redaktor")
    other_url = reverse("admin:news_newsitem_change", args=[other.pk])
    editor.post(other_url, {"_withdraw": "1", "withdraw_reason": "Nechci."})
    other.refresh_from_db()
    assert other.status == Status.PUBLISHED


def test_an_author_cannot_approve_their_own_change(login_as, django_user_model):
    from django.contrib.auth.models import Permission

    item = make_news_item(title="Poradna", lead="Původní.")
    editor = login_as("Redaktor")
    user = django_user_model.objects.get(username="user-Redaktor")
    user.user_permissions.add(Permission.objects.get(codename="approve_approval"))
    change(editor, item, "_submit_approval", lead=f"Vlastní {WORD}.")

    assert approve(editor).status_code == 403

    item.refresh_from_db()
    assert WORD not in item.lead


def test_public_pages_ask_no_more_queries_with_a_pending_draft(
    login_as, public, settings
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    settings.PORTAL_PAGE_CACHE_SECONDS = 0
    item = make_news_item(title="Poradna", lead="Původní.")
    public.get(item.get_absolute_url())  # the site's settings, once per process
    with CaptureQueriesContext(connection) as before:
        public.get(item.get_absolute_url())
    change(login_as("Redaktor"), item, lead=f"Koncept {WORD}.")

    with CaptureQueriesContext(connection) as after:
        public.get(item.get_absolute_url())

    assert len(before) > 0
    assert len(after) == len(before)


def test_list_says_what_is_on_the_site(login_as, admin_client):
    live = make_news_item(title="Zveřejněná")
    changed = make_news_item(title="Se změnou")
    make_news_item(title="Koncept", status=Status.DRAFT)
    change(login_as("Redaktor"), changed, lead="Změna.")

    listing = admin_client.get(reverse("admin:news_newsitem_changelist"))

    assertContains(listing, "zveřejněno · rozpracovaná změna")
    assertContains(listing, "koncept")
    assert live.status == Status.PUBLISHED


def test_services_keep_one_open_edition_per_item(db, admin_user):
    item = make_news_item(title="Poradna")
    first = editions.save_draft(item, editions.capture(item), admin_user)
    second = editions.save_draft(item, editions.capture(item), admin_user)
    first.refresh_from_db()
    assert first.state == Edition.State.SUPERSEDED
    assert editions.open_edition(item) == second
    assert NewsItem.objects.get().title == "Poradna"


def test_the_dashboard_lists_my_drafts_of_changes(login_as):
    item = make_news_item(title="Poradna v Liberci")
    editor = login_as("Redaktor")
    change(editor, item, lead=f"Koncept {WORD}.")

    dashboard = editor.get(reverse("admin:index"))

    assertContains(dashboard, "Moje rozpracované změny zveřejněných položek")
    assertContains(dashboard, "Poradna v Liberci")


def test_the_approver_sees_a_changed_image_not_its_file_name(
    login_as, admin_client, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    path = tmp_path / "akce.png"
    Image.new("RGB", (800, 450), "teal").save(path)
    item = live_news(title="Poradna", lead="Původní.")
    editor = login_as("Redaktor")
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = admin_form_data(editor.get(url))
    data.update(
        image=SimpleUploadedFile("akce.png", path.read_bytes(), "image/png"),
        image_alt="Budova krajského úřadu",
        _submit_approval="1",
    )
    assert editor.post(url, data).status_code == 302

    review = admin_client.get(
        reverse("admin:editorial_approval_change", args=[Approval.objects.get().pk])
    )

    assertContains(review, 'class="diff-image"')
    assertNotContains(review, "Image list")
    assertNotContains(review, "Stav překladů")
    assertNotContains(review, "akce.png")


def test_a_drafts_new_row_never_overwrites_a_row_made_meanwhile(
    login_as, admin_client, public
):
    """A row added in a draft was inserted and rolled back: on SQLite its id
    can go to the next row anyone adds. Publishing the draft gives its row
    a new id and leaves the other row alone."""
    page = make_page(title="Romové", slug="romove")
    other = make_page(title="Národnostní menšiny", slug="mensiny")
    editor = login_as("Redaktor")
    url = reverse("admin:portal_page_change", args=[page.pk])
    data = admin_form_data(editor.get(url))
    data["link_groups-TOTAL_FORMS"] = "1"
    data["link_groups-0-title"] = "Odkazy z konceptu"
    data["link_groups-0-order"] = "1"
    data["_submit_approval"] = "1"
    assert editor.post(url, data).status_code == 302
    drafted_id = int(
        Edition.objects.get()
        .revision.version_set.get(content_type__model="linkgroup")
        .object_id
    )
    meanwhile = LinkGroup.objects.create(page=other, title="Odkazy menšin")

    approve(admin_client)

    meanwhile.refresh_from_db()
    assert (meanwhile.page, meanwhile.title) == (other, "Odkazy menšin")
    assert [g.title for g in page.link_groups.all()] == ["Odkazy z konceptu"]
    assert drafted_id <= meanwhile.pk  # reused on SQLite, not on PostgreSQL
    assertContains(public.get(page.get_absolute_url()), "Odkazy z konceptu")
    assertContains(public.get(other.get_absolute_url()), "Odkazy menšin")


def test_a_row_removed_in_a_draft_stays_live_until_published(
    login_as, admin_client, public
):
    page = make_page(title="Romové", slug="romove")
    group = LinkGroup.objects.create(page=page, title="Staré odkazy")
    Link.objects.create(group=group, title="Úřad vlády", url="https://vlada.cz/")
    editor = login_as("Redaktor")
    url = reverse("admin:portal_page_change", args=[page.pk])
    data = admin_form_data(editor.get(url))
    data["link_groups-0-DELETE"] = "on"
    data["_submit_approval"] = "1"
    assert editor.post(url, data).status_code == 302
    assertContains(public.get(page.get_absolute_url()), "Staré odkazy")

    approve(admin_client)

    assertNotContains(public.get(page.get_absolute_url()), "Staré odkazy")
    assert not Link.objects.exists()


def test_two_editors_on_one_draft_do_not_overwrite_each_other(login_as, admin_client):
    item = make_news_item(title="Poradna", lead="Původní.")
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    editor = login_as("Redaktor")
    editors_form = admin_form_data(editor.get(url))
    approvers_form = admin_form_data(admin_client.get(url))
    approvers_form["lead"] = "Verze schvalovatele."
    assert (
        admin_client.post(url, {**approvers_form, "_save_draft": "1"}).status_code
        == 302
    )

    refused = editor.post(url, {**editors_form, "lead": "Verze redaktorky."})

    assert refused.status_code == 200
    assertContains(refused, "mezitím")
    assert editions.load_field(editions.open_edition(item), "lead") == (
        "Verze schvalovatele."
    )


def test_the_list_filters_by_what_is_on_the_site(login_as, admin_client):
    make_news_item(title="Jen zveřejněná")
    changed = make_news_item(title="Zveřejněná se změnou")
    make_news_item(title="Rozepsaný koncept", status=Status.DRAFT)
    change(login_as("Redaktor"), changed, lead="Změna.")
    url = reverse("admin:news_newsitem_changelist")

    with_change = admin_client.get(url, {"na_webu": "zmena"})
    drafts = admin_client.get(url, {"na_webu": "koncept"})

    assertContains(with_change, "Zveřejněná se změnou")
    assertNotContains(with_change, "Jen zveřejněná")
    assertContains(drafts, "Rozepsaný koncept")
    assertNotContains(drafts, "Zveřejněná se změnou")
