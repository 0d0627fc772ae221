"""Factories for the content section (and the few commerce rows its tests need)."""

import itertools
from decimal import Decimal

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from content.models import (
    ArticleIndexPage,
    ArticlePage,
    ArticleSource,
    Author,
    NewsletterSubscriber,
    Topic,
)


class AuthorFactory(DjangoModelFactory[Author]):
    class Meta:
        model = Author
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Author {n}")
    slug = factory.Sequence(lambda n: f"author-{n}")
    bio = "Writes about research on wellbeing."


class TopicFactory(DjangoModelFactory[Topic]):
    class Meta:
        model = Topic
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Topic {n}")
    slug = factory.Sequence(lambda n: f"topic-{n}")


class NewsletterSubscriberFactory(DjangoModelFactory[NewsletterSubscriber]):
    class Meta:
        model = NewsletterSubscriber

    email = factory.Sequence(lambda n: f"reader{n}@example.com")
    consent_at = factory.LazyFunction(timezone.now)
    consent_source = "test"


def articles_index() -> ArticleIndexPage:
    """The articles index under the default site's root page, created once."""
    from wagtail.models import Locale, Page

    from content.services import articles_index_ensure

    # A committing test before this one may have flushed the tree the migrations
    # made; the shop itself always has Wagtail's root page.
    if Page.get_first_root_node() is None:
        Locale.objects.get_or_create(language_code="en")
        Page.add_root(instance=Page(title="Root", slug="root"))
    return articles_index_ensure()


_slugs = itertools.count(1)


def rich(text: str) -> dict:
    return {"type": "rich_text", "value": f"<p>{text}</p>"}


def product_block(slug: str, note: str = "") -> dict:
    return {"type": "product", "value": {"product": slug, "note": note}}


def article_create(
    *,
    title: str = "An article",
    slug: str | None = None,
    body: list[dict] | None = None,
    access_level: str = "public",
    preview_block_count: int = 2,
    topics: list[Topic] | None = None,
    authors: list[Author] | None = None,
    sources: int = 1,
    live: bool = True,
) -> ArticlePage:
    """An article under the index, published (a revision) unless ``live`` is False."""
    index = articles_index()
    page = ArticlePage(
        title=title,
        slug=slug or f"article-{next(_slugs)}",
        standfirst=f"Standfirst of {title}.",
        body=body if body is not None else [rich("First paragraph."), rich("Second.")],
        access_level=access_level,
        preview_block_count=preview_block_count,
        live=live,
    )
    if topics:
        page.topics = topics
    if authors:
        page.authors = authors
    page.sources = [
        ArticleSource(
            authors=f"Doe J{i}",
            year=2020 + i,
            title=f"A study {i}",
            publisher="Journal of Tests",
            doi=f"10.1000/test.{i}",
        )
        for i in range(sources)
    ]
    index.add_child(instance=page)
    if live:
        page.save_revision().publish()
    page.refresh_from_db()
    return page


# --- commerce rows -----------------------------------------------------------


def channel_create(*, slug: str = "us", country: str = "US", regime: str = "us"):
    from storefront.channels.models import Channel

    channel, _ = Channel.objects.get_or_create(
        slug=slug,
        defaults={
            "name": slug.upper(),
            "currency_code": "USD" if country == "US" else "EUR",
            "default_country": country,
            "countries": [country],
            "claims_regime": regime,
        },
    )
    return channel


def product_create(
    *,
    slug: str,
    channel=None,
    price: Decimal = Decimal("24.00"),
    regulated_class: str = "general",
    name: str | None = None,
):
    """A product with one variant, published and priced in ``channel``."""
    from storefront.catalogue.models import (
        Category,
        Product,
        ProductChannelListing,
        ProductType,
        ProductVariant,
        ProductVariantChannelListing,
    )

    channel = channel or channel_create()
    ptype, _ = ProductType.objects.get_or_create(
        slug="content-test-type", defaults={"name": "Test type"}
    )
    category, _ = Category.objects.get_or_create(
        slug="content-test-category", defaults={"name": "Test category"}
    )
    product = Product.objects.create(
        product_type=ptype,
        category=category,
        name=name or slug.replace("-", " ").title(),
        slug=slug,
        regulated_class=regulated_class,
    )
    variant = ProductVariant.objects.create(product=product, sku=f"SKU-{slug}")
    ProductChannelListing.objects.create(
        product=product, channel=channel, is_published=True
    )
    ProductVariantChannelListing.objects.create(
        variant=variant,
        channel=channel,
        currency=channel.currency_code,
        price_amount=price,
    )
    return product
