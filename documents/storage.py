"""Where document files live and how they leave: a private storage outside
what the front server serves, unguessable names, and one way out, the
download view, which streams a file, hands it to the front server
(X-Accel-Redirect, X-Sendfile) or redirects to a short-lived signed URL."""

import mimetypes
import os
import posixpath
import secrets
from urllib.parse import quote

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.http import FileResponse, Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.functional import LazyObject, empty
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _

STORAGE_ALIAS = "documents"


class PrivateFileSystemStorage(FileSystemStorage):
    """Files on disk that have no public URL: the front server must not
    serve this folder, so a link to it could only ever be a 404 or a leak."""

    def url(self, name):
        raise ValueError("Private files have no public URL; link to the download view.")


class DocumentStorage(LazyObject):
    """``settings.STORAGES["documents"]``, looked up when first used, so that
    the model (and its migrations) name no path and tests can move it."""

    def _setup(self):
        self._wrapped = storages[STORAGE_ALIAS]


document_storage = DocumentStorage()


@receiver(setting_changed)
def _storages_changed(*, setting, **kwargs):
    if setting == "STORAGES":
        document_storage._wrapped = empty


def private_storage():
    return document_storage


def unguessable_name(directory, filename):
    """``documents/2025/<128 random bits>/zprava.pdf``: the readable name
    stays last for people who keep the file, and nothing else can be
    guessed, even if the private folder were ever exposed by mistake."""
    return posixpath.join(
        directory, secrets.token_hex(16), posixpath.basename(filename)
    )


def upload_to(instance, filename):
    return unguessable_name(f"documents/{timezone.localdate().year}", filename)


class DocumentFieldFile(FieldFile):
    @property
    def url(self):
        """The download view's address: every link (the admin's "Currently"
        included) goes where publishing is checked."""
        self._require_file()
        return self.instance.get_absolute_url()


class DocumentFileField(models.FileField):
    attr_class = DocumentFieldFile


def send_file(field_file, *, filename, content_type, as_attachment):
    """The response that hands one stored file to the visitor.

    Object storage: a redirect to a signed URL valid for a minute. On disk:
    streamed by Django, or with ``PORTAL_SENDFILE`` ("nginx", "apache") an
    empty response that tells the front server which file to send. Nobody
    may keep a copy (``Cache-Control: private, no-store``): a file that is
    replaced or unpublished must be gone at the next request. A file missing
    from the storage is a 404.
    """
    storage, name = field_file.storage, field_file.name
    content_type = (
        content_type or mimetypes.guess_type(filename)[0] or "application/octet-stream"
    )
    disposition = content_disposition_header(as_attachment, filename)
    try:
        path = storage.path(name)
    except NotImplementedError:
        response = HttpResponseRedirect(
            storage.url(
                name,
                parameters={
                    "ResponseContentType": content_type,
                    "ResponseContentDisposition": disposition,
                },
            )
        )
    else:
        if settings.PORTAL_SENDFILE and not os.path.isfile(path):
            raise Http404(_("Soubor se nepodařilo najít."))
        if settings.PORTAL_SENDFILE == "nginx":
            response = HttpResponse(content_type=content_type)
            prefix = settings.PORTAL_SENDFILE_PREFIX.rstrip("/")
            response["X-Accel-Redirect"] = f"{prefix}/{quote(name)}"
        elif settings.PORTAL_SENDFILE == "apache":
            response = HttpResponse(content_type=content_type)
            response["X-Sendfile"] = path
        else:
            try:
                handle = storage.open(name, "rb")
            except FileNotFoundError as error:
                raise Http404(_("Soubor se nepodařilo najít.")) from error
            response = FileResponse(handle, content_type=content_type)
        response["Content-Disposition"] = disposition
        response["X-Content-Type-Options"] = "nosniff"
    patch_cache_control(response, private=True, no_store=True)
    return response
