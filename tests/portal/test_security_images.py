import functools
import io
import random
import struct
import zlib
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from news.models import NewsItem
from portal.models import Organisation
from portal.publishing import Status
from tests.factories import admin_form_data

UPLOAD = reverse("ck_editor_5_upload_file")
# Pixel counts either side of Pillow's own limits: between the cap and
# Pillow's error (decoded by default), and past its error (an exception).
HUGE = [(8000, 8000), (20000, 20000)]


@functools.cache
def png_of_size(width, height):
    """A real, valid black-and-white PNG of any dimensions, made row by row:
    the file is small (1 bit a pixel, deflated), decoding it is not (Pillow
    keeps a byte a pixel)."""

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    compressor = zlib.compressobj(9)
    row = b"\x00" * (1 + (width + 7) // 8)  # filter byte, then 8 pixels a byte
    idat = b"".join(compressor.compress(row) for _ in range(height))
    idat += compressor.flush()
    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", idat)
        + chunk(b"IEND", b"")
    )


@pytest.mark.parametrize(("width", "height"), HUGE)
def test_editor_image_with_too_many_pixels_is_refused_in_czech(
    admin_client, width, height
):
    response = admin_client.post(
        UPLOAD, {"upload": SimpleUploadedFile("plakat.png", png_of_size(width, height))}
    )
    assert response.status_code == 400
    message = response.json()["error"]["message"]
    assert "pixelů" in message
    assert "zmenšete" in message


def test_editor_image_within_the_pixel_cap_is_still_accepted(admin_client, settings):
    settings.PORTAL_MAX_IMAGE_PIXELS = 2000 * 1000
    response = admin_client.post(
        UPLOAD, {"upload": SimpleUploadedFile("foto.png", png_of_size(2000, 1000))}
    )
    assert response.status_code == 200
    assert response.json()["url"].startswith("/media/editor/")


def test_editor_image_upload_needs_a_role_that_writes_rich_text(
    client, django_user_model, db
):
    """A staff account that may only look at content cannot put an image
    on the public site through the editor's upload."""
    from django.contrib.auth.models import Permission

    viewer = django_user_model.objects.create_user("jen-cte", is_staff=True)
    viewer.user_permissions.set(Permission.objects.filter(codename__startswith="view_"))
    client.force_login(viewer)
    image = SimpleUploadedFile("foto.png", png_of_size(20, 10))
    response = client.post(UPLOAD, {"upload": image})
    assert response.status_code == 403
    assert (
        response.json()["error"]["message"] == "Obrázky mohou nahrávat jen redaktoři."
    )


def test_editor_image_over_the_editor_size_limit_is_refused(admin_client, settings):
    """Pasted images have their own, smaller limit than documents."""
    settings.CKEDITOR_5_MAX_FILE_SIZE = 1  # megabytes
    noise = Image.frombytes(
        "RGB", (700, 700), random.Random(0).randbytes(700 * 700 * 3)
    )
    buffer = io.BytesIO()
    noise.save(buffer, "PNG")
    assert 1024 * 1024 < len(buffer.getvalue()) < settings.PORTAL_MAX_UPLOAD_SIZE
    response = admin_client.post(
        UPLOAD, {"upload": SimpleUploadedFile("sum.png", buffer.getvalue())}
    )
    assert response.status_code == 400
    assert "největší povolená velikost je 1,0" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    ("width", "height", "message"),
    [
        (8000, 8000, "8\u00a0000 × 8\u00a0000 pixelů"),
        # Django's image field refuses it first, in its own words, when
        # Pillow gives up on the header.
        (20000, 20000, "Nahrajte platný obrázek"),
    ],
)
def test_news_image_with_too_many_pixels_is_refused_and_the_form_kept(
    admin_client, width, height, message
):
    """Refused before anything decodes it, with what the editor typed kept."""
    add_url = reverse("admin:news_newsitem_add")
    data = admin_form_data(admin_client.get(add_url))
    published = timezone.localtime() - timedelta(hours=1)
    data.update(
        title="Krajská konference",
        slug="krajska-konference",
        lead="Krátce",
        body="<p>Text</p>",
        status=Status.PUBLISHED,
        publish_at_0=published.strftime("%d.%m.%Y"),
        publish_at_1=published.strftime("%H:%M:%S"),
        image=SimpleUploadedFile("plakat.png", png_of_size(width, height)),
        image_alt="Plakát",
    )
    response = admin_client.post(add_url, data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert "Krajská konference" in response.content.decode()
    assert not NewsItem.objects.exists()


def test_organisation_logo_with_too_many_pixels_is_refused(admin_client):
    response = admin_client.post(
        reverse("admin:portal_organisation_add"),
        {
            "name": "Spolek Romano",
            "kind": "ngo",
            "logo": SimpleUploadedFile("logo.png", png_of_size(8000, 8000)),
        },
    )
    assert response.status_code == 200
    assert "zmenšete" in response.content.decode()
    assert not Organisation.objects.exists()
