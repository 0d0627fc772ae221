"""Catalogue types: products and variants.

Attributes live in ``attributes.py``, pictures in ``media.py``, categories and
collections in ``categories.py``.
"""

from decimal import Decimal
from typing import Any

import graphene
from prices import TaxedMoney as PricesTaxedMoney

from common.graphql.connection import connection_type, paginate
from common.graphql.ids import to_global_id
from common.graphql.scalars import PositiveInt
from storefront.catalogue.models import ProductVariant as ProductVariantModel
from storefront.catalogue.selectors import (
    attribute_in_variant_selection,
    product_is_available_for_purchase,
)
from storefront.channels.models import Channel
from storefront.channels.taxes import channel_price_taxer
from storefront.checkout.selectors import checkout_max_quantity_per_line
from storefront.graphql.compliance.types import product_compliance
from storefront.graphql.core.context import channel_of, with_channel
from storefront.graphql.core.descriptions import NO_TRANSLATION
from storefront.graphql.core.enums import (
    LanguageCodeEnum,
    ThumbnailFormatEnum,
    VariantAttributeScope,
)
from storefront.graphql.core.types import (
    Image,
    LanguageDisplay,
    TaxedMoney,
    TaxedMoneyRange,
    media_url,
    taxed,
)
from storefront.graphql.product.attributes import (
    AssignedAttribute,
    SelectedAttribute,
    assigned_attributes,
    group_attribute_values,
)
from storefront.graphql.product.media import ProductMedia


def rich_text(text: str | None) -> dict | None:
    """Our HTML text as the Editor.js document Saleor's clients render.

    The HTML was sanitised when it was saved; it goes out as one paragraph block.
    The `JSONString` scalar encodes the document, once, as Saleor's does.
    """
    if not text:
        return None
    return {
        "time": 0,
        "blocks": [{"type": "paragraph", "data": {"text": text}}],
        "version": "2.24.3",
    }


# --- products and variants -------------------------------------------------------


