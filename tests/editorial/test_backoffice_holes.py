"""The holes an outside review found in the back office (issue 32), each
tried through the interface that showed it: a restore writes only its own
item, the change form's version is the item's own, every action and every
related row keeps approval, an approval publishes only what was seen, a
foreign Host gets 400 and the password reset is rate-limited."""

import logging
from datetime import timedelta
from importlib import import_module

import pytest
import reversion
from django.apps import apps
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from pytest_django.asserts import assertContains, assertNotContains
from reversion.models import Revision, Version

from documents.models import Document
from editorial import history
from editorial.models import Approval
from news.models import NewsItem
from noticeboard.models import Notice
from portal.models import Link, LinkGroup, Page, Status
from tests.factories import (
    admin_form_data,
    make_award,
    make_category,
    make_document,
    make_document_file,
    make_news_item,
    make_notice,
    make_organisation,
    make_page,
    make_person,
    make_programme,
    make_topic,
)

# --- 1. a restore writes only the item asked for ------------------------------


def shared_revision():
    """A programme with an award and the /romove/ page, in one revision, as
    load_demo used to record them."""
    programme = make_programme(title="Podpora integrace národnostních menšin")
    make_award(programme, awarded=250000)
    page = make_page(title="Romové", body="<p>Úvod</p>")
    with reversion.create_revision():
        reversion.set_comment("Výchozí obsah webu")
        reversion.add_to_revision(programme)
        reversion.add_to_revision(page)
    return programme, page


def restore(client, obj, version):
    opts = obj._meta
    url = reverse(
        f"admin:{opts.app_label}_{opts.model_name}_revision", args=[obj.pk, version.pk]
    )
    form = client.get(url)
    # What the browser posts back: the form must carry what it showed.
    assertContains(form, 'name="opened_version"')
    return client.post(url, admin_form_data(form))


def test_restoring_a_programme_leaves_a_later_page_edit_alone(admin_client):
    programme, page = shared_revision()
    initial = Version.objects.get_for_object(programme).get()
    with reversion.create_revision():
        programme.title = "Podpora integrace – upraveno"
        programme.save()
    with reversion.create_revision():
        page.body = "<p>Úvod s opravou</p>"
        page.save()

    assert restore(admin_client, programme, initial).status_code == 302

    programme.refresh_from_db()
    page.refresh_from_db()
    assert programme.title == "Podpora integrace národnostních menšin"
    assert programme.awards.count() == 1  # its own rows came back with it
    assert page.body == "<p>Úvod s opravou</p>"


def test_restore_deletes_rows_the_item_gained_but_no_other_items_rows(
    admin_client,
):
    programme, page = shared_revision()
    initial = Version.objects.get_for_object(programme).get()
    other = make_programme(title="Jiný program")
    other_award = make_award(other, awarded=1000)
    with reversion.create_revision():
        make_award(programme, awarded=999)
        reversion.add_to_revision(programme)

    assert restore(admin_client, programme, initial).status_code == 302

    assert sorted(programme.awards.values_list("awarded", flat=True)) == [250000]
    assert other.awards.get() == other_award


def test_demo_content_has_a_revision_per_item(db):
    call_command("load_demo", verbosity=0)
    shared = [
        revision
        for revision in Revision.objects.prefetch_related("version_set")
        if len(
            {
                v.pk
                for v in revision.version_set.all()
                if len(history.item_versions(v)) == len(revision.version_set.all())
            }
        )
        != 1
    ]
    assert shared == []
    romove = Page.objects.get(slug="romove")
    assert Version.objects.get_for_object(romove).count() == 1


def test_migration_gives_each_item_of_a_shared_revision_its_own(db):
    programme, page = shared_revision()
    migration = import_module("portal.migrations.0015_one_item_per_revision")

    migration.split_revisions(apps, None)

    programme_version = Version.objects.get_for_object(programme).get()
    page_version = Version.objects.get_for_object(page).get()
    assert programme_version.revision != page_version.revision
    assert {v.object_repr for v in programme_version.revision.version_set.all()} == {
        str(programme),
        *(str(award) for award in programme.awards.all()),
    }
    assert page_version.revision.comment == "Výchozí obsah webu"
    assert page_version.revision.date_created == programme_version.revision.date_created
    migration.split_revisions(apps, None)  # again: nothing more to split
    assert Revision.objects.count() == 2


