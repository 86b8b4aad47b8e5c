"""History (django-reversion) in the admin keeps every editor inside their
role: no one views, reverts or recovers what their group's permissions do
not cover, through any admin's history URLs."""

import pytest
import reversion
from django.apps import apps
from django.contrib import admin
from django.contrib.auth import get_user
from django.contrib.auth.models import Group, Permission
from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertContains, assertNotContains
from reversion.admin import VersionAdmin
from reversion.models import Version

from editorial import approval
from editorial import services as editions
from editorial.history_admin import HistoryAdmin
from editorial.roles import ADMINISTRATOR, roles, setup_groups
from news.models import NewsItem
from portal.models import LinkGroup, SiteSettings, Status
from portal.publishing import Publishable
from projects.models import KeyActivity, Project
from tests.factories import (
    admin_form_data,
    make_document,
    make_news_item,
    make_notice,
    make_organisation,
    make_page,
    make_person,
    make_programme,
    make_project,
    make_resolution,
    make_topic,
)
from tests.signin import SignedInClient


def withdrawn_news_item():
    """A news item first published, then withdrawn: its first version is
    the published text someone might want back."""
    with reversion.create_revision():
        item = make_news_item(title="Původní zpráva", status=Status.PUBLISHED)
    with reversion.create_revision():
        item.title = "Staženo"
        item.status = Status.DRAFT
        item.save()
    published = Version.objects.get_for_object(item).order_by("pk").first()
    return item, published


def test_projects_editor_cannot_republish_a_news_item_through_project_recover(
    login_as,
):
    """The reported attack: a Projekty user posts an empty form to the
    project admin's recover URL with a news item's version id."""
    item, published = withdrawn_news_item()
    client = login_as("Projekty")
    assert (
        client.get(reverse("admin:news_newsitem_change", args=[item.pk])).status_code
        == 403
    )

    response = client.post(
        reverse("admin:projects_project_recover", args=[published.pk])
    )

    assert response.status_code == 404
    item.refresh_from_db()
    assert (item.title, item.status) == ("Staženo", Status.DRAFT)
    assert not NewsItem.objects.published().exists()


# --- every admin with history × every group ----------------------------------


def make_link_group():
    return LinkGroup.objects.create(page=make_page(), title="Odkazy")


def make_site_settings():
    """The one row the migrations create, saved so that history has it."""
    site_settings = SiteSettings.objects.get_or_create(pk=1)[0]
    site_settings.authority_name = "Krajský úřad Zkušebního kraje"
    site_settings.save()
    return site_settings


# model label: (factory, the text field a revert puts back)
HISTORY_OBJECTS = {
    "portal.topic": (lambda: make_topic(slug="tema"), "name"),
    "portal.organisation": (make_organisation, "name"),
    "portal.person": (make_person, "name"),
    "portal.resolution": (make_resolution, "url"),
    "portal.linkgroup": (make_link_group, "title"),
    "portal.page": (lambda: make_page(slug="stranka"), "title"),
    "portal.sitesettings": (make_site_settings, "authority_name"),
    "documents.document": (lambda: make_document(slug="dokument"), "title"),
    "news.newsitem": (lambda: make_news_item(slug="aktualita"), "title"),
    "grants.programme": (lambda: make_programme(slug="program"), "title"),
    "projects.project": (lambda: make_project(slug="projekt"), "title"),
    "noticeboard.notice": (lambda: make_notice(slug="oznameni"), "title"),
}
HISTORY_ADMINS = sorted(
    model._meta.label_lower
    for model, model_admin in admin.site._registry.items()
    if isinstance(model_admin, HistoryAdmin)
)
USERS = [*roles(), ADMINISTRATOR, "superuser"]


def test_every_admin_with_history_is_covered_by_the_role_suite():
    assert set(HISTORY_ADMINS) == set(HISTORY_OBJECTS)


