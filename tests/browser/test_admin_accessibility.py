"""The back office meets the public site's bar (issue #40): axe-core finds
nothing (WCAG 2.0–2.2 A/AA and best practices) on the admin index with the
dashboard, a changelist, the add and change form of every content type,
the approval screen, the compare screen and the history's replaced files
("Nahrazené soubory v historii")."""

import json

import pytest
import reversion
from django.contrib import admin
from django.core.files.base import ContentFile
from django.urls import reverse
from playwright.sync_api import expect

from documents.models import Document
from documents.pdf import build_pdf
from editorial.models import Approval
from news.models import NewsItem
from tests.browser.conftest import PUBLIC_TAGS, axe_violations
from tests.browser.test_editor import PASSWORD, log_in

pytestmark = pytest.mark.browser


def screens():
    """(name, path) of each screen to check, from the live admin."""
    result = [
        ("admin index and dashboard", reverse("admin:index")),
        ("changelist", reverse("admin:noticeboard_notice_changelist")),
    ]
    for model in admin.site._registry:
        opts = model._meta
        try:
            add = reverse(f"admin:{opts.app_label}_{opts.model_name}_add")
        except Exception:  # noqa: BLE001 - admins without an add view
            continue
        result.append((f"add form {opts.label}", add))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            change = reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk]
            )
            result.append((f"change form {opts.label}", change))
    return result


@pytest.fixture
def approval_and_compare(demo_site, django_user_model):
    """A news item with two versions and a pending approval of it."""
    item = NewsItem.objects.order_by("pk").first()
    with reversion.create_revision():
        item.title = item.title + " (upraveno)"
        item.save()
    author = django_user_model.objects.create_user("autorka", is_staff=True)
    from django.contrib.contenttypes.models import ContentType

    request_ = Approval.objects.create(
        content_type=ContentType.objects.get_for_model(item),
        object_id=str(item.pk),
        title=str(item),
        author=author,
    )
    from reversion.models import Version

    versions = Version.objects.get_for_object(item).order_by("pk")
    compare = reverse("admin:news_newsitem_compare", args=[item.pk])
    return [
        ("approval", reverse("admin:editorial_approval_change", args=[request_.pk])),
        ("compare", f"{compare}?old={versions.first().pk}&new={versions.last().pk}"),
        ("replaced files", replaced_files_screen()),
    ]


def replaced_files_screen():
    """A document whose file was replaced, so that its history keeps one
    to offer for removal."""
    document = Document.objects.exclude(files__file="").order_by("pk").first()
    row = document.files.exclude(file="").first()
    with reversion.create_revision():
        reversion.add_to_revision(document)
        reversion.add_to_revision(row)
    row.file.save("opraveny.pdf", ContentFile(build_pdf("Opraveno", ["Text"])))
    return reverse("admin:documents_document_purge", args=[document.pk])


def test_every_admin_screen_has_no_axe_violations(
    demo_site, page, django_user_model, approval_and_compare
):
    django_user_model.objects.create_superuser("spravkyne", password=PASSWORD)
    log_in(page, demo_site.url, "spravkyne")
    found = {}
    for name, path in [*screens(), *approval_and_compare]:
        response = page.goto(demo_site.url + path)
        if response.status == 403 and name.startswith("add form"):
            continue  # an admin that adds nothing (login records, approvals)
        assert response.status < 400, (name, path, response.status)
        expect(page.locator("#content")).to_be_visible()
        if name == "replaced files":
            expect(
                page.get_by_role("button", name="Trvale odstranit soubor")
            ).to_be_visible()
        violations = axe_violations(page, PUBLIC_TAGS)
        if violations:
            found[f"{name} ({path})"] = violations
    # The whole list, for the failure report: what each screen lacks.
    print(json.dumps(found, ensure_ascii=False, indent=1))
    assert found == {}
