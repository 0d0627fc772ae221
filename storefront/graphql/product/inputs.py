"""Inputs of the product queries: Saleor's `filter`, `where` and `sortBy`."""

import graphene

from storefront.graphql.core.descriptions import deprecated
from storefront.graphql.core.enums import (
    OrderDirection,
    ProductOrderField,
    StockAvailability,
)
from storefront.graphql.core.inputs import (
    ContainsFilterInput,
    DateRangeInput,
    DateTimeFilterInput,
    DateTimeRangeInput,
    DecimalFilterInput,
    GlobalIDFilterInput,
    IntRangeInput,
    MetadataFilter,
    PriceRangeInput,
    StringFilterInput,
)

_USE_VALUE = "Use `value` instead."


class AssignedAttributeReferenceInput(graphene.InputObjectType):
    """Match reference attributes (the shop has none, so these match nothing)."""

    referenced_ids = graphene.InputField(
        ContainsFilterInput, description="Referenced ids."
    )
    page_slugs = graphene.InputField(ContainsFilterInput, description="Page slugs.")
    product_slugs = graphene.InputField(
        ContainsFilterInput, description="Product slugs."
    )
    product_variant_skus = graphene.InputField(
        ContainsFilterInput, description="Variant SKUs."
    )
    category_slugs = graphene.InputField(
        ContainsFilterInput, description="Category slugs."
    )
    collection_slugs = graphene.InputField(
        ContainsFilterInput, description="Collection slugs."
    )


class AssignedAttributeValueInput(graphene.InputObjectType):
    """Match an attribute's value by slug, name or number."""

    slug = graphene.InputField(StringFilterInput, description="Value slug.")
    name = graphene.InputField(StringFilterInput, description="Value name.")
    numeric = graphene.InputField(DecimalFilterInput, description="Numeric value.")
    date = graphene.InputField(
        DateRangeInput, description="Unsupported: matches nothing."
    )
    date_time = graphene.InputField(
        DateTimeRangeInput, description="Unsupported: matches nothing."
    )
    boolean = graphene.Boolean(description="Unsupported: matches nothing.")
    reference = graphene.InputField(
        AssignedAttributeReferenceInput, description="Unsupported: matches nothing."
    )


class AttributeInput(graphene.InputObjectType):
    """Match products having an attribute (by slug) with the given values."""

    slug = graphene.String(description="Attribute slug.")
    value = graphene.InputField(
        AssignedAttributeValueInput, description="Value to match."
    )
    values = graphene.List(
        graphene.NonNull(graphene.String),
        description=deprecated(_USE_VALUE, "Value slugs, any of which matches."),
    )
    values_range = graphene.InputField(
        IntRangeInput, description=deprecated(_USE_VALUE, "Numeric range.")
    )
    date_time = graphene.InputField(
        DateTimeRangeInput, description=deprecated(_USE_VALUE, "Unsupported.")
    )
    date = graphene.InputField(
        DateRangeInput, description=deprecated(_USE_VALUE, "Unsupported.")
    )
    boolean = graphene.Boolean(description=deprecated(_USE_VALUE, "Unsupported."))


class AssignedAttributeWhereInput(graphene.InputObjectType):
    """Match an assigned attribute by slug and value."""

    slug = graphene.String(description="Attribute slug.")
    value = graphene.InputField(
        AssignedAttributeValueInput, description="Value to match."
    )


class ProductStockFilterInput(graphene.InputObjectType):
    """Match products by stock."""

    warehouse_ids = graphene.List(
        graphene.NonNull(graphene.ID), description="Warehouses."
    )
    quantity = graphene.InputField(IntRangeInput, description="Units available.")


_PREORDER = (
    "Preorder is deprecated and will be removed. Model pre-sales with regular stock "
    "instead: create the planned quantity in a warehouse, or set `trackInventory` to "
    "false to sell without a stock limit."
)


