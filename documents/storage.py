"""Where document files live: a private storage outside what the front
server serves, under unguessable names; the download view is the only way
out."""

import posixpath
import secrets

from django.core.files.storage import FileSystemStorage, storages
from django.core.signals import setting_changed
from django.db import models
from django.db.models.fields.files import FieldFile
from django.dispatch import receiver
from django.utils import timezone
from django.utils.functional import LazyObject, empty

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
