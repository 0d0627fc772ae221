"""Demo content for ``populatedb``: the articles index, authors, topics and articles.

Idempotent by slug. Every article runs the claims check before it is published; an
article the check blocks stays a draft and is reported.
"""

import io
from typing import TextIO

from django.core.files.images import ImageFile
from django.db import transaction
from PIL import Image as PILImage
from PIL import ImageDraw

from content.claims import article_claims_check
from content.demo_articles import ARTICLES as SHORT_ARTICLES
from content.demo_articles_mind import MIND_ARTICLES
from content.demo_articles_science import SCIENCE_ARTICLES
from content.demo_pages import populate_info_pages
from content.models import ArticlePage, ArticleSource, Author, Series, Topic
from content.services import articles_index_ensure

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
    long_form = {spec["slug"]: spec for spec in MIND_ARTICLES + SCIENCE_ARTICLES}
    merged = [long_form.pop(spec["slug"], spec) for spec in SHORT_ARTICLES]
    for spec in long_form.values():
        position = next(
            (i for i, other in enumerate(merged) if other["topics"] == ["stress"]),
            len(merged) - 1,
        )
        merged.insert(position + 1, spec)
    return merged


ARTICLES = _articles()
PALETTE = [(46, 94, 78), (120, 150, 90), (200, 170, 90), (90, 110, 150), (150, 90, 110)]


def _image(title: str, index: int):
    from wagtail.images.models import Image

    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    img = PILImage.new("RGB", (1200, 630), PALETTE[index % len(PALETTE)])
    draw = ImageDraw.Draw(img)
    for i in range(6):
        r = 80 + i * 60
        draw.ellipse((900 - r, 315 - r, 900 + r, 315 + r), outline=(255, 255, 255))
    buffer = io.BytesIO()
    img.save(buffer, format="PNG")
    return Image.objects.create(
        title=title, file=ImageFile(buffer, name=f"article-{index}.png")
    )


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
        from storefront.catalogue.models import Product

        if not Product.objects.filter(slug=value[0]).exists():
            return None
        return {"type": "product", "value": {"product": value[0], "note": value[1]}}
    if kind == "guide":
        page = pages.get(value)
        if page is None:
            return None
        return {"type": "guide", "value": {"page": page.pk, "label": page.title}}
    raise ValueError(kind)


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
        created = 0
        for number, spec in enumerate(ARTICLES):
            if spec["slug"] in pages:
                continue
            body = [
                b
                for b in (_block(kind, value, pages) for kind, value in spec["body"])
                if b is not None
            ]
            page = ArticlePage(
                title=spec["title"],
                slug=spec["slug"],
                standfirst=spec["standfirst"],
                body=body,
                access_level=spec["access"],
                hero_image=_image(f"Article hero: {spec['title']}", number),
                hero_alt="An abstract pattern of concentric circles on a soft colour.",
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
            pages[page.slug] = page
        stdout.write(f"Articles: {created} published, {len(pages)} in total.\n")
    populate_info_pages(stdout)
