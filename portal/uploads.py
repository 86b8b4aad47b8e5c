"""Validation of files visitors will download: an allow-list of formats whose
extension and content (magic bytes) must agree, a size limit, and safe file
names. An HTML or SVG file, or one renamed to .pdf, never gets through."""

import contextlib
import os
import posixpath
import secrets
import zipfile
import zlib

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _

from portal.czech import slugify
from portal.validators import validate_upload_size

# extension → (format label, content type, family of magic bytes)
FORMATS = {
    "pdf": ("PDF", "application/pdf", "pdf"),
    "doc": ("DOC", "application/msword", "ole"),
    "xls": ("XLS", "application/vnd.ms-excel", "ole"),
    "docx": (
        "DOCX",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "ooxml:word/",
    ),
    "xlsx": (
        "XLSX",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "ooxml:xl/",
    ),
    "odt": ("ODT", "application/vnd.oasis.opendocument.text", "odf:text"),
    "ods": ("ODS", "application/vnd.oasis.opendocument.spreadsheet", "odf:spreadsheet"),
    "rtf": ("RTF", "application/rtf", "rtf"),
    "txt": ("TXT", "text/plain; charset=utf-8", "text"),
    "csv": ("CSV", "text/csv; charset=utf-8", "text"),
    "jpg": ("JPG", "image/jpeg", "jpeg"),
    "jpeg": ("JPG", "image/jpeg", "jpeg"),
    "png": ("PNG", "image/png", "png"),
}
ALLOWED_LIST = "PDF, DOC, DOCX, XLS, XLSX, ODT, ODS, RTF, TXT, CSV, JPG, PNG"
_MARKUP = (b"<!doctype", b"<html", b"<svg", b"<?xml", b"<script", b"<head", b"<body")


def extension(name):
    return os.path.splitext(name or "")[1].lower().lstrip(".")


def _head(file, size=4096):
    file.seek(0)
    head = file.read(size)
    file.seek(0)
    return head


# Python parses a zip's whole directory into memory on opening it, at some
# ten times its size: a 50 MB upload could list a million empty parts. An
# office file's directory takes a few kilobytes (tens of parts) or some
# hundreds with thousands of images.
_ZIP_MAX_DIRECTORY = 2 * 1024 * 1024

# Methods whose output zipfile bounds on every read; bzip2 and lzma can
# multiply a few kilobytes into gigabytes within one.
_BOUNDED_METHODS = (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED)

# Longer than any ODF media type: a `mimetype` member that goes on past it
# is not one, and nothing past it is ever unpacked.
_ODF_MIMETYPE_MAX = 100


@contextlib.contextmanager
def _office_zip(file):
    """The upload opened as a zip, or None when it is not one or its
    directory is bigger than _ZIP_MAX_DIRECTORY (read from the end record
    before the directory itself)."""
    archive = None
    file.seek(0)
    try:
        # zipfile's own reader of the end record, the one ZipFile uses.
        end = zipfile._EndRecData(file)
        if end is not None and end[zipfile._ECD_SIZE] <= _ZIP_MAX_DIRECTORY:
            file.seek(0)
            archive = zipfile.ZipFile(file)
    except (zipfile.BadZipFile, OSError):
        pass
    try:
        yield archive
    finally:
        if archive is not None:
            archive.close()
        file.seek(0)


def _zip_names(file):
    with _office_zip(file) as archive:
        return archive.namelist() if archive else []


def unpacked_zip_size(file):
    """What the zip's parts unpack to, as they declare it (zipfile never
    yields more than declared), or None when it is not a zip that can be
    read in bounded memory: an outsized directory, or parts packed with a
    method other than store or deflate."""
    with _office_zip(file) as archive:
        if archive is None:
            return None
        parts = archive.infolist()
        if any(part.compress_type not in _BOUNDED_METHODS for part in parts):
            return None
        return sum(part.file_size for part in parts)


def _odf_mimetype(file):
    """The start of the zip's `mimetype` member, streamed: a member that
    unpacks to gigabytes costs no more than a real one. ODF stores it
    uncompressed; deflate is tolerated, other methods are not."""
    with _office_zip(file) as archive:
        if archive is None:
            return ""
        try:
            info = archive.getinfo("mimetype")
            if info.compress_type not in _BOUNDED_METHODS:
                return ""
            with archive.open(info) as member:
                return member.read(_ODF_MIMETYPE_MAX + 1).decode("ascii", "replace")
        except (zipfile.BadZipFile, KeyError, RuntimeError, EOFError, zlib.error):
            return ""


