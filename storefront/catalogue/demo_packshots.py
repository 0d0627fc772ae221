"""Packshots for the demo catalogue, drawn locally with Pillow.

Each product form has its own package (capsule tub, pouch, dropper bottle, tea box,
jar, book), a colour derived from the product's name, and a label that carries the
name. Drawn at twice the size and scaled down, so the edges are smooth.
"""

import colorsys
import hashlib
import textwrap
from collections.abc import Callable
from functools import cache
from io import BytesIO
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

SIZE = 800
_SCALE = 2
_FONT_DIRS = (
    Path("/usr/share/fonts/truetype/dejavu"),
    Path("/usr/share/fonts/truetype/liberation"),
)

Colour = tuple[int, int, int]
Box = tuple[float, float, float, float]


def packshot_png(*, name: str, form: str, category: str = "") -> bytes:
    """An 800 by 800 PNG of the product's package, the same for the same inputs."""
    picture = packshot_image(name=name, form=form, category=category)
    buffer = BytesIO()
    picture.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def packshot_image(
    *, name: str, form: str, category: str = "", backdrop: Colour | None = None
) -> Image.Image:
    """The package on a backdrop of its own (with a soft floor), or on ``backdrop``."""
    hue = _hue(name)
    colour = _hsl(hue, 0.42, 0.36)
    size = SIZE * _SCALE
    canvas = Image.new(
        "RGB", (size, size), backdrop or _hsl((hue + 0.5) % 1, 0.22, 0.9)
    )
    if backdrop is None:
        _backdrop(canvas, _hsl((hue + 0.5) % 1.0, 0.22, 0.90))
    drawer = _DRAWERS.get(_shape_for(form, category), _tub)
    drawer(canvas, name=name, form=form, colour=colour)
    return canvas.reduce(_SCALE)


def category_image(
    *, name: str, items: list[tuple[str, str]], category: str
) -> Image.Image:
    """A 1200 by 800 scene of up to three of a category's packages side by side;
    ``items`` are (product name, form) pairs."""
    backdrop = _hsl(_hue(category), 0.25, 0.88)
    scene = Image.new("RGB", (1200, 800), backdrop)
    shots = [
        packshot_image(name=product, form=form, category=category, backdrop=backdrop)
        for product, form in items[:3]
    ] or [packshot_image(name=name, form="", category=category, backdrop=backdrop)]
    tile_width = 1200 // len(shots)
    for index, shot in enumerate(shots):
        # The package sits within x 150-650, y 100-760 of every 800 px packshot.
        crop = shot.crop((150, 100, 650, 760))
        scale = min(tile_width * 0.86 / crop.width, 1.2)
        crop = crop.resize((round(crop.width * scale), round(crop.height * scale)))
        left = index * tile_width + (tile_width - crop.width) // 2
        scene.paste(crop, (left, max(0, 800 - crop.height - 20)))
    return scene


def _shape_for(form: str, category: str) -> str:
    form = form.lower()
    if form in {"capsules", "softgels"}:
        return "tub"
    if form == "tincture":
        return "dropper"
    if form in {"tea bags", "loose leaf"}:
        return "teabox"
    if form in {"paperback", "hardcover"}:
        return "book"
    if form == "fresh" or (form == "powder" and category == "functional-mushrooms"):
        return "jar"
    return "pouch"


# --- colour and type -----------------------------------------------------------


def _hue(name: str) -> float:
    return hashlib.sha256(name.encode()).digest()[0] / 255


