"""Images shown on pages: metadata stripped and resized renditions made
once, on upload, with Pillow; none decoded past a pixel cap."""

import io
import os
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from portal.czech import format_number

RENDITION_FORMAT = {
    "JPEG": ("JPEG", "jpg"),
    "PNG": ("PNG", "png"),
    "WEBP": ("WEBP", "webp"),
}


def _megapixels(pixels):
    amount = Decimal(pixels) / 1_000_000
    return format_number(amount, 0 if amount == amount.to_integral_value() else 1)


def validate_image_pixels(file):
    """Refuse an image that would decode to more than PORTAL_MAX_IMAGE_PIXELS
    pixels. Only the header is read: a small PNG can stand for gigabytes of
    pixels. A file Pillow cannot read is left to the format checks."""
    limit = settings.PORTAL_MAX_IMAGE_PIXELS
    file.seek(0)
    try:
        with Image.open(file) as image:
            width, height = image.size
    except Image.DecompressionBombError as error:
        # Past twice Pillow's own limit it refuses before telling the size.
        raise ValidationError(
            _(
                "Obrázek má víc než povolených %(limit)s megapixelů. Před "
                "nahráním ho zmenšete."
            ),
            code="image_too_many_pixels",
            params={"limit": _megapixels(limit)},
        ) from error
    except (UnidentifiedImageError, OSError, SyntaxError):
        return
    finally:
        file.seek(0)
    if width * height > limit:
        raise ValidationError(
            _(
                "Obrázek má %(width)s × %(height)s pixelů, víc než povolených "
                "%(limit)s megapixelů. Před nahráním ho zmenšete."
            ),
            code="image_too_many_pixels",
            params={
                "width": format_number(width),
                "height": format_number(height),
                "limit": _megapixels(limit),
            },
        )


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
    rendition no wider than each width. Refuses (ValidationError) an image
    over the pixel cap rather than decoding it."""
    validate_image_pixels(upload)
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
