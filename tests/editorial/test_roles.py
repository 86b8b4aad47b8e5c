import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from editorial.roles import setup_groups

PAGES = {
    "pages": "admin:portal_page_changelist",
    "news": "admin:news_newsitem_changelist",
    "documents": "admin:documents_document_changelist",
    "grants": "admin:grants_programme_changelist",
    "awards": "admin:grants_award_changelist",
    "projects": "admin:projects_project_changelist",
    "notices": "admin:noticeboard_notice_changelist",
    "users": "admin:auth_user_changelist",
    "site": "admin:portal_sitesettings_changelist",
}
REACH = {
    "Redaktor": {"pages", "news", "documents", "notices"},
    # documents: view only; notices: a programme's announcement
    "Dotace": {"grants", "awards", "documents", "notices"},
    "Projekty": {"projects", "documents"},
    "Úřední deska": {"notices", "documents"},
    "Správce": set(PAGES),
}


@pytest.mark.parametrize("group", list(REACH))
def test_each_group_reaches_its_own_part_and_nothing_else(login_as, group):
    client = login_as(group)
    for name, url_name in PAGES.items():
        status = client.get(reverse(url_name)).status_code
        expected = 200 if name in REACH[group] else 403
        assert status == expected, (group, name, status)


def test_grants_group_may_view_but_not_change_documents(login_as):
    from tests.factories import make_document

    client = login_as("Dotace")
    document = make_document(title="Podmínky programu")
    page = client.get(reverse("admin:documents_document_change", args=[document.pk]))
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    assert (
        client.post(
            reverse("admin:documents_document_delete", args=[document.pk]),
            {"post": "yes"},
        ).status_code
        == 403
    )


def test_setup_groups_is_idempotent(db):
    first = setup_groups()
    assert setup_groups() == first
    assert Group.objects.count() == 5