# --- 2. the version field is the item's own -----------------------------------


def test_another_items_version_shows_nothing_of_it(login_as):
    programme = make_programme(title="Tajný koncept", status=Status.DRAFT)
    make_award(
        programme,
        awarded=1250000,
        organisation=make_organisation(name="Spolek Naděje Liberec"),
    )
    with reversion.create_revision():
        reversion.add_to_revision(programme)
    foreign = Version.objects.get_for_object(programme).get()
    client = login_as("Redaktor")
    item = make_news_item(title="Moje zpráva", status=Status.DRAFT)
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = admin_form_data(client.get(url))
    data["opened_version"] = f"{foreign.pk}:{data['opened_version'].partition(':')[2]}"
    data["title"] = "Moje zpráva upravená"

    response = client.post(url, data)

    assertContains(response, "Formulář nenese údaj o verzi položky")
    assertNotContains(response, "Spolek Naděje Liberec")
    assertNotContains(response, "Tajný koncept")
    item.refresh_from_db()
    assert item.title == "Moje zpráva"


def test_a_post_without_the_version_is_refused(login_as):
    client = login_as("Redaktor")
    item = make_news_item(title="Moje zpráva", status=Status.DRAFT)
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = admin_form_data(client.get(url))
    del data["opened_version"]
    data["title"] = "Přepsáno skriptem"

    response = client.post(url, data)

    assertContains(response, "Formulář nenese údaj o verzi položky")
    item.refresh_from_db()
    assert item.title == "Moje zpráva"


def test_a_link_group_saved_in_its_own_admin_is_not_overwritten(admin_client):
    page = make_page(title="Romové", status=Status.DRAFT)
    group = LinkGroup.objects.create(page=page, title="Odkazy")
    Link.objects.create(group=group, title="Úřad vlády", url="https://vlada.cz/")
    page_url = reverse("admin:portal_page_change", args=[page.pk])
    page_form = admin_form_data(admin_client.get(page_url))
    group_url = reverse("admin:portal_linkgroup_change", args=[group.pk])
    group_form = admin_form_data(admin_client.get(group_url))
    group_form["links-0-url"] = "https://www.vlada.gov.cz/"
    assert admin_client.post(group_url, group_form).status_code == 302

    page_form["lead"] = "Nový úvod"
    response = admin_client.post(page_url, page_form)

    assertContains(response, "mezitím změnil někdo jiný")
    assert Link.objects.get().url == "https://www.vlada.gov.cz/"
    page.refresh_from_db()
    assert page.lead == ""


# --- 3. every changelist action checks each object ----------------------------


def run_action(client, model, action, objs):
    opts = model._meta
    return client.post(
        reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist"),
        {"action": action, "_selected_action": [obj.pk for obj in objs]},
        follow=True,
    )


def test_editor_cannot_archive_a_live_document(login_as):
    document = make_document(title="Metodika pro obce")
    client = login_as("Redaktor")

    response = run_action(client, Document, "archive", [document])

    assertContains(response, "Nic jsme nezměnili")
    document.refresh_from_db()
    assert document.archived_at is None


def test_editor_cannot_bring_a_withdrawn_methodology_back(login_as):
    document = make_document(
        title="Stará metodika", archived_at=timezone.now() - timedelta(days=1)
    )
    client = login_as("Redaktor")

    run_action(client, Document, "unarchive", [document])

    document.refresh_from_db()
    assert document.archived_at is not None


def test_editor_cannot_take_a_notice_off_the_board(login_as, client):
    notice = make_notice(title="Oznámení o vyvěšení")
    board = client.get(reverse("noticeboard:list"))
    assertContains(board, "Oznámení o vyvěšení")
    editor = login_as("Redaktor")

    run_action(editor, Notice, "archive", [notice])

    notice.refresh_from_db()
    assert notice.archived_at is None
    editor.logout()
    assertContains(client.get(reverse("noticeboard:list")), "Oznámení o vyvěšení")


