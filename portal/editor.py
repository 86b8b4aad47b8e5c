"""Images uploaded from the rich-text editor: staff only, real JPEG or PNG
within the editor's size limit and the pixel cap, metadata stripped, safe
file names."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from PIL import Image, UnidentifiedImageError

from portal.images import renditions, validate_image_pixels
from portal.uploads import safe_filename
from portal.validators import validate_upload_size


def error(message, status=400):
    return JsonResponse({"error": {"message": str(message)}}, status=status)


@require_POST
def upload_image(request):
    if not (request.user.is_authenticated and request.user.is_staff):
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
    stem = safe_filename(upload.name).rsplit(".", 1)[0]
    name = default_storage.save(f"editor/{stem}.{extension}", ContentFile(images[1600]))
    return JsonResponse({"url": default_storage.url(name)})