def content_matches(family, file):
    head = _head(file)
    if family == "pdf":
        return head.startswith(b"%PDF-")
    if family == "ole":
        return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if family.startswith("ooxml:"):
        names = _zip_names(file)
        return "[Content_Types].xml" in names and any(
            name.startswith(family.split(":", 1)[1]) for name in names
        )
    if family.startswith("odf:"):
        return _odf_mimetype(file) == f"application/vnd.oasis.opendocument.{family[4:]}"
    if family == "rtf":
        return head.startswith(b"{\\rtf")
    if family == "jpeg":
        return head.startswith(b"\xff\xd8\xff")
    if family == "png":
        return head.startswith(b"\x89PNG\r\n\x1a\n")
    if family == "text":
        stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n").lower()
        if b"\x00" in head or stripped.startswith(_MARKUP):
            return False
        try:
            head.decode("utf-8")
        except UnicodeDecodeError as error:
            # A multi-byte character cut off at the end of the sample is fine.
            return error.start >= len(head) - 3
        return True
    return False


def validate_document_upload(file):
    """Raise ValidationError with a Czech reason, or return (format label,
    content type) of an acceptable file."""
    ext = extension(file.name)
    if ext not in FORMATS:
        raise ValidationError(
            _("Soubory typu „%(ext)s“ nelze nahrát. Povolené formáty: %(allowed)s."),
            code="file_type",
            params={"ext": ext or _("bez přípony"), "allowed": ALLOWED_LIST},
        )
    validate_upload_size(file)
    label, content_type, family = FORMATS[ext]
    if not content_matches(family, file):
        raise ValidationError(
            _(
                "Obsah souboru „%(name)s“ neodpovídá formátu %(format)s "
                "(soubor byl nejspíš přejmenován). Nahrajte skutečný soubor "
                "%(format)s."
            ),
            code="file_content",
            params={"name": os.path.basename(file.name), "format": label},
        )
    return label, content_type


class StoredUpload:
    """For a model whose ``file`` takes uploads a visitor will download (a
    document's file, a notice's own file) and records ``original_name``,
    ``format``, ``content_type`` and ``size``: the checks and bookkeeping of
    a new upload, in one place."""

    @property
    def has_new_upload(self):
        return bool(self.file) and not getattr(self.file, "_committed", True)

    @property
    def is_pdf(self):
        return self.format == "PDF"

    def clean_upload(self):
        """A refused upload as the form's error on its field."""
        if self.has_new_upload:
            try:
                validate_document_upload(self.file.file)
            except ValidationError as error:
                raise ValidationError({"file": error.messages}) from error

    def record_upload(self):
        """Check the new upload, name it safely and note what it is; returns
        the upload."""
        upload = self.file.file
        self.format, self.content_type = validate_document_upload(upload)
        self.original_name = os.path.basename(upload.name)
        self.file.name = safe_filename(self.original_name)
        self.size = upload.size
        return upload


def safe_filename(name):
    """ "Zpráva o stavu 2016 (final).PDF" → "zprava-o-stavu-2016-final.pdf"."""
    stem, ext = os.path.splitext(os.path.basename(name or ""))
    stem = slugify(stem)[:80] or "soubor"
    ext = slugify(ext.lstrip("."))[:8]
    return f"{stem}.{ext}" if ext else stem


def random_filename(name):
    """ "Plán akce (koncept).JPG" → "<22 characters, 128 random bits>.jpg".

    Images go to the public media folder, which the front server (or the
    object storage) serves to anyone who knows a name. A draft's photo or a
    picture pasted into an unpublished text must not be found by guessing
    from its title, slug or original file name, so none of them is kept.
    """
    ext = slugify(extension(name))[:8]
    token = secrets.token_urlsafe(16)
    return f"{token}.{ext}" if ext else token


@deconstructible
class UnguessableName:
    """``upload_to`` for images shown on pages: ``news/2026/<random>.jpg``.
    ``directory`` may hold strftime codes, as a plain ``upload_to`` does."""

    def __init__(self, directory):
        self.directory = directory

    def __call__(self, instance, filename):
        directory = timezone.localtime().strftime(self.directory)
        return posixpath.join(directory, random_filename(filename))