def test_editor_still_archives_own_drafts(login_as):
    draft = make_document(title="Koncept", status=Status.DRAFT)
    client = login_as("Redaktor")

    run_action(client, Document, "archive", [draft])

    draft.refresh_from_db()
    assert draft.archived_at is not None


def test_a_mixed_selection_changes_nothing(login_as):
    draft = make_news_item(title="Koncept", status=Status.DRAFT)
    live = make_news_item(title="Zveřejněná zpráva")
    client = login_as("Redaktor")

    run_action(client, NewsItem, "archive", [draft, live])

    assert not NewsItem.objects.filter(archived_at__isnull=False).exists()


# --- 4. related rows keep approval -------------------------------------------


def test_editor_cannot_add_a_link_to_a_live_page_through_link_groups(login_as, client):
    page = make_page(title="Romové", slug="romove")
    editor = login_as("Redaktor")
    url = reverse("admin:portal_linkgroup_add")
    data = admin_form_data(editor.get(url))
    data.update(
        {
            "page": str(page.pk),
            "title": "Odkazy",
            "order": "0",
            "links-TOTAL_FORMS": "1",
            "links-0-title": "Podvodný odkaz",
            "links-0-url": "https://podvod.example/",
            "links-0-order": "0",
        }
    )

    response = editor.post(url, data)

    assertContains(response, "je zveřejněná: odkazy na ní se mění")
    assert not Link.objects.exists()
    editor.logout()
    assertNotContains(client.get(page.get_absolute_url()), "Podvodný odkaz")


def test_editor_cannot_change_a_live_pages_link_group(login_as):
    group = LinkGroup.objects.create(page=make_page(), title="Odkazy")
    editor = login_as("Redaktor")
    url = reverse("admin:portal_linkgroup_change", args=[group.pk])
    response = editor.get(url)
    assert response.status_code == 200  # to read
    assertNotContains(response, 'name="_save"')
    data = admin_form_data(response)
    data["title"] = "Jiné"
    editor.post(url, data)
    group.refresh_from_db()
    assert group.title == "Odkazy"
    delete = reverse("admin:portal_linkgroup_delete", args=[group.pk])
    assert editor.post(delete, {"post": "yes"}).status_code == 403


def test_editor_still_builds_link_groups_of_a_draft_page(login_as):
    page = make_page(title="Koncept", status=Status.DRAFT)
    editor = login_as("Redaktor")
    url = reverse("admin:portal_linkgroup_add")
    data = admin_form_data(editor.get(url))
    data.update({"page": str(page.pk), "title": "Odkazy", "order": "0"})
    assert editor.post(url, data).status_code == 302
    assert page.link_groups.count() == 1


@pytest.mark.parametrize(
    ("factory", "admin_name"),
    [
        (
            lambda: make_person(phone="+420 485 226 111", show_on_contacts=True),
            "person",
        ),
        (make_topic, "topic"),
        (make_organisation, "organisation"),
    ],
)
def test_editor_cannot_change_shared_rows_shown_on_live_pages(
    login_as, factory, admin_name
):
    obj = factory()
    editor = login_as("Redaktor")
    url = reverse(f"admin:portal_{admin_name}_change", args=[obj.pk])
    data = admin_form_data(editor.get(url))
    assert editor.post(url, {**data, "name": "Změněno"}).status_code == 403
    obj.refresh_from_db()
    assert obj.name != "Změněno"


def test_editor_cannot_rename_a_document_category(login_as):
    category = make_category(name="Metodiky")
    editor = login_as("Redaktor")
    url = reverse("admin:documents_category_change", args=[category.pk])
    assert editor.post(url, {"name": "Jinak", "slug": "jinak"}).status_code == 403
    category.refresh_from_db()
    assert category.name == "Metodiky"


def test_noticeboard_clerk_cannot_replace_another_documents_file(login_as):
    from django.core.files.uploadedfile import SimpleUploadedFile

    document = make_document(title="Strategie romské integrace")
    original = make_document_file(document, content=b"%PDF-1.4 puvodni\n%%EOF\n")
    clerk = login_as("Úřední deska")
    url = reverse("admin:documents_document_change", args=[document.pk])
    data = admin_form_data(clerk.get(url))
    data["files-0-file"] = SimpleUploadedFile(
        "podvrh.pdf", b"%PDF-1.4 podvrh\n%%EOF\n", "application/pdf"
    )

    assert clerk.post(url, data).status_code == 403

    original.refresh_from_db()
    with original.file.open() as stored:
        assert b"puvodni" in stored.read()


