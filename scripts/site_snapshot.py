"""What a site shows, as JSON on stdout: every public address of the sitemap
with its status and a digest of its page, every download's status and bytes
digest, every item of a content type with history, and every version of the
history with a digest of what it loads to.

The backup and upgrade tests run it against the environment of a site
(DATABASE_URL, DJANGO_MEDIA_ROOT, DJANGO_PRIVATE_ROOT) and compare two
snapshots, or a snapshot with the one stored beside the upgrade fixture.
Requests go through Django's test client in this process, so no server is
needed, and with a crawler's User-Agent no project visit is counted. Run it
as `.venv/bin/python scripts/site_snapshot.py [path ...]`; the text of each
path given is included under "shown".
"""

import hashlib
import json
import os
import re
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
# Values that differ on every request, not with the content.
PER_REQUEST = re.compile(
    rb'(name="csrfmiddlewaretoken" value=")[^"]*|(nonce=")[^"]*|'
    rb'(name="csrf-token" content=")[^"]*'
)
AGENT = "portal-snapshot-bot"


def digest(data):
    return hashlib.sha256(data).hexdigest()


def page_digest(content):
    return digest(
        PER_REQUEST.sub(lambda m: m.group(1) or m.group(2) or m.group(3), content)
    )


def sitemap_paths(client):
    import xml.etree.ElementTree as ET

    loc = "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
    index = ET.fromstring(client.get("/sitemap.xml").content)
    paths = []
    for sitemap in index.iter(loc):
        section = client.get(urlsplit(sitemap.text).path)
        for entry in ET.fromstring(section.content).iter(loc):
            paths.append(urlsplit(entry.text).path)
    return sorted(set(paths))


def pages(client):
    result = {}
    for path in sitemap_paths(client):
        response = client.get(path)
        result[path] = [response.status_code, page_digest(response.content)]
    return result


def downloads(client):
    from documents.models import DocumentFile

    result = {}
    for document_file in DocumentFile.objects.exclude(file="").order_by("pk"):
        response = client.get(document_file.get_absolute_url())
        body = (
            b"".join(response.streaming_content)
            if response.streaming
            else response.content
        )
        result[document_file.get_absolute_url()] = [response.status_code, digest(body)]
    return result


def items():
    import reversion

    result = {}
    for model in sorted(reversion.get_registered_models(), key=str):
        label = model._meta.label
        result[label] = {
            str(obj.pk): str(obj) for obj in model._default_manager.order_by("pk")
        }
    return result


def versions():
    """Each version as it loads into today's models: a version that no
    longer loads (a field renamed without care for history) fails here."""
    from reversion.models import Version

    result = {}
    for version in Version.objects.select_related("revision").order_by("pk"):
        fields = json.dumps(version.field_dict, sort_keys=True, default=str)
        result[str(version.pk)] = [
            version.content_type.model_class()._meta.label,
            version.object_id,
            version.revision.comment,
            digest(fields.encode()),
            version.revision_id,
        ]
    return result


def shown(client, paths):
    """The text of a few pages a test looks into (an edit, a translation)."""
    result = {}
    for path in paths:
        response = client.get(path)
        result[path] = [response.status_code, response.content.decode()]
    return result


def snapshot(show=()):
    from django.test import Client

    client = Client(HTTP_USER_AGENT=AGENT)
    # Pages first: a download counts, and a document page shows the count.
    return {
        "pages": pages(client),
        "shown": shown(client, show),
        "downloads": downloads(client),
        "items": items(),
        "versions": versions(),
    }


def main():
    sys.path.insert(0, str(ROOT))
    os.chdir(ROOT)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    # The test client's host; no page cache, so every page is rendered.
    os.environ["DJANGO_ALLOWED_HOSTS"] = "testserver"
    os.environ["PORTAL_PAGE_CACHE_SECONDS"] = "0"
    os.environ["DJANGO_HTTPS"] = "0"
    import django
    from django.conf import settings

    # Pages name static files without collectstatic's hashed manifest, as in
    # the tests: the snapshot is about content, not about deployed assets.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    django.setup()
    json.dump(
        snapshot(sys.argv[1:]), sys.stdout, indent=1, sort_keys=True, ensure_ascii=False
    )


if __name__ == "__main__":
    main()
