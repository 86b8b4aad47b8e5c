"""Document files live outside the public media folder and leave only through
the download view, while their document is public."""

import importlib
import json
import os
import re
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlencode

import pytest
import reversion
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.urls import path, reverse
from django.utils import timezone
from django.views.static import serve
from reversion.models import Version

from documents.models import DocumentFile
from documents.storage import document_storage
from portal import urls as portal_urls
from portal.models import Status
from tests.factories import make_document, make_document_file

ROOT = Path(__file__).resolve().parents[2]
SECRET = b"%PDF-1.4 duverny koncept, jeste neschvaleno"


def media(request, path):
    """What the front server (or the dev server's /media/ route) serves:
    anything under MEDIA_ROOT."""
    return serve(request, path, document_root=settings.MEDIA_ROOT)


# The portal with its media folder served publicly, as in production.
# (The portal's own patterns spread in, not included: its language prefixes,
# i18n_patterns, may only be at the top level.)
urlpatterns = [
    path("media/<path:path>", media),
    *portal_urls.urlpatterns,
]
public_media = pytest.mark.urls(__name__)


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def files_under(folder):
    return [path for path in Path(folder).rglob("*") if path.is_file()]


def assert_nothing_public_holds(content, client, *names):
    """Neither the media folder nor any /media/ address gives ``content``."""
    for file in files_under(settings.MEDIA_ROOT):
        assert content not in file.read_bytes(), file
    for name in names:
        response = client.get(f"/media/{name}")
        assert response.status_code == 404, name


@public_media
def test_a_drafts_file_is_not_in_media_and_no_media_url_serves_it(client, db):
    draft = make_document(status=Status.DRAFT, slug="koncept")
    document_file = make_document_file(draft, content=SECRET, name="Koncept.pdf")
    year = timezone.localdate().year
    assert (Path(settings.PORTAL_PRIVATE_ROOT) / document_file.file.name).exists()
    # The public media folder is served here, as images on pages need.
    photo = default_storage.save(f"news/{year}/foto.jpg", ContentFile(b"foto"))
    assert body(client.get(f"/media/{photo}")) == b"foto"
    assert_nothing_public_holds(
        SECRET,
        client,
        f"documents/{year}/koncept.pdf",  # where main used to put it
        document_file.file.name,
    )
    assert client.get(document_file.get_absolute_url()).status_code == 404


def test_stored_names_cannot_be_guessed(db):
    first = make_document_file(name="Zpráva 2016.pdf")
    second = make_document_file(name="Zpráva 2016.pdf")
    year = timezone.localdate().year
    pattern = rf"documents/{year}/[0-9a-f]{{32}}/zprava-2016\.pdf"
    assert re.fullmatch(pattern, first.file.name)
    assert re.fullmatch(pattern, second.file.name)
    assert first.file.name != second.file.name


@pytest.mark.parametrize(
    "change",
    [
        {"status": Status.DRAFT},
        {"publish_at": timezone.now() + timedelta(hours=1)},
    ],
    ids=["unpublished", "scheduled"],
)
def test_a_file_goes_offline_as_soon_as_its_document_does(client, db, change):
    document_file = make_document_file(content=SECRET, name="zprava.pdf")
    url = document_file.get_absolute_url()
    assert body(client.get(url)) == SECRET
    document = document_file.document
    for field, value in change.items():
        setattr(document, field, value)
    document.save()
    assert client.get(url).status_code == 404


def test_a_deleted_documents_file_is_gone(client, db):
    document_file = make_document_file(content=SECRET)
    url = document_file.get_absolute_url()
    document_file.document.delete()
    assert client.get(url).status_code == 404


def test_staff_preview_a_drafts_file(admin_client, db):
    document_file = make_document_file(
        make_document(status=Status.DRAFT), content=SECRET
    )
    assert body(admin_client.get(document_file.get_absolute_url())) == SECRET