def _hsl(hue: float, saturation: float, lightness: float) -> Colour:
    red, green, blue = colorsys.hls_to_rgb(hue, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def _mix(colour: Colour, other: Colour, amount: float) -> Colour:
    return tuple(
        round(a + (b - a) * amount) for a, b in zip(colour, other, strict=True)
    )  # type: ignore[return-value]


@cache
def _font(
    size: int, *, bold: bool = False, serif: bool = False
) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    names = {
        (False, False): ("DejaVuSans.ttf", "LiberationSans-Regular.ttf"),
        (True, False): ("DejaVuSans-Bold.ttf", "LiberationSans-Bold.ttf"),
        (False, True): ("DejaVuSerif.ttf", "LiberationSerif-Regular.ttf"),
        (True, True): ("DejaVuSerif-Bold.ttf", "LiberationSerif-Bold.ttf"),
    }[(bold, serif)]
    for folder in _FONT_DIRS:
        for file_name in names:
            if (folder / file_name).exists():
                return ImageFont.truetype(str(folder / file_name), size)
    return ImageFont.load_default(size=size)


def _backdrop(canvas: Image.Image, colour: Colour) -> None:
    """A soft floor: the lower part a shade darker, blended."""
    width, height = canvas.size
    floor = _mix(colour, (0, 0, 0), 0.07)
    column = Image.linear_gradient("L").resize((1, height))
    column = column.point(
        lambda value: 0 if value < 150 else min(255, (value - 150) * 3)
    )
    canvas.paste(
        floor, (0, 0), column.resize((width, height), Image.Resampling.NEAREST)
    )


def _shadow(canvas: Image.Image, box: Box) -> None:
    margin = 80
    left, top, right, bottom = (round(edge) for edge in box)
    layer = Image.new("L", (right - left + 2 * margin, bottom - top + 2 * margin), 0)
    ImageDraw.Draw(layer).ellipse(
        (margin, margin, margin + right - left, margin + bottom - top), fill=120
    )
    layer = layer.filter(ImageFilter.GaussianBlur(28))
    canvas.paste((40, 40, 40), (left - margin, top - margin), layer)


def _label_text(
    draw: ImageDraw.ImageDraw,
    *,
    box: Box,
    name: str,
    form: str,
    ink: Colour,
    accent: Colour,
    width_chars: int = 12,
) -> None:
    """Brand, the product's name (wrapped) and its form, centred in ``box``."""
    left, top, right, bottom = box
    centre = (left + right) / 2
    lines = textwrap.wrap(name, width=width_chars, break_long_words=False)[:4]
    size = 92 if len(lines) <= 2 else 74
    while size > 40 and any(
        draw.textlength(line, font=_font(size, bold=True, serif=True))
        > right - left - 40
        for line in lines
    ):
        size -= 6
    title = _font(size, bold=True, serif=True)
    small = _font(34, bold=True)
    line_height = size * 1.12
    block = 60 + line_height * len(lines) + 70
    y = top + ((bottom - top) - block) / 2
    draw.text((centre, y), "VERDANT FIELD", font=small, fill=accent, anchor="mt")
    y += 60
    for line in lines:
        draw.text((centre, y), line, font=title, fill=ink, anchor="mt")
        y += line_height
    draw.line((centre - 60, y + 18, centre + 60, y + 18), fill=accent, width=4)
    draw.text((centre, y + 42), form.upper(), font=_font(30), fill=ink, anchor="mt")


# --- the packages --------------------------------------------------------------


def _tub(canvas: Image.Image, *, name: str, form: str, colour: Colour) -> None:
    draw = ImageDraw.Draw(canvas)
    _shadow(canvas, (380, 1340, 1220, 1460))
    body = (420, 520, 1180, 1400)
    draw.rounded_rectangle(body, radius=70, fill=colour)
    draw.rounded_rectangle(
        (420, 520, 520, 1400), radius=60, fill=_mix(colour, (255, 255, 255), 0.12)
    )
    lid = _mix(colour, (20, 20, 20), 0.35)
    draw.rounded_rectangle((400, 380, 1200, 560), radius=40, fill=lid)
    for x in range(440, 1180, 36):
        draw.line((x, 400, x, 540), fill=_mix(lid, (255, 255, 255), 0.12), width=6)
    label = (440, 700, 1160, 1250)
    draw.rectangle(label, fill=(250, 247, 238))
    _label_text(
        draw,
        box=label,
        name=name,
        form=form,
        ink=_mix(colour, (0, 0, 0), 0.45),
        accent=colour,
    )


def _pouch(canvas: Image.Image, *, name: str, form: str, colour: Colour) -> None:
    draw = ImageDraw.Draw(canvas)
    _shadow(canvas, (360, 1340, 1240, 1470))
    outline = [(430, 330), (1170, 330), (1220, 1400), (380, 1400)]
    draw.polygon(outline, fill=colour)
    draw.rectangle((430, 330, 1170, 410), fill=_mix(colour, (0, 0, 0), 0.2))
    for x in range(450, 1160, 28):
        draw.line((x, 335, x, 405), fill=_mix(colour, (0, 0, 0), 0.32), width=4)
    draw.polygon(
        [(430, 410), (520, 410), (470, 1400), (380, 1400)],
        fill=_mix(colour, (255, 255, 255), 0.12),
    )
    label = (480, 620, 1120, 1220)
    draw.rounded_rectangle(label, radius=40, fill=(250, 247, 238))
    _label_text(
        draw,
        box=label,
        name=name,
        form=form,
        ink=_mix(colour, (0, 0, 0), 0.45),
        accent=colour,
        width_chars=11,
    )


def _dropper(canvas: Image.Image, *, name: str, form: str, colour: Colour) -> None:
    draw = ImageDraw.Draw(canvas)
    _shadow(canvas, (480, 1360, 1120, 1470))
    glass = _mix(colour, (70, 35, 10), 0.45)
    draw.rounded_rectangle((520, 640, 1080, 1420), radius=90, fill=glass)
    draw.rounded_rectangle(
        (540, 700, 610, 1360), radius=30, fill=_mix(glass, (255, 255, 255), 0.2)
    )
    draw.rectangle((680, 560, 920, 660), fill=_mix(glass, (0, 0, 0), 0.2))
    draw.rounded_rectangle((650, 420, 950, 600), radius=30, fill=(40, 40, 38))
    draw.rounded_rectangle((720, 180, 880, 460), radius=80, fill=(60, 58, 55))
    label = (560, 820, 1040, 1300)
    draw.rounded_rectangle(label, radius=20, fill=(250, 247, 238))
    draw.rectangle((560, 820, 1040, 860), fill=colour)
    _label_text(
        draw,
        box=(560, 860, 1040, 1300),
        name=name,
        form=form,
        ink=_mix(colour, (0, 0, 0), 0.45),
        accent=colour,
        width_chars=10,
    )


def _teabox(canvas: Image.Image, *, name: str, form: str, colour: Colour) -> None:
    draw = ImageDraw.Draw(canvas)
    _shadow(canvas, (340, 1330, 1300, 1460))
    front = (380, 520, 1080, 1400)
    side = [(1080, 520), (1240, 440), (1240, 1320), (1080, 1400)]
    top = [(380, 520), (540, 440), (1240, 440), (1080, 520)]
    draw.rectangle(front, fill=colour)
    draw.polygon(side, fill=_mix(colour, (0, 0, 0), 0.25))
    draw.polygon(top, fill=_mix(colour, (255, 255, 255), 0.22))
    draw.rectangle((380, 1260, 1080, 1400), fill=_mix(colour, (0, 0, 0), 0.15))
    for index in range(5):
        x = 430 + index * 140
        draw.ellipse((x, 1295, x + 60, 1355), fill=_mix(colour, (255, 255, 255), 0.35))
    label = (440, 620, 1020, 1200)
    draw.rounded_rectangle(label, radius=24, fill=(250, 247, 238))
    _label_text(
        draw,
        box=label,
        name=name,
        form=form,
        ink=_mix(colour, (0, 0, 0), 0.45),
        accent=colour,
        width_chars=11,
    )


def _jar(canvas: Image.Image, *, name: str, form: str, colour: Colour) -> None:
    draw = ImageDraw.Draw(canvas)
    _shadow(canvas, (360, 1340, 1240, 1470))
    glass = _mix(colour, (255, 255, 255), 0.55)
    draw.rounded_rectangle((400, 560, 1200, 1410), radius=120, fill=glass)
    draw.rounded_rectangle(
        (440, 760, 1160, 1380), radius=90, fill=_mix(colour, (40, 25, 10), 0.35)
    )
    draw.rounded_rectangle(
        (450, 620, 520, 1330), radius=30, fill=_mix(glass, (255, 255, 255), 0.5)
    )
    draw.rounded_rectangle(
        (460, 420, 1140, 600), radius=30, fill=_mix(colour, (0, 0, 0), 0.3)
    )
    label = (500, 760, 1100, 1250)
    draw.rounded_rectangle(label, radius=30, fill=(250, 247, 238))
    _label_text(
        draw,
        box=label,
        name=name,
        form=form,
        ink=_mix(colour, (0, 0, 0), 0.45),
        accent=colour,
    )


def _book(canvas: Image.Image, *, name: str, form: str, colour: Colour) -> None:
    draw = ImageDraw.Draw(canvas)
    _shadow(canvas, (380, 1360, 1260, 1480))
    draw.polygon(
        [(1140, 300), (1200, 340), (1200, 1440), (1140, 1400)], fill=(236, 230, 214)
    )
    for y in range(360, 1420, 18):
        draw.line((1150, y - 40, 1195, y - 10), fill=(214, 206, 188), width=2)
    cover = (420, 300, 1140, 1400)
    draw.rectangle(cover, fill=colour)
    draw.rectangle((420, 300, 480, 1400), fill=_mix(colour, (0, 0, 0), 0.25))
    draw.rectangle(
        (540, 380, 1080, 1320), outline=_mix(colour, (255, 255, 255), 0.55), width=6
    )
    ink = (250, 247, 238)
    lines = textwrap.wrap(name, width=13, break_long_words=False)[:5]
    size = 86
    while size > 40 and any(
        draw.textlength(line, font=_font(size, bold=True, serif=True)) > 480
        for line in lines
    ):
        size -= 6
    title = _font(size, bold=True, serif=True)
    line_y = 520.0
    for line in lines:
        draw.text((810, line_y), line, font=title, fill=ink, anchor="mt")
        line_y += size * 1.15
    draw.line(
        (730, line_y + 30, 890, line_y + 30),
        fill=_mix(colour, (255, 255, 255), 0.55),
        width=5,
    )
    draw.text(
        (810, 1220), "VERDANT FIELD", font=_font(34, bold=True), fill=ink, anchor="mt"
    )
    draw.text(
        (810, 1270),
        form.upper(),
        font=_font(28),
        fill=_mix(colour, (255, 255, 255), 0.7),
        anchor="mt",
    )


_DRAWERS: dict[str, Callable[..., None]] = {
    "tub": _tub,
    "pouch": _pouch,
    "dropper": _dropper,
    "teabox": _teabox,
    "jar": _jar,
    "book": _book,
}
