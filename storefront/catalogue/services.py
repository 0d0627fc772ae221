"""Changes to the catalogue: products, variants, prices, media, publication."""

from collections.abc import Iterable, Sequence
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from common.html import html_to_text, sanitize_html
from common.page_cache import page_cache_invalidate
from compliance.product_classes import ProductClass
from storefront.catalogue.errors import CatalogueErrorCode, ProductNotPricedError
from storefront.catalogue.listing_counts import listing_counts_refresh
from storefront.catalogue.models import (
    AttributeValue,
    Category,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductType,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.catalogue.publication import (
    product_listing_legality_check,
    product_publication_check,
)
from storefront.catalogue.search import (
    product_search_entries_refresh,
    product_search_index_refresh,
)
from storefront.catalogue.thumbnails import image_validate, thumbnail_make
from storefront.channels.models import Channel

MAX_BENEFITS = 8
MAX_BENEFIT_LENGTH = 200
_UPDATABLE_FIELDS = (
    "name",
    "slug",
    "description",
    "benefits",
    "seo_title",
    "seo_description",
    "regulated_class",
    "category",
    "product_type",
    "rating",
)


def product_validate_benefits(*, benefits: object) -> list[str]:
    """Normalise benefit bullets: a list of at most 8 short, non-empty strings.

    Raises:
        ValidationError: on ``benefits`` naming what is wrong.
    """
    if benefits is None:
        return []
    if not isinstance(benefits, list | tuple) or not all(
        isinstance(item, str) for item in benefits
    ):
        raise ValidationError(
            {
                "benefits": ValidationError(
                    "Benefits must be a list of short sentences.",
                    code=CatalogueErrorCode.INVALID.value,
                )
            }
        )
    cleaned = [" ".join(html_to_text(item).split()) for item in benefits]
    cleaned = [item for item in cleaned if item]
    if len(cleaned) > MAX_BENEFITS:
        raise ValidationError(
            {
                "benefits": ValidationError(
                    "List at most %(max)d benefits.",
                    code=CatalogueErrorCode.INVALID.value,
                    params={"max": MAX_BENEFITS},
                )
            }
        )
    too_long = [item for item in cleaned if len(item) > MAX_BENEFIT_LENGTH]
    if too_long:
        raise ValidationError(
            {
                "benefits": ValidationError(
                    "Keep each benefit under %(max)d characters.",
                    code=CatalogueErrorCode.INVALID.value,
                    params={"max": MAX_BENEFIT_LENGTH},
                )
            }
        )
    return cleaned


def product_description_clean(*, description: str) -> str:
    """The description with only safe formatting and links kept."""
    return sanitize_html(description or "")


def product_search_document(*, product: Product) -> str:
    """The plain text that search matches besides the name."""
    parts = [
        product.category.name if product.category_id else "",
        html_to_text(product.description),
        " ".join(product.benefits or []),
    ]
    if product.pk:
        parts.extend(value.name for value in product.attribute_values.all())
    return " ".join(" ".join(parts).split())


def product_search_document_refresh(*, product: Product) -> None:
    """Recompute the text search reads, after the product or its values changed."""
    document = product_search_document(product=product)
    if document != product.search_document:
        product.search_document = document
        product.save(update_fields=["search_document"])
    product_search_index_refresh(product_ids=[product.pk])


@transaction.atomic
def product_create(
    *,
    product_type: ProductType,
    category: Category,
    name: str,
    slug: str = "",
    description: str = "",
    benefits: Sequence[str] | None = None,
    regulated_class: str = ProductClass.GENERAL,
    seo_title: str = "",
    seo_description: str = "",
    attribute_values: Iterable[AttributeValue] = (),
) -> Product:
    """Create a product with sanitised description and validated benefits.

    Raises:
        ValidationError: on the field at fault (``slug`` taken, ``benefits``
            malformed, ``name`` missing, ...).
    """
    product = Product(
        product_type=product_type,
        category=category,
        name=name.strip(),
        slug=slug or slugify(name),
        description=sanitize_html(description),
        benefits=product_validate_benefits(benefits=benefits),
        regulated_class=regulated_class,
        seo_title=seo_title,
        seo_description=seo_description,
    )
    product.full_clean()
    product.save()
    product.attribute_values.set(list(attribute_values))
    product.search_document = product_search_document(product=product)
    product.save(update_fields=["search_document"])
    product_search_index_refresh(product_ids=[product.pk])
    return product


@transaction.atomic
def product_update(
    *,
    product: Product,
    attribute_values: Iterable[AttributeValue] | None = None,
    **changes: object,
) -> bool:
    """Change a product's fields; saves only when something differs.

    Args:
        product: the product to change (modified in place).
        attribute_values: when given, replaces the product's attribute values.
        **changes: any of name, slug, description, benefits, seo_title,
            seo_description, regulated_class, category, product_type, rating.

    Returns:
        Whether anything was written.

    Raises:
        ValidationError: on the field at fault.
    """
    unknown = set(changes) - set(_UPDATABLE_FIELDS)
    if unknown:
        raise TypeError(f"product_update() got unknown fields: {sorted(unknown)}")
    if "description" in changes:
        changes["description"] = sanitize_html(str(changes["description"] or ""))
    if "benefits" in changes:
        changes["benefits"] = product_validate_benefits(benefits=changes["benefits"])
    changed = False
    was_in = product.category_id
    for name, value in changes.items():
        if getattr(product, name) != value:
            setattr(product, name, value)
            changed = True
    if attribute_values is not None:
        new_ids = {value.pk for value in attribute_values}
        if new_ids != set(product.attribute_values.values_list("pk", flat=True)):
            product.attribute_values.set(list(new_ids))
            changed = True
    document = product_search_document(product=product)
    if document != product.search_document:
        product.search_document = document
        changed = True
    if changed:
        product.full_clean()
        product.save()
        product_search_index_refresh(product_ids=[product.pk])
        if product.category_id != was_in:
            listing_counts_refresh(category_ids=[was_in, product.category_id])
        page_cache_invalidate()
    return changed


@transaction.atomic
def product_variant_create(
    *,
    product: Product,
    sku: str,
    name: str = "",
    weight_grams: Decimal = Decimal(0),
    attribute_values: Iterable[AttributeValue] = (),
    quantity_limit_per_customer: int | None = None,
    sort_order: int = 0,
) -> ProductVariant:
    """Add a variant with a unique SKU.

    Raises:
        ValidationError: on ``sku`` when it is taken, on ``weight_grams`` when negative.
    """
    variant = ProductVariant(
        product=product,
        sku=sku.strip(),
        name=name,
        weight_grams=weight_grams,
        quantity_limit_per_customer=quantity_limit_per_customer,
        sort_order=sort_order,
    )
    variant.full_clean()
    variant.save()
    variant.attribute_values.set(list(attribute_values))
    return variant


@transaction.atomic
def product_variant_price_set(
    *, variant: ProductVariant, channel: Channel, amount: Decimal
) -> ProductVariantChannelListing:
    """Set the variant's price in the channel, in the channel's currency.

    Raises:
        ValidationError: on ``price_amount`` when negative.
    """
    listing = ProductVariantChannelListing.objects.filter(
        variant=variant, channel=channel
    ).first() or ProductVariantChannelListing(variant=variant, channel=channel)
    if (
        listing.pk
        and listing.price_amount == amount
        and listing.currency == channel.currency_code
    ):
        return listing
    listing.price_amount = amount
    listing.currency = channel.currency_code
    if amount < 0:
        raise ValidationError(
            {
                "price_amount": ValidationError(
                    "A price cannot be negative.", code=CatalogueErrorCode.INVALID.value
                )
            }
        )
    first_price = listing.pk is None
    listing.full_clean()
    listing.save()
    if first_price:
        # A first price in the channel can make a published product listed there.
        listing_counts_refresh(category_ids=[variant.product.category_id])
        product_search_entries_refresh(product_ids=[variant.product_id])
    page_cache_invalidate()
    return listing


@transaction.atomic
def product_media_add(
    *, product: Product, image: File, alt: str = "", sort_order: int | None = None
) -> ProductMedia:
    """Attach an image to a product and make its thumbnail.

    Raises:
        ValidationError: on ``image`` when the file is not a readable image.
    """
    image_validate(image=image)
    name = image.name or f"{product.slug}.png"
    if sort_order is None:
        sort_order = product.media.count()
    media = ProductMedia(
        product=product, alt=alt or product.name, sort_order=sort_order
    )
    media.image.save(name, image, save=False)
    media.thumbnail.save(
        name, thumbnail_make(image=media.image.file, name=name), save=False
    )
    media.save()
    page_cache_invalidate()
    return media


def product_media_thumbnail_refresh(*, media: ProductMedia) -> ProductMedia:
    """Make the thumbnail of media whose image was uploaded without one.

    Raises:
        ValidationError: on ``image`` when the file is not a readable image.
    """
    if media.thumbnail and media.thumbnail.name:
        return media
    image_validate(image=media.image.file)
    name = media.image.name or ""
    media.thumbnail.save(
        name, thumbnail_make(image=media.image.file, name=name), save=False
    )
    media.save(update_fields=["thumbnail"])
    page_cache_invalidate()
    return media


def product_publish(
    *,
    product: Product,
    channel: Channel,
    published_at: datetime | None = None,
    visible_in_listings: bool = True,
    available_for_purchase_at: datetime | None = None,
    actor: Any = None,
) -> ProductChannelListing:
    """Publish (or re-publish) a product in a channel.

    The product must have a priced variant in the channel, and its text must pass
    the channel's claims regime (or carry a compliance officer's override for that
    exact text). ``actor``, the staff member publishing, is named in the audit log
    when the claims check refuses.

    Raises:
        ProductNotPricedError: no variant has a price in the channel.
        ProductClaimsBlockedError: a blocking claims finding without an override;
            ``error.data["findings"]`` lists them.
        ProductProhibitedInChannelError: the product's class is prohibited in every
            country of the channel.
    """
    if not ProductVariantChannelListing.objects.filter(
        variant__product=product, channel=channel
    ).exists():
        raise ProductNotPricedError(field="channel")
    # Checked before the write's transaction so that a refusal's audit entry,
    # written by the compliance package, is kept.
    product_listing_legality_check(product=product, channel=channel)
    product_publication_check(product=product, channel=channel, actor=actor)
    with transaction.atomic():
        return _listing_publish(
            product=product,
            channel=channel,
            published_at=published_at,
            visible_in_listings=visible_in_listings,
            available_for_purchase_at=available_for_purchase_at,
        )


def _listing_publish(
    *,
    product: Product,
    channel: Channel,
    published_at: datetime | None,
    visible_in_listings: bool,
    available_for_purchase_at: datetime | None,
) -> ProductChannelListing:
    listing = ProductChannelListing.objects.filter(
        product=product, channel=channel
    ).select_for_update().first() or ProductChannelListing(
        product=product, channel=channel
    )
    wanted = {
        "is_published": True,
        "published_at": listing.published_at or published_at or timezone.now(),
        "visible_in_listings": visible_in_listings,
        "available_for_purchase_at": available_for_purchase_at
        or listing.available_for_purchase_at,
    }
    if published_at is not None:
        wanted["published_at"] = published_at
    if listing.pk and all(getattr(listing, k) == v for k, v in wanted.items()):
        return listing
    for key, value in wanted.items():
        setattr(listing, key, value)
    listing.full_clean()
    listing.save()
    listing_counts_refresh(category_ids=[product.category_id])
    product_search_entries_refresh(product_ids=[product.pk])
    page_cache_invalidate()
    return listing


def product_unpublish(*, product: Product, channel: Channel) -> None:
    """Hide a product in a channel; its prices and stock stay.

    Used when the law or the claims rules no longer allow the listing (the rule
    change impact, and the admin's re-check after saving).
    """
    with transaction.atomic():
        ProductChannelListing.objects.filter(product=product, channel=channel).update(
            is_published=False
        )
        listing_counts_refresh(category_ids=[product.category_id])
        product_search_entries_refresh(product_ids=[product.pk])
    page_cache_invalidate()
