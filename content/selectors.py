"""Reads for the content section: article lists, one article's page, access, and the
newsletter audience."""

import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.core.paginator import Page as PaginatorPage
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q, QuerySet
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from prices import Money

from compliance.regions import RegionDecision, availability_decide
from content.models import (
    AccessLevel,
    ArticleIndexPage,
    ArticlePage,
    MemberAccessGrant,
    NewsletterSubscriber,
    Topic,
)
from storefront.catalogue.age_gate import age_visibility_for
from storefront.catalogue.models import (
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.subscriptions.selectors import membership_is_active, membership_offer

ARTICLES_PER_PAGE = 10


# --- access -----------------------------------------------------------------


def reader_has_paid_access(user: Any, on: datetime | None = None) -> bool:
    """Whether ``user`` may read paid-members articles at ``on`` (default: now).

    Until memberships are sold, paid access comes from a staff-granted
    ``MemberAccessGrant`` that has no end or ends after ``on``. The subscriptions
    domain extends this with active memberships.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    moment = on or timezone.now()
    if (
        MemberAccessGrant.objects.filter(user=user, created_at__lte=moment)
        .filter(Q(valid_until__isnull=True) | Q(valid_until__gt=moment))
        .exists()
    ):
        return True
    return membership_is_active(user, on=moment)


def reader_can_read(
    *, user: Any, article: ArticlePage, as_reader: str | None = None
) -> bool:
    """Whether the reader may see the whole body of ``article``.

    ``as_reader`` is an editor's preview mode: ``"anonymous"`` reads as a visitor,
    ``"member"`` as a signed-in member without paid access, ``"editor"`` (the
    default preview, only reachable from the admin's preview views) sees everything;
    ``None`` applies the normal rules to ``user``.
    """
    level = article.access_level
    if as_reader == "editor":
        return True
    if as_reader == "anonymous":
        return level == AccessLevel.PUBLIC
    if as_reader == "member":
        return level in (AccessLevel.PUBLIC, AccessLevel.MEMBERS)
    if level == AccessLevel.PUBLIC:
        return True
    if not getattr(user, "is_authenticated", False):
        return False
    if level == AccessLevel.MEMBERS:
        return True
    return reader_has_paid_access(user)


@dataclass(frozen=True)
class ArticleReading:
    """What a reader gets of an article: all of it, or its preview blocks."""

    can_read: bool
    blocks: list[Any]
    hidden_block_count: int


def article_reading(
    *, article: ArticlePage, user: Any, as_reader: str | None = None
) -> ArticleReading:
    """The blocks ``user`` may see: the whole body, or the first
    ``preview_block_count`` when the article is beyond their access."""
    can_read = reader_can_read(user=user, article=article, as_reader=as_reader)
    all_blocks = list(article.body)
    blocks = all_blocks if can_read else all_blocks[: article.preview_block_count]
    return ArticleReading(
        can_read=can_read,
        blocks=blocks,
        hidden_block_count=len(all_blocks) - len(blocks),
    )


# --- lists ------------------------------------------------------------------


def article_list_live() -> QuerySet[ArticlePage]:
    """Live articles without Wagtail privacy restrictions, newest first.

    The hero images' renditions come in one query, so article cards do not ask
    for each picture's rendition one by one.
    """
    return (
        ArticlePage.objects.live()
        .public()
        .select_related("hero_image", "series")
        .prefetch_related("hero_image__renditions")
        .order_by("-first_published_at", "-pk")
    )


def article_list_latest(*, limit: int = 3) -> list[ArticlePage]:
    """The ``limit`` newest live articles, for the home page."""
    return list(article_list_live()[:limit])


def article_list_for_product(*, product_id: int, limit: int = 5) -> list[ArticlePage]:
    """Live articles that embed the product, newest first ("Learn more")."""
    return list(
        article_list_live().filter(product_links__product_id=product_id)[:limit]
    )


def article_list_for_index(
    *, index: ArticleIndexPage | None, topic_slug: str = "", page_number: str | int = 1
) -> dict[str, Any]:
    """One page of the article list, optionally filtered by a topic slug.

    Returns ``articles`` (a paginator page), ``topics`` (all topics) and
    ``current_topic`` (the Topic filtered on, or ``None``; an unknown slug lists
    nothing rather than everything).
    """
    articles = article_list_live().prefetch_related("topics", "authors")
    if index is not None:
        articles = articles.child_of(index)
    current_topic = None
    if topic_slug:
        current_topic = Topic.objects.filter(slug=topic_slug).first()
        articles = articles.filter(topics__slug=topic_slug)
    paginator = Paginator(articles, ARTICLES_PER_PAGE)
    page: PaginatorPage = paginator.get_page(page_number)
    return {
        "articles": page,
        "topics": list(Topic.objects.all()),
        "current_topic": current_topic,
    }


def article_search(*, query: str, page_number: str | int = 1) -> PaginatorPage:
    """Live articles matching ``query`` (title, standfirst, public bodies only)."""
    query = query.strip()
    if not query:
        return Paginator(ArticlePage.objects.none(), ARTICLES_PER_PAGE).get_page(1)
    results = article_list_live().search(query)
    return Paginator(results, ARTICLES_PER_PAGE).get_page(page_number)


def article_related(*, article: ArticlePage, limit: int = 3) -> list[ArticlePage]:
    """Other live articles sharing a topic or the series, most shared topics first."""
    from django.db.models import Count

    topic_ids = [t.pk for t in article.topics.all()]
    qs = article_list_live().exclude(pk=article.pk)
    condition = Q(topics__in=topic_ids)
    if article.series_id:
        condition |= Q(series_id=article.series_id)
    return list(
        qs.filter(condition)
        .annotate(shared=Count("topics", filter=Q(topics__in=topic_ids)))
        .order_by("-shared", "-first_published_at")[:limit]
    )


# --- products ----------------------------------------------------------------


@dataclass(frozen=True)
class ProductEmbed:
    """What an article shows about an embedded product for one shopper region."""

    slug: str
    name: str
    url: str
    price: Money | None
    available: bool
    prohibited: bool
    min_age: int | None
    region_name: str
    # The visitor has not yet confirmed this age at the gate: the embed shows no
    # name, price or picture until they do.
    age_masked: int | None = None
    image: str = ""  # the stored path of the product's first picture, if any


def _first_url(names: tuple[str, ...], fallback: str, **kwargs: str) -> str:
    for name in names:
        try:
            return reverse(name, kwargs=kwargs or None)
        except NoReverseMatch:
            continue
    return fallback


def product_url(slug: str) -> str:
    return _first_url(
        ("catalogue:product_detail", "catalogue:product"),
        f"/products/{slug}/",
        slug=slug,
    )


def reader_links() -> dict[str, str]:
    """Where the paywall sends a reader: register, sign in, or membership."""
    return {
        "register_url": _first_url(("accounts:register",), "/account/register/"),
        "login_url": _first_url(("accounts:login",), "/account/login/"),
        "membership_url": reverse("content:membership"),
    }


MEMBER_ARTICLES_LISTED = 12


def membership_page_context(*, shopper_region: Any, user: Any) -> dict[str, Any]:
    """What the membership page shows: plans, prices per region, member articles.

    ``offer`` comes from the subscriptions domain (plans of the shopper's channel
    and every channel's prices); ``articles`` are the newest paid-members articles
    (at most ``MEMBER_ARTICLES_LISTED``); ``is_member`` says whether ``user``
    already reads them.
    """
    return {
        "offer": membership_offer(channel_id=shopper_region.channel.pk),
        "articles": list(
            article_list_live()
            .filter(access_level=AccessLevel.PAID)
            .prefetch_related("topics")[:MEMBER_ARTICLES_LISTED]
        ),
        "is_member": reader_has_paid_access(user),
        **reader_links(),
    }


def _region_decision(product_class: str, region: str) -> RegionDecision:
    return availability_decide(product_class=product_class, region=region)


def article_embedded_products(
    *, slugs: list[str], shopper_region: Any, age_visibility: Any = None
) -> dict[str, ProductEmbed]:
    """Load every embedded product in a fixed number of queries, priced for the region.

    Returns a dict keyed by slug; unknown slugs are absent, and so are products the
    age gate refused the visitor (``age_visibility``, the storefront's
    ``AgeVisibility``); products whose age the visitor has not confirmed carry
    ``age_masked``. The price is the lowest
    variant price in the shopper's channel; "available" needs a published channel
    listing whose purchase date has come and a region that does not prohibit the
    product's class.
    """
    if not slugs:
        return {}
    channel = shopper_region.channel
    region = shopper_region.region
    now = timezone.now()
    products = Product.objects.filter(slug__in=set(slugs)).prefetch_related(
        Prefetch(
            "channel_listings",
            queryset=ProductChannelListing.objects.filter(channel=channel),
            to_attr="listings_here",
        ),
        Prefetch(
            "variants",
            queryset=ProductVariant.objects.prefetch_related(
                Prefetch(
                    "channel_listings",
                    queryset=ProductVariantChannelListing.objects.filter(
                        channel=channel
                    ),
                    to_attr="prices_here",
                )
            ),
            to_attr="all_variants",
        ),
        Prefetch(
            "media",
            queryset=ProductMedia.objects.order_by("sort_order", "pk"),
            to_attr="pictures",
        ),
    )
    embeds: dict[str, ProductEmbed] = {}
    for product in products:
        prices = [vl.price for v in product.all_variants for vl in v.prices_here]
        price = min(prices, key=lambda m: m.amount) if prices else None
        listing = product.listings_here[0] if product.listings_here else None
        listed = bool(
            listing
            and listing.is_published
            and (
                listing.available_for_purchase_at is None
                or listing.available_for_purchase_at <= now
            )
        )
        decision = _region_decision(product.regulated_class, region)
        prohibited = decision is not None and decision.decision == "prohibited"
        masked = None
        if age_visibility is not None:
            if product.regulated_class in age_visibility.hidden:
                continue
            if product.regulated_class in age_visibility.masked:
                masked = age_visibility.min_ages[product.regulated_class]
        embeds[product.slug] = ProductEmbed(
            slug=product.slug,
            name=product.name,
            url=product_url(product.slug),
            price=price,
            available=listed and price is not None and not prohibited,
            prohibited=prohibited,
            min_age=getattr(decision, "min_age", None) if not prohibited else None,
            region_name=shopper_region.name,
            age_masked=masked,
            image=(
                product.pictures[0].image.name
                if product.pictures and masked is None
                else ""
            ),
        )
    return embeds


# --- one article --------------------------------------------------------------


def _age_visibility(request: HttpRequest) -> Any:
    return age_visibility_for(
        session=request.session,
        user=request.user,
        region=request.shopper_region.region,  # type: ignore[attr-defined]
    )


def _embedded_slugs(blocks: list[Any]) -> list[str]:
    return [b.value["product"] for b in blocks if b.block_type == "product"]


def article_page_context(
    *,
    article: ArticlePage,
    user: Any,
    request: HttpRequest,
    as_reader: str | None = None,
) -> dict[str, Any]:
    """Everything an article page needs, in a fixed number of queries.

    Only the blocks the reader may see are returned (``body_blocks``): a reader
    without access gets the first ``preview_block_count`` and ``locked`` is True.
    """
    reading = article_reading(article=article, user=user, as_reader=as_reader)
    blocks = reading.blocks
    slugs = _embedded_slugs(blocks)
    embeds = (
        article_embedded_products(
            slugs=slugs,
            shopper_region=request.shopper_region,
            age_visibility=_age_visibility(request),
        )
        if slugs
        else {}
    )
    sources = list(article.sources.all())
    authors = list(article.authors.all())
    topics = list(article.topics.all())
    related = article_related(article=article)
    return {
        "can_read": reading.can_read,
        "locked": not reading.can_read,
        "body_blocks": blocks,
        "hidden_block_count": reading.hidden_block_count,
        "embedded_products": embeds,
        "sources": sources,
        "article_authors": authors,
        "article_topics": topics,
        "related_articles": related,
        "json_ld": article_json_ld(article=article, request=request, authors=authors),
        **reader_links(),
    }


def _safe_json(data: Any) -> str:
    return (
        json.dumps(data, ensure_ascii=False)
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
    )


def article_json_ld(
    *, article: ArticlePage, request: HttpRequest, authors: list[Any]
) -> list[str]:
    """JSON-LD scripts (Article, BreadcrumbList) for the page head, as JSON text."""
    url = article.get_full_url(request)
    index = article.get_parent()
    article_ld = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": article.title,
        "description": article.standfirst,
        "url": url,
        "mainEntityOfPage": url,
        "datePublished": (article.first_published_at or timezone.now()).isoformat(),
        "dateModified": (
            article.last_published_at or article.first_published_at or timezone.now()
        ).isoformat(),
        "author": [{"@type": "Person", "name": a.name} for a in authors],
        "publisher": {"@type": "Organization", "name": "Verdant Field"},
        "isAccessibleForFree": article.access_level == AccessLevel.PUBLIC,
    }
    crumbs = {
        "@context": "https://schema.org",
        "@type": "BreadcrumbList",
        "itemListElement": [
            {
                "@type": "ListItem",
                "position": 1,
                "name": "Home",
                "item": request.build_absolute_uri("/"),
            },
            {
                "@type": "ListItem",
                "position": 2,
                "name": index.title if index else "Articles",
                "item": index.get_full_url(request) if index else url,
            },
            {"@type": "ListItem", "position": 3, "name": article.title, "item": url},
        ],
    }
    return [_safe_json(article_ld), _safe_json(crumbs)]


# --- newsletter ---------------------------------------------------------------


def newsletter_recipients() -> QuerySet[NewsletterSubscriber]:
    """Confirmed subscribers only; pending and unsubscribed addresses never get mail."""
    return NewsletterSubscriber.objects.filter(
        status=NewsletterSubscriber.Status.CONFIRMED
    ).order_by("email")
