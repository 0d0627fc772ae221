"""What a product listing query selects, as the catalogue selectors' arguments.

The catalogue selectors are the one home of the listing read path; this module
only reads the GraphQL selection and asks them for the annotations and
prefetches it needs, so a query that shows no price range runs no price
subquery and one that shows no thumbnail reads no media.
"""

from typing import Any

from django.db.models import QuerySet

from storefront.catalogue.selectors import (
    CARD_FIELDS,
    ListingFields,
    product_list_prefetch,
)
from storefront.channels.models import Channel

VARIANT_FIELDS = {"productVariants", "variants"}
ATTRIBUTE_FIELDS = {"assignedAttribute", "assignedAttributes", "attributes"}
# Products have no `attributes` field: below a listing it is a variant's.
VARIANT_ATTRIBUTE_FIELDS = {"attributes"}
VARIANT_STOCK_FIELDS = {"quantityAvailable"}
AVAILABILITY_FIELDS = {
    "isAvailable",
    "isAvailableForPurchase",
    "availableForPurchaseAt",
}


def listing_fields_for(fields: set[str], *, narrowed: bool) -> ListingFields:
    """The listing annotations a selection shows.

    A filtered or sorted listing gets them all: filters and orderings read the
    price, stock and date annotations.
    """
    if narrowed:
        return CARD_FIELDS
    return ListingFields(
        prices="pricing" in fields,
        thumbnail="thumbnail" in fields,
        stock=False,  # no product field shows it; variants carry their own
        purchase_date=bool(fields & AVAILABILITY_FIELDS),
        category="category" in fields,
    )


def prefetch_for_listing(
    products: QuerySet[Any], *, channel: Channel, fields: set[str]
) -> QuerySet[Any]:
    """Add the prefetches the selected ``fields`` need to a product queryset."""
    return product_list_prefetch(
        products,
        channel=channel,
        variants=bool(fields & VARIANT_FIELDS),
        variant_stock=bool(fields & VARIANT_STOCK_FIELDS),
        variant_attributes=bool(fields & VARIANT_ATTRIBUTE_FIELDS),
        attributes=bool(fields & ATTRIBUTE_FIELDS),
        media="media" in fields,
        product_type="productType" in fields,
    )