def test_no_admin_offers_history_without_the_role_checks():
    """An admin built on reversion's VersionAdmin directly would bring
    back the unchecked recover and revert views."""
    unchecked = [
        model._meta.label_lower
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, VersionAdmin)
        and not isinstance(model_admin, HistoryAdmin)
    ]
    assert unchecked == []


def admin_url(model, view, args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)


def role_actions(user, model):
    """What the user's group may do with the model, from the role table."""
    if user in ("superuser", ADMINISTRATOR):
        return {"add", "change", "delete", "view"}
    return set(roles()[user].get(model, ()))


@pytest.fixture
def superuser_client(django_user_model, db):
    client = SignedInClient()
    client.force_login(django_user_model.objects.create_superuser("spravce-webu"))
    return client


@pytest.fixture
def user_client(client, django_user_model, db):
    setup_groups()

    def login(user):
        if user == "superuser":
            account = django_user_model.objects.create_superuser("root")
        else:
            account = django_user_model.objects.create_user(
                f"user-{user}", is_staff=True
            )
            account.groups.add(Group.objects.get(name=user))
        client.force_login(account)
        return client

    return login


@pytest.mark.parametrize("user", USERS)
@pytest.mark.parametrize("label", HISTORY_ADMINS)
def test_history_revert_and_recover_follow_the_groups_permissions(
    label, user, user_client, superuser_client
):
    """A group sees an object's history and old versions where it may view
    the model, reverts only where it may change it and recovers only where
    it may add and change it; a refused revert or recover changes
    nothing."""
    factory, field = HISTORY_OBJECTS[label]
    model = apps.get_model(label)
    with reversion.create_revision():
        obj = factory()
    original = getattr(obj, field)
    changed = "https://example.org/zmena" if field == "url" else "Pozměněno"
    with reversion.create_revision():
        setattr(obj, field, changed)
        obj.save()
    first = Version.objects.get_for_object(obj).order_by("pk").first()
    revision_url = admin_url(model, "revision", [obj.pk, first.pk])
    revert_data = admin_form_data(superuser_client.get(revision_url))
    actions = role_actions(user, model)
    may_view = bool(actions & {"view", "change"})
    client = user_client(user)

    history = client.get(admin_url(model, "history", [obj.pk]))
    revision = client.get(revision_url)
    revert = client.post(revision_url, revert_data)
    obj.refresh_from_db()
    reverted = getattr(obj, field) == original

    model._default_manager.filter(pk=obj.pk).delete()
    recover_url = admin_url(model, "recover", [first.pk])
    recover_data = admin_form_data(superuser_client.get(recover_url))
    recover = client.post(recover_url, recover_data)
    # Site settings come back by themselves as their defaults.
    recovered = model._default_manager.filter(pk=obj.pk, **{field: original}).exists()

    # A group that needs approval to publish: an old version of a live
    # item becomes a draft of a change (the live row stays), a deleted one
    # comes back as a draft; a live page's link group stays read-only.
    needs_approval = not approval.may_publish(get_user(client))
    was_live = any(
        version.field_dict.get("status") == Status.PUBLISHED
        for version in first.revision.version_set.all()
    )
    publishable = issubclass(model, Publishable)
    held = needs_approval and was_live and not publishable
    drafted = needs_approval and was_live and publishable
    # A posted notice is fixed (issue #40): corrected by a new notice,
    # never written back to an old version or brought back once gone.
    fixed = getattr(obj, "is_fixed", False)
    may_revert = "change" in actions and not held and not fixed
    may_recover = {"add", "change"} <= actions and not held and not fixed
    live_again = publishable and (
        model._default_manager.filter(pk=obj.pk, status=Status.PUBLISHED).exists()
    )
    assert {
        "history": history.status_code,
        "revision": revision.status_code,
        "revert": revert.status_code,
        "reverted": reverted,
        "recover": recover.status_code,
        "recovered": recovered,
        "live after recover": live_again,
    } == {
        "history": 200 if may_view else 403,
        "revision": 200 if may_view else 403,
        "revert": 302 if may_revert else 403,
        "reverted": may_revert and not drafted,
        "recover": 302 if may_recover else 403,
        "recovered": may_recover,
        "live after recover": publishable and may_recover and was_live and not drafted,
    }


