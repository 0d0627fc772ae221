"""WebP renditions of product images at a few widths, for ``srcset``.

A rendition is made once, the first time a page asks for it (the demo makes them
in advance), and kept in the default storage beside the originals. A missing or
unreadable original gives no rendition, never an error on the page.
"""

import hashlib
from dataclasses import dataclass
from io import BytesIO
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from PIL import Image, UnidentifiedImageError

# Card on a phone, card on a desktop or the cart at 2x, the product page.
RENDITION_WIDTHS = (240, 480, 800)
_QUALITY = 80


@dataclass(frozen=True)
class Rendition:
    url: str
    width: int
    height: int


_made: dict[tuple[str, str, int], Rendition | None] = {}


def rendition_path(path: str, width: int) -> str:
    digest = hashlib.sha256(path.encode()).hexdigest()[:10]
    return f"renditions/{PurePosixPath(path).stem}-{digest}-{width}.webp"


def rendition_get(path: str, width: int) -> Rendition | None:
    """The WebP rendition of ``path`` at most ``width`` pixels wide (made if needed)."""
    key = (str(settings.MEDIA_ROOT), path, width)
    if key not in _made:
        _made[key] = _rendition_make(path, width)
    return _made[key]


def renditions_for(path: str) -> list[Rendition]:
    """Every rendition of ``path``, narrowest first, without duplicates in width."""
    found: dict[int, Rendition] = {}
    for width in RENDITION_WIDTHS:
        rendition = rendition_get(path, width)
        if rendition is not None:
            found.setdefault(rendition.width, rendition)
    return [found[width] for width in sorted(found)]


def _rendition_make(path: str, width: int) -> Rendition | None:
    target = rendition_path(path, width)
    try:
        with default_storage.open(path) as original, Image.open(original) as opened:
            picture = opened.convert("RGBA" if "A" in opened.getbands() else "RGB")
    except (OSError, UnidentifiedImageError, ValueError):
        return None
    if picture.width > width:
        picture = picture.resize(
            (width, round(picture.height * width / picture.width)),
            Image.Resampling.LANCZOS,
        )
    if not default_storage.exists(target):
        buffer = BytesIO()
        picture.save(buffer, format="WEBP", quality=_QUALITY, method=6)
        default_storage.save(target, ContentFile(buffer.getvalue()))
    return Rendition(
        url=default_storage.url(target), width=picture.width, height=picture.height
    )