def test_staff_outside_the_documents_roles_get_no_drafts_file(
    client, django_user_model, db
):
    """A staff account whose role does not cover documents downloads what
    the public downloads, and no draft's file."""
    document_file = make_document_file(
        make_document(status=Status.DRAFT), content=SECRET
    )
    client.force_login(django_user_model.objects.create_user("bez-role", is_staff=True))
    assert client.get(document_file.get_absolute_url()).status_code == 404


@public_media
def test_a_replaced_file_never_comes_back(client, admin_client, db):
    document_file = make_document_file(content=SECRET, name="zprava.pdf")
    old_name = document_file.file.name
    document_file.file = ContentFile(b"%PDF-1.4 opravena verze", name="zprava.pdf")
    document_file.save()
    # History may restore it, so the old file stays in the private folder.
    assert document_storage.exists(old_name)
    url = document_file.get_absolute_url()
    for visitor in (client, admin_client):
        assert body(visitor.get(url)) == b"%PDF-1.4 opravena verze"
    assert_nothing_public_holds(SECRET, client, old_name, document_file.file.name)


def test_the_admin_links_a_file_through_the_download_view(admin_client, db):
    document_file = make_document_file(content=SECRET)
    page = admin_client.get(
        reverse("admin:documents_document_change", args=[document_file.document.pk])
    ).content.decode()
    assert f'href="{document_file.get_absolute_url()}"' in page
    assert "/media/documents/" not in page


def test_no_cache_may_keep_a_download(client, db):
    document_file = make_document_file()
    response = client.get(document_file.get_absolute_url())
    assert "private" in response["Cache-Control"]
    assert "no-store" in response["Cache-Control"]


def test_nginx_sends_the_file_the_view_names(client, db, settings):
    settings.PORTAL_SENDFILE = "nginx"
    settings.PORTAL_SENDFILE_PREFIX = "/_private/"
    document_file = make_document_file(name="Zpráva o stavu.pdf")
    response = client.get(document_file.get_absolute_url())
    assert response["X-Accel-Redirect"] == f"/_private/{document_file.file.name}"
    assert response.content == b""
    assert response["Content-Type"] == "application/pdf"
    assert "Zpr%C3%A1va%20o%20stavu.pdf" in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    document_file.refresh_from_db()
    assert document_file.download_count == 1


def test_a_handed_over_file_is_not_kept_by_the_page_cache(client, db, settings):
    """Even a change that sends no signal (a raw UPDATE) takes the file
    offline: the front server's answer was never stored."""
    settings.PORTAL_SENDFILE = "nginx"
    settings.PORTAL_PAGE_CACHE_SECONDS = 600
    document_file = make_document_file()
    url = document_file.get_absolute_url()
    assert client.get(url).status_code == 200
    type(document_file.document).objects.filter(pk=document_file.document.pk).update(
        status=Status.DRAFT
    )
    response = client.get(url)
    assert response.status_code == 404
    assert "X-Accel-Redirect" not in response


def test_apache_sends_the_file_by_its_path(client, db, settings):
    settings.PORTAL_SENDFILE = "apache"
    document_file = make_document_file(content=SECRET)
    response = client.get(document_file.get_absolute_url())
    sent = Path(response["X-Sendfile"])
    assert sent.is_absolute()
    assert sent.is_relative_to(settings.PORTAL_PRIVATE_ROOT)
    assert sent.read_bytes() == SECRET
    assert response.content == b""


@pytest.mark.parametrize("mode", ["nginx", "apache"])
def test_a_file_missing_on_disk_is_not_handed_over(client, db, settings, mode):
    settings.PORTAL_SENDFILE = mode
    document_file = make_document_file()
    document_storage.delete(document_file.file.name)
    assert client.get(document_file.get_absolute_url()).status_code == 404


class ObjectStorage(FileSystemStorage):
    """Stands in for S3 (boto3 is not installed here): files without a path
    on this machine, reached by signed URLs."""

    def path(self, name):
        raise NotImplementedError

    def url(self, name, parameters=None, expire=None):
        return f"https://objects.example/private/{name}?{urlencode(parameters)}"


