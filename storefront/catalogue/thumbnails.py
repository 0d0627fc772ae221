"""Thumbnails made locally with Pillow; nothing leaves the machine."""

from io import BytesIO
from pathlib import PurePath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile, File
from PIL import Image, UnidentifiedImageError

from storefront.catalogue.errors import CatalogueErrorCode

THUMBNAIL_SIZE = (400, 400)
MAX_IMAGE_PIXELS = 40_000_000


def image_validate(*, image: File) -> tuple[int, int]:
    """Check that the file is an image Pillow can read; return its size.

    Raises:
        ValidationError: on ``image`` when the file is not a readable image or is
            too large.
    """
    try:
        image.seek(0)
        with Image.open(image) as opened:
            opened.verify()
            size = opened.size
    except (UnidentifiedImageError, OSError, SyntaxError) as exc:
        raise ValidationError(
            {
                "image": ValidationError(
                    "Upload a PNG, JPEG or WebP image.",
                    code=CatalogueErrorCode.INVALID_IMAGE.value,
                )
            }
        ) from exc
    finally:
        image.seek(0)
    if size[0] * size[1] > MAX_IMAGE_PIXELS:
        raise ValidationError(
            {
                "image": ValidationError(
                    "The image is too large; keep it under 40 megapixels.",
                    code=CatalogueErrorCode.INVALID_IMAGE.value,
                )
            }
        )
    return size


def thumbnail_make(*, image: File, name: str) -> ContentFile:
    """A JPEG at most 400 by 400 pixels, aspect ratio kept, named after ``name``."""
    image.seek(0)
    with Image.open(image) as opened:
        picture = opened.convert("RGB")
    image.seek(0)
    picture.thumbnail(THUMBNAIL_SIZE)
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=85, optimize=True)
    stem = PurePath(name).stem
    return ContentFile(buffer.getvalue(), name=f"{stem}-thumb.jpg")