@pytest.mark.parametrize("label", HISTORY_ADMINS)
def test_no_admin_restores_a_version_of_another_model(label, superuser_client):
    """Not even a superuser reaches another model's version through an
    admin's recover or revision URL, so no group can either."""
    model = apps.get_model(label)
    other = make_project if label == "news.newsitem" else make_news_item
    with reversion.create_revision():
        foreign = other(title="Cizí obsah")
    version = Version.objects.get_for_object(foreign).get()
    foreign.delete()
    recover_url = admin_url(model, "recover", [version.pk])
    revision_url = admin_url(model, "revision", [version.object_id, version.pk])

    responses = [
        superuser_client.get(recover_url),
        superuser_client.post(recover_url),
        superuser_client.get(revision_url),
        superuser_client.post(revision_url),
    ]

    # 403 where the admin refuses recovering altogether (site settings
    # while their one row exists), 404 everywhere else.
    assert {response.status_code for response in responses} <= {403, 404}
    assert not type(foreign).objects.exists()


# --- revisions that span several objects --------------------------------------


@pytest.fixture
def user_with(client, django_user_model, db):
    """A staff user holding exactly the given permissions."""

    def login(*codenames):
        user = django_user_model.objects.create_user("omezeny", is_staff=True)
        user.user_permissions.set(Permission.objects.filter(codename__in=codenames))
        client.force_login(user)
        return client

    return login


PROJECT_ONLY = ["add_project", "change_project", "view_project"]


def test_news_editor_restoring_a_shared_revision_leaves_the_project_alone(
    login_as, superuser_client
):
    """A revision saved with a news item and a project together: restoring
    the news item writes only the news item, and as it is live, only into
    a draft of its change."""
    with reversion.create_revision():
        item = make_news_item(title="Zpráva", slug="zprava")
        project = make_project(title="Projekt", slug="projekt")
    with reversion.create_revision():
        item.title = "Nová zpráva"
        item.save()
        project.title = "Nový projekt"
        project.save()
    first = Version.objects.get_for_object(item).order_by("pk").first()
    url = admin_url(NewsItem, "revision", [item.pk, first.pk])
    data = admin_form_data(superuser_client.get(url))
    client = login_as("Redaktor")

    form = client.get(url)
    response = client.post(url, data)

    assertNotContains(form, "Tuto verzi nemůžete obnovit")
    assert response.status_code == 302
    item.refresh_from_db()
    project.refresh_from_db()
    assert (item.title, project.title) == ("Nová zpráva", "Nový projekt")
    draft = editions.load_field(editions.open_edition(item), "title")
    assert draft == "Zpráva"


def project_with_activity(activity_title):
    with reversion.create_revision():
        project = make_project(title="Projekt", slug="projekt")
        activity = KeyActivity.objects.create(
            project=project, number=1, title=activity_title
        )
        project.save()  # the revision follows the project to its activities
    return project, activity


def test_project_editor_without_activity_rights_cannot_revert_an_activity(
    user_with, superuser_client
):
    project, activity = project_with_activity("Vzdělávání asistentů")
    with reversion.create_revision():
        activity.title = "Přepsaná aktivita"
        activity.save()
        project.save()
    first = Version.objects.get_for_object(project).order_by("pk").first()
    assert first.revision.version_set.count() == 2
    url = admin_url(Project, "revision", [project.pk, first.pk])
    data = admin_form_data(superuser_client.get(url))
    client = user_with(*PROJECT_ONLY)

    response = client.post(url, data)

    assert response.status_code == 403
    activity.refresh_from_db()
    assert activity.title == "Přepsaná aktivita"