def test_object_storage_redirects_to_a_signed_url(client, db, settings):
    document_file = make_document_file(name="prijemci.csv", content=b"a;b\n")
    settings.STORAGES = {
        **settings.STORAGES,
        "documents": {
            "BACKEND": f"{__name__}.ObjectStorage",
            "OPTIONS": {"location": settings.PORTAL_PRIVATE_ROOT},
        },
    }
    response = client.get(document_file.get_absolute_url())
    assert response.status_code == 302
    assert response["Location"].startswith(
        f"https://objects.example/private/{document_file.file.name}?"
    )
    assert "ResponseContentDisposition=attachment" in response["Location"]
    assert "no-store" in response["Cache-Control"]
    document_file.refresh_from_db()
    assert document_file.download_count == 1


# --- the migration that moves existing files --------------------------------

migration = importlib.import_module("documents.migrations.0005_private_files")


@public_media
def test_the_migration_moves_files_out_of_media(
    client, db, django_capture_on_commit_callbacks
):
    old_name = default_storage.save("documents/2016/zprava.pdf", ContentFile(SECRET))
    with reversion.create_revision():
        moved = DocumentFile.objects.create(
            document=make_document(),
            file=old_name,
            original_name="Zpráva.pdf",
            format="PDF",
            content_type="application/pdf",
        )
    missing = DocumentFile.objects.create(
        document=make_document(), file="documents/2015/chybi.pdf"
    )
    with django_capture_on_commit_callbacks(execute=True):
        migration.move_to_private_storage(apps, None)
    moved.refresh_from_db()
    assert re.fullmatch(r"documents/2016/[0-9a-f]{32}/zprava\.pdf", moved.file.name)
    assert document_storage.open(moved.file.name).read() == SECRET
    assert_nothing_public_holds(SECRET, client, old_name, moved.file.name)
    assert body(client.get(moved.get_absolute_url())) == SECRET
    # History restores the moved file, not the name that no longer exists.
    version = Version.objects.get_for_object(moved).get()
    assert version.field_dict["file"] == moved.file.name
    missing.refresh_from_db()
    assert missing.file.name == "documents/2015/chybi.pdf"


def test_the_migration_runs_on_an_empty_site(db):
    migration.move_to_private_storage(apps, None)
    assert files_under(settings.PORTAL_PRIVATE_ROOT) == []


# --- settings ---------------------------------------------------------------

PROBE = """
import json
from portal import settings as s
print(json.dumps({
    "media": str(s.MEDIA_ROOT),
    "private": str(s.PORTAL_PRIVATE_ROOT),
    "documents": s.STORAGES["documents"],
}, default=str))
"""


def load_settings(tmp_path, **env):
    clean = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "AWS_", "PORTAL_"))
    }
    clean.update(DJANGO_VAR_DIR=str(tmp_path / "var"), **env)
    return subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
    )


def test_the_private_folder_sits_beside_media_by_default(tmp_path):
    result = load_settings(tmp_path)
    values = json.loads(result.stdout.strip().splitlines()[-1])
    assert values["private"] == str(tmp_path / "var" / "private")
    assert values["documents"]["OPTIONS"]["location"] == values["private"]


def test_a_private_folder_inside_media_is_refused(tmp_path):
    result = load_settings(
        tmp_path,
        DJANGO_MEDIA_ROOT=str(tmp_path / "media"),
        DJANGO_PRIVATE_ROOT=str(tmp_path / "media" / "private"),
    )
    assert result.returncode != 0
    assert "DJANGO_PRIVATE_ROOT must not be inside" in result.stderr


def test_object_storage_keeps_document_files_under_their_own_signed_prefix(
    tmp_path,
):
    result = load_settings(tmp_path, AWS_STORAGE_BUCKET_NAME="portal")
    options = json.loads(result.stdout.strip().splitlines()[-1])["documents"]["OPTIONS"]
    assert options["location"] == "private"
    assert options["querystring_auth"] is True
    assert options["querystring_expire"] == 60
