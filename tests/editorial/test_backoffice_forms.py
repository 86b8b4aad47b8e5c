"""Admin forms as editors fill them: amounts written the Czech way, a
chosen image kept across a form error, rich-text images with alt text."""

import io
from datetime import timedelta
from decimal import Decimal

from django.core import signing
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from editorial.forms import PENDING_SALT, PENDING_STORAGE, prune_pending
from grants.models import Award
from news.models import NewsItem
from tests.factories import admin_form_data, make_award, make_news_item, make_programme


def png():
    buffer = io.BytesIO()
    Image.new("RGB", (800, 450), "teal").save(buffer, "PNG")
    return SimpleUploadedFile("Akce v Liberci.png", buffer.getvalue())


def test_amounts_read_and_write_with_thousands_separators(admin_client):
    programme = make_programme(allocation=Decimal("1500000"))
    award = make_award(programme, awarded=Decimal("100000"))
    url = reverse("admin:grants_programme_change", args=[programme.pk])
    form = admin_client.get(url).content.decode()
    assert 'value="1\u00a0500\u00a0000"' in form
    assert 'value="100\u00a0000"' in form
    assert "100000.00" not in form
    listing = admin_client.get(reverse("admin:grants_award_changelist"))
    assert "100\u00a0000\u00a0Kč" in listing.content.decode()

    data = admin_form_data(admin_client.get(url))
    data["awards-0-awarded"] = "120 500,50"
    assert admin_client.post(url, data).status_code == 302
    award.refresh_from_db()
    assert award.awarded == Decimal("120500.50")


def test_a_chosen_image_survives_a_form_error(admin_client, media_root, private_root):
    url = reverse("admin:news_newsitem_add")
    data = admin_form_data(admin_client.get(url))
    data.update(title="Setkání v Liberci", lead="Perex.", image_alt="")
    refused = admin_client.post(url, {**data, "image": png()})
    html = refused.content.decode()
    assert "popis pro nevidomé" in html
    assert "„Akce v Liberci.png“ zůstává připravený" in html
    kept = refused.context["adminform"].form.kept_uploads["image"]
    # It waits where the web server serves nothing (it could be a draft's
    # file), and goes once its token has expired.
    waiting = private_root / signing.loads(kept["token"], salt=PENDING_SALT)
    assert waiting.is_file() and not (media_root / "pending").exists()
    prune_pending(storages[PENDING_STORAGE], now=timezone.now() + timedelta(hours=1))
    assert waiting.is_file()

    # The editor adds the description and saves without choosing again.
    data.update(image_alt="Účastníci setkání", **{kept["key"]: kept["token"]})
    assert admin_client.post(url, data).status_code == 302
    item = NewsItem.objects.get(title="Setkání v Liberci")
    assert item.image and item.image_alt == "Účastníci setkání"

    forged = {**data, "title": "Podvrh", kept["key"]: "media/../settings.py"}
    admin_client.post(url, forged)
    assert not NewsItem.objects.get(title="Podvrh").image

    prune_pending(storages[PENDING_STORAGE], now=timezone.now() + timedelta(days=2))
    assert not waiting.exists()


def test_rich_text_images_need_alt_text(admin_client):
    item = make_news_item(title="Aktualita s obrázkem")
    url = reverse("admin:news_newsitem_change", args=[item.pk])
    data = admin_form_data(admin_client.get(url))
    for body in ('<p><img src="/media/editor/a.png"></p>', '<img src="a.png" alt=" ">'):
        refused = admin_client.post(url, {**data, "body": body})
        assert "Obrázek v textu nemá alternativní text" in refused.content.decode()
    body = '<figure class="image"><img src="/media/editor/a.png" alt="Mapa kraje"></figure>'
    assert admin_client.post(url, {**data, "body": body}).status_code == 302
    item.refresh_from_db()
    assert 'alt="Mapa kraje"' in item.body
    assert Award.objects.count() == 0