def test_revert_that_would_delete_an_activity_needs_delete_permission(
    user_with, superuser_client
):
    """Reversion deletes what the project holds now and the old revision
    does not; without delete permission on it, the revert is refused."""
    with reversion.create_revision():
        project = make_project(title="Projekt", slug="projekt")
    with reversion.create_revision():
        KeyActivity.objects.create(project=project, number=1, title="Nová aktivita")
        project.save()
    first = Version.objects.get_for_object(project).order_by("pk").first()
    url = admin_url(Project, "revision", [project.pk, first.pk])
    data = admin_form_data(superuser_client.get(url))
    client = user_with(*PROJECT_ONLY, "change_keyactivity", "add_keyactivity")

    response = client.post(url, data)

    assert response.status_code == 403
    assert project.activities.get().title == "Nová aktivita"


def test_projects_group_reverts_a_project_with_its_activities(
    login_as, superuser_client
):
    """Where the group covers every object, reversion's revert works as
    before: the activity text comes back and one added since goes."""
    project, activity = project_with_activity("Vzdělávání asistentů")
    with reversion.create_revision():
        activity.title = "Přepsaná aktivita"
        activity.save()
        KeyActivity.objects.create(project=project, number=2, title="Přidaná")
        project.save()
    first = Version.objects.get_for_object(project).order_by("pk").first()
    url = admin_url(Project, "revision", [project.pk, first.pk])
    data = admin_form_data(superuser_client.get(url))
    client = login_as("Projekty")

    response = client.post(url, data)

    assert response.status_code == 302
    assert [a.title for a in project.activities.all()] == ["Vzdělávání asistentů"]


def test_refused_user_does_not_even_run_a_rolled_back_revert(login_as):
    """Showing an old version reverts it in a transaction that is rolled
    back; for a user outside the model's role that never starts."""
    item, published = withdrawn_news_item()
    client = login_as("Projekty")
    url = admin_url(NewsItem, "revision", [item.pk, published.pk])

    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)

    assert response.status_code == 403
    assert not [q for q in queries if q["sql"].startswith(("UPDATE", "INSERT"))]


# --- the same kind of hole elsewhere in the admin ----------------------------


def test_only_a_role_with_the_right_creates_missing_site_settings(login_as):
    """The site settings admin allows adding only while no row exists;
    that must not let every staff user in."""
    SiteSettings.objects.all().delete()
    client = login_as("Projekty")

    response = client.post(
        reverse("admin:portal_sitesettings_add"),
        {"authority_name": "Podvržený úřad", "department_name": "Odbor"},
    )

    assert response.status_code == 403
    assert not SiteSettings.objects.filter(authority_name="Podvržený úřad").exists()


def test_dashboard_lists_only_drafts_the_editors_role_may_see(login_as):
    """The admin index lists drafts and items needing attention; an editor
    sees those of their own sections, not the titles of others' drafts."""
    make_news_item(title="Rozepsaná aktualita", status=Status.DRAFT)
    make_project(title="Rozepsaný projekt", status=Status.DRAFT)

    projects = login_as("Projekty").get(reverse("admin:index"))

    assertContains(projects, "Rozepsaný projekt")
    assertNotContains(projects, "Rozepsaná aktualita")


def test_draft_preview_is_for_the_roles_that_may_see_the_item(login_as):
    """Staff open drafts on the public site as a preview, but only those
    their role covers; others get the public 404."""
    draft = make_news_item(title="Rozepsaná aktualita", status=Status.DRAFT)
    client = login_as("Projekty")

    response = client.get(draft.get_absolute_url())

    assert response.status_code == 404


def test_award_import_needs_the_right_to_add_awards(user_with):
    """The import view of a programme writes awards: changing the
    programme alone is not enough."""
    programme = make_programme()
    token = signing.dumps(
        [{"recipient": "Spolek", "project_title": "Doučování", "awarded": "1000"}],
        salt="grants.import",
    )
    client = user_with("change_programme", "view_programme", "add_organisation")

    response = client.post(
        reverse("admin:grants_programme_import", args=[programme.pk]),
        {"confirm": token},
    )

    assert response.status_code == 403
    assert not programme.awards.exists()