class ProductType(graphene.ObjectType):
    """The kind of a product, which decides its attributes."""

    id = graphene.ID(required=True, description="Global id.")
    name = graphene.String(required=True, description="Name.")
    slug = graphene.String(required=True, description="Slug.")
    is_shipping_required = graphene.Boolean(
        required=True, description="Whether products of this type are shipped."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("ProductType", root.pk)


class VariantPricingInfo(graphene.ObjectType):
    """A variant's price in the channel. There are no sales yet, so the discounted
    and undiscounted prices are equal."""

    on_sale = graphene.Boolean(
        description="Whether a discount applies (never, for now)."
    )
    price = graphene.Field(TaxedMoney, description="Price to pay.")
    price_undiscounted = graphene.Field(
        TaxedMoney, description="Price before discounts."
    )


class ProductPricingInfo(graphene.ObjectType):
    """A product's prices in the channel: the range over its variants."""

    on_sale = graphene.Boolean(
        description="Whether a discount applies (never, for now)."
    )
    price_range = graphene.Field(
        TaxedMoneyRange, description="Lowest and highest price."
    )
    price_range_undiscounted = graphene.Field(
        TaxedMoneyRange, description="Lowest and highest price before discounts."
    )


class ProductVariantTranslation(graphene.ObjectType):
    """A translated variant name."""

    name = graphene.String(required=True, description="Translated name.")


class ProductTranslation(graphene.ObjectType):
    """Translated product texts."""

    id = graphene.ID(required=True, description="Global id.")
    language = graphene.Field(
        LanguageDisplay, required=True, description="The language."
    )
    seo_title = graphene.String(description="SEO title.")
    seo_description = graphene.String(description="SEO description.")
    slug = graphene.String(description="Slug.")
    name = graphene.String(description="Name.")
    description = graphene.JSONString(description="Description.")


PRICES_ATTR = "_gql_prices"


def channel_price(info: Any, amount: Decimal, channel: Channel) -> PricesTaxedMoney:
    """``channel_price_taxed``, its rate looked up once per channel in a request
    and each amount taxed once: a listing shows dozens of prices, many alike."""
    memo: dict[Any, Any] = info.context.__dict__.setdefault(PRICES_ATTR, {})
    key = (amount, channel.pk)
    price = memo.get(key)
    if price is None:
        taxer = memo.get(channel.pk)
        if taxer is None:
            taxer = memo[channel.pk] = channel_price_taxer(channel=channel)
        price = memo[key] = taxer(amount)
    return price


def variant_price(info: Any, variant: Any) -> Any:
    amount = getattr(variant, "price_amount", None)
    currency = getattr(variant, "currency", None)
    if amount is None or not currency:
        return None
    channel = channel_of(variant)
    if channel is None:
        return taxed(Decimal(amount), currency)
    return channel_price(info, Decimal(amount), channel)


class ProductVariant(graphene.ObjectType):
    """A buyable version of a product (size, strength, …) with its SKU."""

    id = graphene.ID(required=True, description="Global id.")
    name = graphene.String(required=True, description="Name (may be empty).")
    sku = graphene.String(description="Stock keeping unit.")
    product = graphene.Field(lambda: Product, required=True, description="The product.")
    pricing = graphene.Field(
        VariantPricingInfo,
        description="Price in the channel; null when not sold there.",
    )
    attributes = graphene.List(
        graphene.NonNull(SelectedAttribute),
        required=True,
        variant_selection=graphene.Argument(VariantAttributeScope),
        description="The variant's attribute values.",
        deprecation_reason="Use the `assignedAttributes` field instead.",
    )
    media = graphene.List(
        graphene.NonNull(ProductMedia),
        description="Pictures of this variant; variants have none of their own.",
    )
    translation = graphene.Field(
        ProductVariantTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )
    quantity_available = graphene.Int(
        description=(
            "Units that can still be bought in the channel's warehouses; for a "
            "variant that does not track inventory, the most one line may hold."
        )
    )
    quantity_limit_per_customer = graphene.Int(
        description="Most units one customer may buy, when limited."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("ProductVariant", root.pk)

    @staticmethod
    def resolve_product(root: Any, info: Any) -> Any:
        return with_channel(root.product, channel_of(root))

    @staticmethod
    def resolve_pricing(root: Any, info: Any) -> dict[str, Any] | None:
        price = variant_price(info, root)
        if price is None:
            return None
        return {"on_sale": False, "price": price, "price_undiscounted": price}

    @staticmethod
    def resolve_attributes(root: Any, info: Any, variant_selection: Any = None) -> list:
        scope = str(getattr(variant_selection, "value", variant_selection) or "all")
        values = list(root.attribute_values.all())
        if scope != "all":
            wanted = scope == "variant_selection"
            values = [
                value
                for value in values
                if attribute_in_variant_selection(value.attribute) == wanted
            ]
        return group_attribute_values(values)

    @staticmethod
    def resolve_media(root: Any, info: Any) -> list:
        return []

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None

    @staticmethod
    def resolve_quantity_available(root: Any, info: Any) -> int | None:
        if not root.track_inventory:
            # Saleor's answer for untracked variants: as many as one line may hold.
            return checkout_max_quantity_per_line()
        available = getattr(root, "stock_available", None)
        if available is None:
            return None
        return max(int(available), 0)


ProductVariantCountableConnection = connection_type("ProductVariant", ProductVariant)


class Product(graphene.ObjectType):
    """A product of the catalogue, as a shopper in the channel sees it."""

    id = graphene.ID(required=True, description="Global id.")
    assigned_attribute = graphene.Field(
        AssignedAttribute,
        slug=graphene.String(required=True),
        description="The product's value for one attribute, by slug.",
    )
    assigned_attributes = graphene.List(
        graphene.NonNull(AssignedAttribute),
        required=True,
        limit=graphene.Argument(PositiveInt, default_value=100),
        description="The product's attribute values, typed by kind.",
    )
    seo_title = graphene.String(description="SEO title.")
    seo_description = graphene.String(description="SEO description.")
    name = graphene.String(required=True, description="Name.")
    description = graphene.JSONString(
        description="Description as an Editor.js document (one HTML paragraph block)."
    )
    product_type = graphene.Field(
        ProductType, required=True, description="Product type."
    )
    slug = graphene.String(required=True, description="Slug.")
    category = graphene.Field(
        "storefront.graphql.product.categories.Category", description="Category."
    )
    created = graphene.DateTime(required=True, description="When it was created.")
    updated_at = graphene.DateTime(required=True, description="When it last changed.")
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(
            description="Wanted size in pixels; thumbnails are 400 pixels."
        ),
        format=graphene.Argument(
            ThumbnailFormatEnum,
            default_value=ThumbnailFormatEnum.ORIGINAL.value,
            description="Ignored: thumbnails are JPEG.",
        ),
        description="The first picture's thumbnail (or the picture when it has none).",
    )
    pricing = graphene.Field(
        ProductPricingInfo,
        description="Prices in the channel; null when not priced there.",
    )
    is_available = graphene.Boolean(
        description="Whether the product can be bought in the channel now."
    )
    is_available_for_purchase = graphene.Boolean(
        description="Same as `isAvailable`: published and past its purchase date."
    )
    available_for_purchase_at = graphene.DateTime(
        description="From when it can be bought (null: already can)."
    )
    product_variants = graphene.Field(
        ProductVariantCountableConnection,
        after=graphene.String(),
        first=graphene.Int(),
        description="Variants priced in the channel (at most 100 a page).",
    )
    variants = graphene.List(
        graphene.NonNull(ProductVariant), description="Variants priced in the channel."
    )
    media = graphene.List(graphene.NonNull(ProductMedia), description="Pictures.")
    benefits = graphene.List(
        graphene.NonNull(graphene.String),
        description="Benefit bullets (checked claims).",
    )
    rating = graphene.Float(description="Average review rating.")
    translation = graphene.Field(
        ProductTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )

    compliance = graphene.Field(
        "storefront.graphql.compliance.types.ProductCompliance",
        region=graphene.String(
            description="ISO 3166 country or subdivision (e.g. US-TX); the "
            "shopper's chosen region, else the channel's country, by default."
        ),
        required=True,
        description="Whether the product may be sold to a region, on what "
        "conditions, and the claims disclaimer it needs (our addition).",
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Product", root.pk)

    @staticmethod
    def resolve_assigned_attribute(root: Any, info: Any, slug: str) -> Any:
        for entry in assigned_attributes(list(root.attribute_values.all())):
            if entry["attribute"].slug == slug:
                return entry
        return None

    @staticmethod
    def resolve_assigned_attributes(root: Any, info: Any, limit: int = 100) -> list:
        return assigned_attributes(list(root.attribute_values.all()))[:limit]

    @staticmethod
    def resolve_seo_title(root: Any, info: Any) -> str | None:
        return root.seo_title or None

    @staticmethod
    def resolve_seo_description(root: Any, info: Any) -> str | None:
        return root.seo_description or None

    @staticmethod
    def resolve_description(root: Any, info: Any) -> dict | None:
        return rich_text(root.description)

    @staticmethod
    def resolve_created(root: Any, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_category(root: Any, info: Any) -> Any:
        return with_channel(root.category, channel_of(root))

    @staticmethod
    def resolve_thumbnail(
        root: Any, info: Any, size: int | None = None, format: str | None = None
    ) -> dict[str, str] | None:
        if hasattr(root, "thumbnail"):  # listing annotation: paths of the first media
            path = root.thumbnail or getattr(root, "image", None)
            if not path:
                return None
            return {
                "url": media_url(info, path),
                "alt": getattr(root, "image_alt", "") or root.name,
            }
        media = list(root.media.all())
        if not media:
            return None
        first = media[0]
        path = first.thumbnail.name or first.image.name
        return {"url": media_url(info, path), "alt": first.alt or root.name}

    @staticmethod
    def resolve_pricing(root: Any, info: Any) -> dict[str, Any] | None:
        low, high, currency = _price_bounds(root)
        if low is None:
            return None
        channel = channel_of(root)
        if channel is None:
            price_range = {"start": taxed(low, currency), "stop": taxed(high, currency)}
        else:
            price_range = {
                "start": channel_price(info, low, channel),
                "stop": channel_price(info, high, channel),
            }
        return {
            "on_sale": False,
            "price_range": price_range,
            "price_range_undiscounted": price_range,
        }

    @staticmethod
    def resolve_is_available(root: Any, info: Any) -> bool:
        return _is_available(root)

    @staticmethod
    def resolve_compliance(root: Any, info: Any, region: str | None = None) -> Any:
        return product_compliance(info, root, region)

    @staticmethod
    def resolve_is_available_for_purchase(root: Any, info: Any) -> bool:
        return _is_available(root)

    @staticmethod
    def resolve_available_for_purchase_at(root: Any, info: Any) -> Any:
        return getattr(root, "available_from", None)

    @staticmethod
    def resolve_product_variants(
        root: Any, info: Any, after: str | None = None, first: int | None = None
    ) -> Any:
        return paginate(
            _variants(root),
            connection_name="productVariants",
            first=first,
            after=after,
            require_limit=False,
        )

    @staticmethod
    def resolve_variants(root: Any, info: Any) -> list:
        return _variants(root)

    @staticmethod
    def resolve_media(root: Any, info: Any) -> list:
        return list(root.media.all())

    @staticmethod
    def resolve_benefits(root: Any, info: Any) -> list[str]:
        return list(root.benefits or [])

    @staticmethod
    def resolve_rating(root: Any, info: Any) -> float | None:
        return float(root.rating) if root.rating is not None else None

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


def _variants(product: Any) -> list[Any]:
    """The product's variants priced in its channel, each knowing the channel."""
    channel = channel_of(product)
    variants = getattr(product, "priced_variants", None)
    if variants is None:
        variants = []
    # The parent is loaded: cache it on each variant, as a query would have.
    parent = ProductVariantModel.product.field
    for variant in variants:
        with_channel(variant, channel)
        parent.set_cached_value(variant, product)
    return list(variants)


def _price_bounds(product: Any) -> tuple[Decimal | None, Decimal | None, str]:
    channel = channel_of(product)
    currency = channel.currency_code if channel is not None else ""
    if hasattr(product, "price_min"):
        return product.price_min, product.price_max, currency
    prices = [
        Decimal(v.price_amount)
        for v in getattr(product, "priced_variants", [])
        if v.price_amount is not None
    ]
    if not prices:
        return None, None, currency
    return min(prices), max(prices), currency


def _is_available(product: Any) -> bool:
    if not hasattr(product, "available_from"):
        return False
    return product_is_available_for_purchase(product)


ProductCountableConnection = connection_type("Product", Product)
