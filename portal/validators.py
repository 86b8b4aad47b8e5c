"""Validators shared by every app. Plain functions, so migrations can refer
to them."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from portal.czech import format_filesize
from portal.images import validate_image_pixels

ICO_PATTERN = re.compile(r"^\d{8}$")


def ico_checksum_ok(value):
    """The mod-11 check digit of a Czech company number (IČO)."""
    if not ICO_PATTERN.match(value or ""):
        return False
    digits = [int(char) for char in value]
    total = sum(
        digit * weight
        for digit, weight in zip(digits[:7], range(8, 1, -1), strict=True)
    )
    check = (11 - total % 11) % 10
    return check == digits[7]


def validate_ico(value):
    if not ICO_PATTERN.match(value or ""):
        raise ValidationError(
            _("IČO musí mít přesně 8 číslic, zadáno: %(value)s."),
            code="invalid_ico_format",
            params={"value": value},
        )
    if not ico_checksum_ok(value):
        raise ValidationError(
            _("IČO %(value)s nemá platný kontrolní součet."),
            code="invalid_ico",
            params={"value": value},
        )


def validate_upload_size(file, limit=None):
    """Refuse an empty file and one over ``limit`` bytes (by default
    PORTAL_MAX_UPLOAD_SIZE)."""
    limit = limit or settings.PORTAL_MAX_UPLOAD_SIZE
    if file.size == 0:
        raise ValidationError(_("Soubor je prázdný."), code="empty_file")
    if file.size > limit:
        raise ValidationError(
            _("Soubor má %(size)s, největší povolená velikost je %(limit)s."),
            code="file_too_large",
            params={
                "size": format_filesize(file.size),
                "limit": format_filesize(limit),
            },
        )


def validate_image(file):
    """An image shown on a page: a real JPEG or PNG within the size limit
    and the pixel cap.

    Django's ImageField has already opened the file with Pillow; this adds
    the size limit and the pixel cap and refuses formats the site does not
    show (SVG can carry scripts, so it never counts as an image here).
    """
    validate_upload_size(file)
    if not getattr(file, "_committed", False):  # a new upload, not the stored one
        validate_image_pixels(file)
    image = getattr(file, "image", None)
    if image is not None and image.format not in {"JPEG", "PNG", "WEBP"}:
        raise ValidationError(
            _("Obrázek musí být ve formátu JPEG, PNG nebo WebP."),
            code="invalid_image_format",
        )


def _luminance(colour):
    """WCAG relative luminance of "#rrggbb"."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [
        c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels
    ]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def validate_dark_colour(value):
    """A "#rrggbb" colour on which white text keeps WCAG AA contrast (4.5:1),
    since the header and buttons put white text on it."""
    if not re.fullmatch(r"#[0-9a-fA-F]{6}", value or ""):
        raise ValidationError(
            _("Barvu zadejte jako #rrggbb, např. #0b4f8a."), code="invalid_colour"
        )
    if 1.05 / (_luminance(value) + 0.05) < 4.5:
        raise ValidationError(
            _("Barva %(value)s je příliš světlá: bílý text na ní nebude čitelný."),
            code="light_colour",
            params={"value": value},
        )


SVG_NAMESPACE = "{http://www.w3.org/2000/svg}"
# What a logo never needs and a script could ride in on.
SVG_FORBIDDEN = {"script", "foreignObject", "iframe", "embed", "object", "use"}


def _svg_problem(content):
    """Why an SVG is not a safe logo, or None. Parsed by expat (which
    refuses entity expansion bombs), with no DOCTYPE allowed at all."""
    from xml.etree import ElementTree

    if b"<!DOCTYPE" in content or b"<!ENTITY" in content:
        return "doctype"
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        return "parse"
    if root.tag != f"{SVG_NAMESPACE}svg":
        return "root"
    for element in root.iter():
        name = str(element.tag).rsplit("}", 1)[-1]
        if name in SVG_FORBIDDEN:
            return name
        if name == "style" and re.search(r"@import|url\((?!\s*#)", element.text or ""):
            return "style"
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1].lower()
            if local.startswith("on"):
                return local
            if local == "href" and not value.startswith("#"):
                return local
            if re.search(r"url\((?!\s*#)|javascript:", value, re.IGNORECASE):
                return local
    return None


def validate_logo(file):
    """The site's coat of arms or logo: a PNG, JPEG or WebP within the
    limits, or an SVG with nothing in it that could run or load anything."""
    from PIL import Image, UnidentifiedImageError

    validate_upload_size(file)
    file.seek(0)
    if file.name.lower().endswith(".svg"):
        if _svg_problem(file.read()):
            raise ValidationError(
                _(
                    "SVG obsahuje skripty, odkazy ven nebo jiné nebezpečné části; "
                    "uložte ho prosím jako prosté SVG nebo PNG."
                ),
                code="unsafe_svg",
            )
        return
    if not getattr(file, "_committed", False):
        validate_image_pixels(file)
    file.seek(0)
    try:
        with Image.open(file) as image:
            image_format = image.format
    except (UnidentifiedImageError, OSError):
        image_format = None
    if image_format not in {"JPEG", "PNG", "WEBP"}:
        raise ValidationError(
            _("Znak nebo logo musí být SVG, PNG, JPEG nebo WebP."),
            code="invalid_logo_format",
        )
