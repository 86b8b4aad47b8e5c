"""Images shown on pages: metadata stripped and resized renditions made
once, on upload, with Pillow."""

import io
import os

from django.core.files.base import ContentFile
from PIL import Image, ImageOps

RENDITION_FORMAT = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}


def _encode(image, source_format):
    pil_format, extension = RENDITION_FORMAT.get(source_format, ("JPEG", "jpg"))
    if pil_format == "JPEG" and image.mode not in ("RGB", "L"):
        image = image.convert("RGB")
    buffer = io.BytesIO()
    # Saving without exif= or info drops EXIF, GPS and comments.
    image.save(buffer, pil_format, quality=85, optimize=True)
    return buffer.getvalue(), extension


def renditions(upload, widths):
    """{"original": bytes, width: bytes …} plus the extension, for an
    uploaded image: the original re-encoded without metadata and one
    rendition no wider than each width."""
    upload.seek(0)
    with Image.open(upload) as opened:
        source_format = opened.format
        image = ImageOps.exif_transpose(opened)
        image.load()
    result = {}
    result["original"], extension = _encode(image, source_format)
    for width in widths:
        copy = image.copy()
        copy.thumbnail((width, width * 4))
        result[width], _ = _encode(copy, source_format)
    upload.seek(0)
    return result, extension


def store_renditions(instance, field_name, rendition_fields):
    """Replace a freshly uploaded image with its metadata-free copy and fill
    the rendition fields ({field name: width})."""
    field_file = getattr(instance, field_name)
    if not field_file or getattr(field_file, "_committed", True):
        return
    images, extension = renditions(field_file.file, list(rendition_fields.values()))
    stem = os.path.splitext(os.path.basename(field_file.name))[0]
    field_file.save(f"{stem}.{extension}", ContentFile(images["original"]), save=False)
    for rendition_field, width in rendition_fields.items():
        getattr(instance, rendition_field).save(
            f"{stem}-{width}.{extension}", ContentFile(images[width]), save=False
        )