# --- 5. an approval publishes what the approver saw ---------------------------


@pytest.fixture
def pending_news(login_as, django_user_model):
    """A Redaktor's draft sent for approval; the Redaktor's client."""
    editor = login_as("Redaktor")
    add = reverse("admin:news_newsitem_add")
    data = admin_form_data(editor.get(add))
    data.update(
        title="Poradna",
        lead="Otevíráme poradnu.",
        body='<p>Více na <a href="https://kraj.example/poradna">webu</a>.</p>',
        _submit_approval="1",
    )
    assert editor.post(add, data).status_code == 302
    return NewsItem.objects.get(title="Poradna"), editor


def test_approval_of_a_changed_item_is_refused_and_shows_the_new_diff(
    pending_news, admin_client
):
    item, editor = pending_news
    review = reverse(
        "admin:editorial_approval_change", args=[Approval.objects.get().pk]
    )
    seen = admin_client.get(review).context["seen"]
    # The author changes the text while the approver reads the diff.
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = admin_form_data(editor.get(url))
    data["lead"] = "Otevíráme poradnu. Neschválená věta."
    assert editor.post(url, data).status_code == 302

    response = admin_client.post(review, {"_approve": "1", "seen": seen})

    assert response.status_code == 409
    assertContains(response, "Nic jsme nezveřejnili", status_code=409)
    assertContains(response, "Neschválená věta.", status_code=409)
    item.refresh_from_db()
    assert item.status == Status.DRAFT
    assert Client().get(item.get_absolute_url()).status_code == 404

    # Approving what is shown now publishes it.
    seen = admin_client.get(review).context["seen"]
    admin_client.post(review, {"_approve": "1", "seen": seen})
    item.refresh_from_db()
    assert item.is_live


def test_approval_without_naming_what_was_seen_publishes_nothing(
    pending_news, admin_client
):
    item, _editor = pending_news
    review = reverse(
        "admin:editorial_approval_change", args=[Approval.objects.get().pk]
    )
    admin_client.post(review, {"_approve": "1"})
    item.refresh_from_db()
    assert item.status == Status.DRAFT


def test_the_diff_shows_a_changed_link_address(pending_news, admin_client):
    item, editor = pending_news
    admin_client.post(
        reverse("admin:editorial_approval_change", args=[Approval.objects.get().pk]),
        {
            "_approve": "1",
            "seen": admin_client.get(
                reverse(
                    "admin:editorial_approval_change", args=[Approval.objects.get().pk]
                )
            ).context["seen"],
        },
    )
    item.refresh_from_db()
    item.status = Status.DRAFT  # back to the author, as an approver may
    with reversion.create_revision():
        item.save()
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = admin_form_data(editor.get(url))
    data["body"] = '<p>Více na <a href="https://podvod.example/">webu</a>.</p>'
    data["_submit_approval"] = "1"
    assert editor.post(url, data).status_code == 302

    pending = Approval.objects.get(state=Approval.State.PENDING)
    review = admin_client.get(
        reverse("admin:editorial_approval_change", args=[pending.pk])
    )

    html = review.content.decode()
    assert "<del>https://kraj.example/poradna]</del>" in html
    assert "<ins>https://podvod.example/]</ins>" in html


def test_words_of_rich_text_keep_link_and_image_addresses():
    text = history._text(
        '<p>Viz <a href="https://kraj.example/a">stránka</a> '
        '<img src="/media/editor/x.png" alt="Mapa kraje"></p>'
    )
    assert text == (
        "Viz [odkaz https://kraj.example/a] stránka "
        "[obrázek /media/editor/x.png „Mapa kraje“]"
    )


# --- 6. a foreign Host header is a 400 ---------------------------------------


