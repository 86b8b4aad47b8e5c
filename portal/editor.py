"""Images uploaded from the rich-text editor: editors who may write rich
text only, real JPEG or PNG within the editor's size limit and the pixel
cap, metadata stripped, safe file names."""

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_permission_codename
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from portal.images import renditions, validate_image_pixels
from portal.richtext import RichTextField
from portal.uploads import random_filename
from portal.validators import validate_upload_size


def error(message, status=400):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


def may_write_rich_text(user):
    """Staff who may add or change an item with rich text: the editor's
    upload puts an image on the public site, which a role that only looks
    (or works on something without rich text) may not."""
    if not (user.is_authenticated and user.is_staff):
        return False
    for model in apps.get_models():
        if any(isinstance(field, RichTextField) for field in model._meta.fields):
            opts = model._meta
            for action in ("add", "change"):
                codename = get_permission_codename(action, opts)
                if user.has_perm(f"{opts.app_label}.{codename}"):
                    return True
    return False


@require_POST
def upload_image(request):
    if not may_write_rich_text(request.user):
        return error(_("Obrázky mohou nahrávat jen redaktoři."), status=403)
    upload = request.FILES.get("upload")
    if upload is None:
        return error(_("Nebyl vybrán žádný soubor."))
    try:
        # Pasted images have their own limit (megabytes), not the documents'.
        validate_upload_size(
            upload, limit=settings.CKEDITOR_5_MAX_FILE_SIZE * 1024 * 1024
        )
        validate_image_pixels(upload)
        with Image.open(upload) as image:
            image.verify()
            if image.format not in {"JPEG", "PNG"}:
                raise ValidationError(_("Obrázek musí být ve formátu JPEG nebo PNG."))
        images, extension = renditions(upload, [1600])
    except ValidationError as problem:
        return error(problem.messages[0])
    except (UnidentifiedImageError, OSError, SyntaxError):
        return error(_("Soubor není obrázek JPEG ani PNG, nebo je poškozený."))
    # Pasted before its text is published: a name nobody can guess.
    name = default_storage.save(
        f"editor/{random_filename(f'image.{extension}')}", ContentFile(images[1600])
    )
    return JsonResponse({"url": default_storage.url(name)})
