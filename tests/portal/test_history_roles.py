"""History (django-reversion) in the admin keeps every editor inside their
role: no one views, reverts or recovers what their group's permissions do
not cover, through any admin's history URLs."""

import pytest
import reversion
from django.contrib.auth.models import Group
from django.urls import reverse
from reversion.models import Version

from news.models import NewsItem
from portal.models import Status
from portal.roles import setup_groups
from tests.factories import make_news_item


@pytest.fixture
def login_as(client, django_user_model, db):
    setup_groups()

    def login(group):
        user = django_user_model.objects.create_user(f"user-{group}", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        client.force_login(user)
        return client

    return login


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