class ProductFilterInput(graphene.InputObjectType):
    """The older product filter. Fields the shop cannot honour (gift cards,
    metadata, preorders) match nothing when set to a restricting value."""

    is_published = graphene.Boolean(description="Published in the channel.")
    collections = graphene.List(
        graphene.NonNull(graphene.ID), description="Collection ids."
    )
    categories = graphene.List(
        graphene.NonNull(graphene.ID), description="Category ids."
    )
    has_category = graphene.Boolean(description="Has a category (all products do).")
    attributes = graphene.List(
        graphene.NonNull(AttributeInput), description="Attributes."
    )
    stock_availability = graphene.InputField(
        StockAvailability, description="Stock state."
    )
    stocks = graphene.InputField(ProductStockFilterInput, description="Stock quantity.")
    search = graphene.String(description="Words to search for.")
    metadata = graphene.List(graphene.NonNull(MetadataFilter), description="Metadata.")
    published_from = graphene.DateTime(
        description="Published at or before this moment."
    )
    is_available = graphene.Boolean(description="Available for purchase now.")
    available_from = graphene.DateTime(
        description="Available at or before this moment."
    )
    is_visible_in_listing = graphene.Boolean(description="Shown in listings.")
    price = graphene.InputField(
        PriceRangeInput, description="Some variant's price in range."
    )
    minimal_price = graphene.InputField(
        PriceRangeInput, description="Lowest price in range."
    )
    updated_at = graphene.InputField(
        DateTimeRangeInput, description="Last change in range."
    )
    product_types = graphene.List(
        graphene.NonNull(graphene.ID), description="Type ids."
    )
    gift_card = graphene.Boolean(description="Gift cards (the shop sells none).")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Product ids.")
    has_preordered_variants = graphene.Boolean(
        description=deprecated(_PREORDER, "Preorders (none).")
    )
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Slugs.")
    channel = graphene.String(
        description=deprecated(
            "Use root-level channel argument instead.", "Channel slug."
        ),
    )


class ProductWhereInput(graphene.InputObjectType):
    """The product filter; conditions combine with AND, and `AND`/`OR` nest."""

    metadata = graphene.List(graphene.NonNull(MetadataFilter), description="Metadata.")
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Product ids.")
    name = graphene.InputField(StringFilterInput, description="Name.")
    slug = graphene.InputField(StringFilterInput, description="Slug.")
    product_type = graphene.InputField(
        GlobalIDFilterInput, description="Product type id."
    )
    category = graphene.InputField(GlobalIDFilterInput, description="Category id.")
    collection = graphene.InputField(GlobalIDFilterInput, description="Collection id.")
    is_available = graphene.Boolean(description="Available for purchase now.")
    is_published = graphene.Boolean(description="Published in the channel.")
    is_visible_in_listing = graphene.Boolean(description="Shown in listings.")
    published_from = graphene.DateTime(
        description="Published at or before this moment."
    )
    available_from = graphene.DateTime(
        description="Available at or before this moment."
    )
    has_category = graphene.Boolean(description="Has a category (all products do).")
    price = graphene.InputField(DecimalFilterInput, description="Some variant's price.")
    minimal_price = graphene.InputField(DecimalFilterInput, description="Lowest price.")
    attributes = graphene.List(
        graphene.NonNull(AttributeInput), description="Attributes."
    )
    stock_availability = graphene.InputField(
        StockAvailability, description="Stock state."
    )
    stocks = graphene.InputField(ProductStockFilterInput, description="Stock quantity.")
    gift_card = graphene.Boolean(description="Gift cards (the shop sells none).")
    has_preordered_variants = graphene.Boolean(
        description=deprecated(_PREORDER, "Preorders (none).")
    )
    updated_at = graphene.InputField(DateTimeFilterInput, description="Last change.")
    AND = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput), description="All of these."
    )
    OR = graphene.List(
        graphene.NonNull(lambda: ProductWhereInput), description="Any of these."
    )


class ProductOrder(graphene.InputObjectType):
    """How to sort products."""

    direction = graphene.InputField(
        OrderDirection, required=True, description="Direction."
    )
    channel = graphene.String(
        description=deprecated(
            "Use root-level channel argument instead.", "Channel slug."
        ),
    )
    attribute_id = graphene.ID(
        description="Sort by this attribute's value (unsupported)."
    )
    field = graphene.InputField(ProductOrderField, description="What to sort by.")