@pytest.fixture
def console_records():
    """What reaches the log's console handler (the one production ships)."""
    console = next(h for h in logging.getLogger().handlers if h.get_name() == "console")
    records = []

    def keep(record):
        records.append(record)
        return False  # recorded here, not printed

    console.addFilter(keep)
    yield records
    console.removeFilter(keep)


@pytest.mark.parametrize(
    "url", ["/", "/aktuality/", "/admin/login/", "/admin/password_reset/"]
)
def test_foreign_host_gets_400_and_no_error_in_the_log(
    client, db, url, console_records
):
    client.raise_request_exception = False

    response = client.get(url, HTTP_HOST="evil.example")

    assert response.status_code == 400
    assertContains(response, "Chybný požadavek", status_code=400)
    assertNotContains(response, "evil.example", status_code=400)
    assert [r for r in console_records if r.levelno >= logging.ERROR] == []


# --- 7. the password reset is rate-limited -----------------------------------


def test_password_reset_floods_stop_after_three_mails_per_address(
    client, django_user_model
):
    django_user_model.objects.create_user(
        "jana", "jana@kraj.example", "Heslo-2026-x", is_staff=True
    )
    url = reverse("admin_password_reset")
    statuses = [
        client.post(url, {"email": "jana@kraj.example"}).status_code for _ in range(15)
    ]

    assert statuses[:3] == [302, 302, 302]
    assert set(statuses[3:]) == {429}
    assert len(mail.outbox) == 3
    refused = client.post(url, {"email": "jana@kraj.example"})
    assertContains(refused, "Příliš mnoho pokusů za krátkou dobu", status_code=429)


def test_password_reset_is_limited_per_client_too(client, django_user_model):
    for number in range(12):
        django_user_model.objects.create_user(
            f"u{number}", f"u{number}@kraj.example", "Heslo-2026-x", is_staff=True
        )
    url = reverse("admin_password_reset")
    statuses = [
        client.post(url, {"email": f"u{number}@kraj.example"}).status_code
        for number in range(12)
    ]
    assert statuses.count(302) == 10
    assert statuses[10:] == [429, 429]
    assert len(mail.outbox) == 10


def test_editor_group_roles_after_setup(db):
    """The roles that need approval can pick shared rows, not change them."""
    from editorial.roles import setup_groups

    setup_groups()
    editor = set(
        Group.objects.get(name="Redaktor").permissions.values_list(
            "codename", flat=True
        )
    )
    for codename in (
        "change_person",
        "change_topic",
        "change_organisation",
        "change_category",
        "add_topic",
        "add_person",
    ):
        assert codename not in editor
    assert {"view_person", "view_topic", "add_organisation"} <= editor


# --- beyond the list: other paths past approval ------------------------------


def test_editor_cannot_publish_by_restoring_a_published_version(login_as):
    with reversion.create_revision():
        item = make_news_item(title="Zveřejněný text")
    with reversion.create_revision():
        item.title = "Staženo"
        item.status = Status.DRAFT
        item.save()
    published = Version.objects.get_for_object(item).order_by("pk").first()
    editor = login_as("Redaktor")
    url = reverse("admin:news_newsitem_revision", args=[item.pk, published.pk])

    editor.post(url, admin_form_data(editor.get(url)))

    item.refresh_from_db()
    assert item.status == Status.DRAFT  # the text back, as a draft
    assert not NewsItem.objects.published().exists()


def test_editor_cannot_recover_a_deleted_live_item(login_as):
    with reversion.create_revision():
        item = make_news_item(title="Smazaná zpráva")
    deleted = Version.objects.get_for_object(item).get()
    item.delete()
    editor = login_as("Redaktor")
    url = reverse("admin:news_newsitem_recover", args=[deleted.pk])
    form = editor.get(url)
    assertContains(form, 'name="opened_version"')

    editor.post(url, admin_form_data(form))

    assert not NewsItem.objects.published().exists()  # back as a draft at most


def test_editor_cannot_delete_live_items_from_the_list(login_as):
    live = make_news_item(title="Zveřejněná zpráva")
    editor = login_as("Redaktor")

    editor.post(
        reverse("admin:news_newsitem_changelist"),
        {"action": "delete_selected", "_selected_action": [live.pk], "post": "yes"},
    )

    assert NewsItem.objects.filter(pk=live.pk).exists()
