"""Demo content for ``populatedb``: the articles index, authors, topics and articles.

Idempotent by slug. Every article runs the claims check before it is published; an
article the check blocks stays a draft and is reported.
"""

import colorsys
import hashlib
import io
from typing import TextIO

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw

from content.claims import article_claims_check
from content.demo_articles import ARTICLES as SHORT_ARTICLES
from content.demo_articles_life import LIFE_ARTICLES
from content.demo_articles_mind import MIND_ARTICLES
from content.demo_articles_practice import PRACTICE_ARTICLES
from content.demo_articles_science import SCIENCE_ARTICLES
from content.demo_pages import populate_info_pages
from content.models import ArticlePage, ArticleSource, Author, Series, Topic
from content.services import articles_index_ensure
from storefront.catalogue.models import Product

TOPICS = [
    ("depression", "Depression", "Research and personal accounts about low mood."),
    ("stress", "Stress", "What people report about everyday pressure."),
    ("anxiety", "Anxiety", "What studies found about worry and unease."),
    ("creativity", "Creativity", "Ideas, open-mindedness and creative work."),
    ("focus", "Focus", "Attention, concentration and work habits."),
    ("connection", "Connection", "Relationships and feeling close to others."),
    ("vitality", "Vitality", "Self-care: food, movement, rest."),
    ("meaning", "Meaning", "Perspective, values and purpose."),
    ("integration", "Integration", "Turning observations into daily habits."),
    ("neuroplasticity", "Neuroplasticity", "How brains change, explained."),
]
AUTHORS = [
    ("mara-lind", "Mara Lind", "Science writer covering psychology research."),
    ("tomas-reyes", "Tomás Reyes", "Editor; reads the studies so you don't have to."),
]


def _articles() -> list[dict]:
    """The demo articles in order: long-form guides replace the short versions with
    the same slug; a new guide follows the one it is listed after."""
    guides = MIND_ARTICLES + SCIENCE_ARTICLES + LIFE_ARTICLES + PRACTICE_ARTICLES
    long_form = {spec["slug"]: spec for spec in guides}
    merged = [long_form.pop(spec["slug"], spec) for spec in SHORT_ARTICLES]
    for spec in long_form.values():
        position = next(
            (i for i, other in enumerate(merged) if other["topics"] == ["stress"]),
            len(merged) - 1,
        )
        merged.insert(position + 1, spec)
    return merged


ARTICLES = _articles()
HUES = (0.38, 0.09, 0.58, 0.95, 0.14, 0.47, 0.75, 0.03, 0.30, 0.66)


def _image(title: str, index: int):
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    buffer = io.BytesIO()
    _illustration(title, index).save(buffer, format="PNG", optimize=True)
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"article-{index}.png")
    )


def _hsl(hue: float, saturation: float, lightness: float) -> tuple[int, int, int]:
    red, green, blue = colorsys.hls_to_rgb(hue % 1.0, lightness, saturation)
    return round(red * 255), round(green * 255), round(blue * 255)


def _illustration(title: str, index: int) -> PILImage.Image:
    """A 1200 by 630 landscape of ferns and mushrooms in a colour of the article's
    own, drawn the same way for the same title."""
    hue = HUES[index % len(HUES)]
    seed = hashlib.sha256(title.encode()).digest()
    width, height = 1200, 630
    picture = PILImage.new("RGB", (width, height), _hsl(hue, 0.30, 0.86))
    draw = ImageDraw.Draw(picture)
    draw.ellipse((760, -120, 1180, 300), fill=_hsl(hue + 0.08, 0.45, 0.78))
    draw.ellipse((-300, 380, 900, 1100), fill=_hsl(hue, 0.28, 0.72))
    draw.ellipse((500, 420, 1600, 1200), fill=_hsl(hue, 0.30, 0.62))
    leaf = PILImage.new("L", (160, 60), 0)
    ImageDraw.Draw(leaf).ellipse((0, 0, 160, 60), fill=255)
    for stem in range(5):
        x = 120 + stem * 220 + seed[stem] % 60
        top = 260 + seed[stem + 5] % 140
        colour = _hsl(hue, 0.35, 0.30 + 0.04 * (stem % 3))
        draw.line((x, height - 40, x + 10, top), fill=colour, width=8)
        for pair in range(4):
            y = height - 40 - (pair + 1) * (height - 40 - top) / 5
            side = 1 if pair % 2 else -1
            turned = leaf.rotate(25 * side, expand=True)
            left = x + 5 if side > 0 else x + 5 - turned.width
            picture.paste(colour, (int(left), int(y - turned.height / 2)), turned)
    for number in range(2):
        x, y = 300 + number * 520 + seed[10 + number] % 80, height - 60
        draw.rectangle((x - 16, y - 110, x + 16, y), fill=(245, 238, 225))
        draw.pieslice(
            (x - 90, y - 190, x + 90, y - 40),
            180,
            360,
            fill=_hsl(hue + 0.5, 0.35, 0.45),
        )
    return picture


