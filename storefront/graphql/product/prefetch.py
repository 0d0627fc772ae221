"""Prefetching for product listings, so a page of any size costs the same queries.

The catalogue selectors return listing rows (prices, thumbnail, stock as
annotations); what a GraphQL client may also ask for per product — variants with
prices and stock, attribute values, media — is prefetched here, once per page, and
only when the query selects it.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, QuerySet, Subquery

from storefront.catalogue.models import (
    AttributeValue,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.channels.models import Channel
from storefront.inventory.selectors import variant_available_expression

VARIANT_FIELDS = {"productVariants", "variants"}
ATTRIBUTE_FIELDS = {"assignedAttribute", "assignedAttributes", "attributes"}


def variants_priced_in(channel: Channel) -> QuerySet[ProductVariant]:
    """Variants priced in the channel with ``price_amount``, ``currency`` and
    ``stock_available`` annotated and their attribute values prefetched."""
    prices = ProductVariantChannelListing.objects.filter(
        channel=channel, variant=OuterRef("pk")
    )
    return (
        ProductVariant.objects.filter(Exists(prices))
        .annotate(
            price_amount=Subquery(prices.values("price_amount")[:1]),
            currency=Subquery(prices.values("currency")[:1]),
            stock_available=variant_available_expression(channel=channel),
        )
        .prefetch_related(
            Prefetch(
                "attribute_values",
                queryset=AttributeValue.objects.select_related("attribute"),
            )
        )
        .order_by("sort_order", "sku")
    )


def prefetch_for_listing(
    products: QuerySet[Any], *, channel: Channel, fields: set[str]
) -> QuerySet[Any]:
    """Add the prefetches the selected ``fields`` need to a product queryset."""
    lookups: list[Any] = []
    if fields & VARIANT_FIELDS:
        lookups.append(
            Prefetch(
                "variants",
                queryset=variants_priced_in(channel),
                to_attr="priced_variants",
            )
        )
    if fields & ATTRIBUTE_FIELDS:
        lookups.append(
            Prefetch(
                "attribute_values",
                queryset=AttributeValue.objects.select_related("attribute"),
            )
        )
    if "media" in fields:
        lookups.append("media")
    if "productType" in fields:
        products = products.select_related("product_type")
    return products.prefetch_related(*lookups) if lookups else products
