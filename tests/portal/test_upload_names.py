"""Images go to the public media folder; none of them may be found by
guessing from a title, a slug or the editor's file name."""

import io
import math
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from portal.publishing import Status
from tests.factories import make_organisation, make_project

# secrets.token_urlsafe(16): 22 characters of 6 bits.
RANDOM_NAME = re.compile(r"^(?P<token>[A-Za-z0-9_-]{22,})\.(jpg|png)$")


def image(kind="JPEG"):
    buffer = io.BytesIO()
    Image.new("RGB", (800, 600), "teal").save(buffer, kind)
    return buffer.getvalue()


def assert_unguessable(name, *guessable):
    basename = name.rsplit("/", 1)[-1]
    match = RANDOM_NAME.match(basename)
    assert match, name
    assert len(match["token"]) * math.log2(64) >= 128
    for word in guessable:
        assert word.lower() not in name.lower(), (word, name)


def stored_files(media_root):
    return [path for path in media_root.rglob("*") if path.is_file()]


def test_an_image_of_a_draft_news_item_is_not_at_a_guessable_url(media_root, db):
    from news.models import NewsItem

    item = NewsItem(
        title="Plán rekonstrukce ubytovny",
        slug="plan-rekonstrukce-ubytovny",
        lead="Perex",
        status=Status.DRAFT,
        image_alt="Ubytovna",
    )
    item.image = SimpleUploadedFile("ubytovna-vizualizace.jpg", image())
    item.save()

    names = [item.image.name, item.image_list.name, item.image_detail.name]
    for name in names:
        assert_unguessable(name, "ubytovna", "vizualizace", "plan", "rekonstrukce")
    assert item.image.url.startswith("/media/news/")
    # Three different random names, and nothing else on disk.
    assert len(set(names)) == 3
    assert sorted(media_root / name for name in names) == sorted(
        stored_files(media_root)
    )


def test_project_photos_and_logos_get_random_names(media_root, db):
    from projects.models import Photo

    photo = Photo(project=make_project(), alt="Setkání")
    photo.image = SimpleUploadedFile("setkani-v-komunitnim-centru.jpg", image())
    photo.save()
    assert_unguessable(photo.image.name, "setkani")
    assert_unguessable(photo.image_list.name, "setkani")

    organisation = make_organisation(name="Spolek Naděje")
    organisation.logo = SimpleUploadedFile("nadeje-logo.png", image("PNG"))
    organisation.save()
    assert_unguessable(organisation.logo.name, "nadeje")


def test_an_image_pasted_into_the_editor_gets_a_random_name(admin_client, media_root):
    response = admin_client.post(
        reverse("ck_editor_5_upload_file"),
        {"upload": SimpleUploadedFile("Koncept tiskové zprávy.jpg", image())},
    )
    url = response.json()["url"]
    assert url.startswith("/media/editor/")
    assert_unguessable(url, "koncept", "tiskove")
    assert (media_root / url.removeprefix("/media/")).is_file()


def test_two_uploads_of_one_file_get_different_names(admin_client):
    urls = {
        admin_client.post(
            reverse("ck_editor_5_upload_file"),
            {"upload": SimpleUploadedFile("foto.jpg", image())},
        ).json()["url"]
        for _ in range(2)
    }
    assert len(urls) == 2