def _block(kind: str, value, pages: dict[str, ArticlePage]) -> dict | None:
    if kind == "p":
        return {"type": "rich_text", "value": f"<p>{value}</p>"}
    if kind == "h":
        return {"type": "heading", "value": {"text": value, "level": "h2"}}
    if kind == "quote":
        return {
            "type": "pull_quote",
            "value": {"quote": value[0], "attribution": value[1]},
        }
    if kind == "callout":
        return {
            "type": "callout",
            "value": {"title": value[0], "text": value[1], "tone": "caution"},
        }
    if kind == "product":
        if not Product.objects.filter(slug=value[0]).exists():
            return None
        return {"type": "product", "value": {"product": value[0], "note": value[1]}}
    if kind == "guide":
        page = pages.get(value)
        if page is None:
            return None
        return {"type": "guide", "value": {"page": page.pk, "label": page.title}}
    raise ValueError(kind)


def _body(spec: dict, pages: dict[str, ArticlePage]) -> list[dict]:
    """The spec's body blocks; a guide to an article not in ``pages`` is left out."""
    blocks = (_block(kind, value, pages) for kind, value in spec["body"])
    return [b for b in blocks if b is not None]


def populate_articles(stdout: TextIO) -> None:
    """Load the demo articles (idempotent by slug)."""
    with transaction.atomic():
        index = articles_index_ensure()
        if not index.intro:
            index.intro = (
                "Educational reading on microdosing research, mental health and "
                "wellbeing: what studies found, and what they could not show."
            )
            index.save_revision().publish()
        topics = {
            slug: Topic.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description}
            )[0]
            for slug, name, description in TOPICS
        }
        authors = [
            Author.objects.get_or_create(
                slug=slug, defaults={"name": name, "bio": bio}
            )[0]
            for slug, name, bio in AUTHORS
        ]
        series, _ = Series.objects.get_or_create(
            slug="what-people-seek",
            defaults={"name": "What people seek from microdosing"},
        )
        pages = {p.slug: p for p in ArticlePage.objects.all()}
        added: list[tuple[dict, ArticlePage]] = []
        for number, spec in enumerate(ARTICLES):
            if spec["slug"] in pages:
                continue
            page = ArticlePage(
                title=spec["title"],
                slug=spec["slug"],
                standfirst=spec["standfirst"],
                body=_body(spec, pages),
                # Offline until the claims check lets its revision be published.
                live=False,
                access_level=spec["access"],
                hero_image=_image(f"Article hero: {spec['title']}", number),
                hero_alt="An illustration of ferns and two mushrooms on a hillside.",
                series=series,
            )
            page.topics = [topics[t] for t in spec["topics"]]
            page.authors = [authors[number % len(authors)]]
            page.sources = [
                ArticleSource(
                    authors=a, year=y, title=t, publisher=j, doi=d, sort_order=i
                )
                for i, (a, y, t, j, d) in enumerate(spec["sources"])
            ]
            index.add_child(instance=page)
            pages[page.slug] = page
            added.append((spec, page))
        created = 0
        for spec, page in added:
            # Guides may point to articles listed after them, which exist only now;
            # the check then sees the labels of every guide the reader will see.
            page.body = _body(spec, pages)
            revision = page.save_revision()
            decision = article_claims_check(article=page)
            if decision.allowed:
                revision.publish()
                created += 1
            else:
                stdout.write(
                    f"Article {spec['slug']} left as a draft: the claims check "
                    "blocked it.\n"
                )
        stdout.write(f"Articles: {created} published, {len(pages)} in total.\n")
    populate_info_pages(stdout)
