"""Reads of the catalogue for shopper pages: listings, filters, categories, detail.

Search results are read in ``storefront.catalogue.search_results``."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import cached_property
from typing import Any, TypeVar, overload

from django.core.paginator import Page
from django.db.models import (
    Case,
    Count,
    DecimalField,
    Exists,
    F,
    IntegerField,
    Max,
    Min,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.http import QueryDict
from django.utils import timezone

from common import page_cache, request_reads
from compliance.rules import rules_load
from storefront.catalogue.availability import product_classes_sellable
from storefront.catalogue.models import (
    Attribute,
    AttributeValue,
    Category,
    ListingCount,
    Product,
    ProductChannelListing,
    ProductMedia,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.catalogue.paging import CountedPaginator, count_bounded
from storefront.channels.models import Channel
from storefront.inventory.selectors import (
    UNTRACKED_AVAILABLE,
    stock_available_subquery,
    variant_available_expression,
)

_T = TypeVar("_T")

PAGE_SIZE = 24
RELATED_LIMIT = 4


class Sort:
    NAME = "name"
    PRICE_ASC = "price"
    PRICE_DESC = "-price"
    NEWEST = "newest"

    CHOICES = (
        (NAME, "Name"),
        (PRICE_ASC, "Price, low to high"),
        (PRICE_DESC, "Price, high to low"),
        (NEWEST, "Newest"),
    )
    ORDERING = {
        NAME: ("name", "pk"),
        PRICE_ASC: ("price_min", "name", "pk"),
        PRICE_DESC: ("-price_max", "name", "pk"),
        NEWEST: ("-created_at", "pk"),
    }


@dataclass(frozen=True)
class ProductFilters:
    """What a shopper narrowed a category page to."""

    attribute_values: dict[str, tuple[str, ...]] = field(default_factory=dict)
    price_min: Decimal | None = None
    price_max: Decimal | None = None
    sort: str = Sort.NAME

    @property
    def narrows(self) -> bool:
        """Whether these filters leave out any product (a sort leaves out none)."""
        return bool(
            self.attribute_values
            or self.price_min is not None
            or self.price_max is not None
        )

    @classmethod
    def from_querydict(cls, data: QueryDict) -> "ProductFilters":
        """Parse ``?a-form=capsule&a-form=powder&price_min=10&sort=price``.

        Unknown sorts and amounts that are not numbers are ignored rather than
        failing the page.
        """
        getlist = data.getlist
        values: dict[str, tuple[str, ...]] = {}
        for key in data:
            if key.startswith("a-"):
                chosen = tuple(sorted({v for v in getlist(key) if v}))
                if chosen:
                    values[key[2:]] = chosen
        sort = data.get("sort") or Sort.NAME
        return cls(
            attribute_values=values,
            price_min=_decimal_or_none(data.get("price_min")),
            price_max=_decimal_or_none(data.get("price_max")),
            sort=sort if sort in Sort.ORDERING else Sort.NAME,
        )


def _decimal_or_none(raw: str | None) -> Decimal | None:
    if not raw:
        return None
    try:
        value = Decimal(raw.strip())
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() and value >= 0 else None


def _visible_listing_q(channel: Channel) -> Q:
    now = timezone.now()
    return Q(channel=channel, is_published=True) & (
        Q(published_at__isnull=True) | Q(published_at__lte=now)
    )


# What makes a channel list a product, besides its publication date having come:
# a listing published and shown in listings, and a variant priced in the channel.
# ``product_list_for_channel`` applies it to products, the counts below to
# listings; tests compare the two after every kind of change.
_LISTED = Q(is_published=True, visible_in_listings=True)


def product_available_expression(*, channel: Channel) -> Case:
    """An expression on products: units free to sell over their channel variants.

    A product with any variant priced in the channel that does not track inventory
    counts as ``UNTRACKED_AVAILABLE``: it never runs out.
    """
    untracked = ProductVariantChannelListing.objects.filter(
        channel=channel,
        variant__product=OuterRef("pk"),
        variant__track_inventory=False,
    )
    return Case(
        When(Exists(untracked), then=Value(UNTRACKED_AVAILABLE)),
        default=stock_available_subquery(
            channel=channel, outer_field="product_variant__product"
        ),
        output_field=IntegerField(),
    )


@dataclass(frozen=True)
class ListingFields:
    """What a caller shows of each listed product beyond its own columns.

    Each costs a correlated subquery (or a join) per row, so a caller that does
    not show prices, pictures, stock or the purchase date asks for none of them.
    Filtering or sorting by price, stock or date needs those annotations too.
    """

    prices: bool = True
    thumbnail: bool = True
    stock: bool = True
    purchase_date: bool = True
    category: bool = True


CARD_FIELDS = ListingFields()
"""Everything a product card shows: the pages' listings ask for all of it."""


def product_list_for_channel(
    *, channel: Channel, fields: ListingFields = CARD_FIELDS
) -> QuerySet[Product]:
    """Products a shopper in the channel may see in listings, ready for cards.

    With the default ``fields`` each product carries ``price_min``/``price_max``
    (its variants' prices in the channel), ``thumbnail`` and ``image`` (paths of
    the first media), ``stock_available`` (over the channel's warehouses;
    untracked products never run out) and ``available_from`` (when it can be
    bought), and its category is joined; ``fields`` leaves out what a caller does
    not show. The whole list is one query whatever its length.
    """
    listings = ProductChannelListing.objects.filter(
        _visible_listing_q(channel), _LISTED, product=OuterRef("pk")
    )
    prices = (
        ProductVariantChannelListing.objects.filter(
            channel=channel, variant__product=OuterRef("pk")
        )
        .order_by()
        .values("variant__product")
    )
    products = Product.objects.filter(Exists(listings), Exists(prices))
    if fields.category:
        products = products.select_related("category")
    annotations: dict[str, Any] = {}
    if fields.prices:
        money = DecimalField(max_digits=12, decimal_places=2)
        annotations["price_min"] = Subquery(
            prices.annotate(v=Min("price_amount")).values("v"), output_field=money
        )
        annotations["price_max"] = Subquery(
            prices.annotate(v=Max("price_amount")).values("v"), output_field=money
        )
    if fields.thumbnail:
        first_media = ProductMedia.objects.filter(product=OuterRef("pk")).order_by(
            "sort_order", "pk"
        )
        annotations["thumbnail"] = Subquery(first_media.values("thumbnail")[:1])
        annotations["image"] = Subquery(first_media.values("image")[:1])
        annotations["image_alt"] = Subquery(first_media.values("alt")[:1])
    if fields.stock:
        annotations["stock_available"] = product_available_expression(channel=channel)
    if fields.purchase_date:
        annotations["available_from"] = Subquery(
            listings.values("available_for_purchase_at")[:1]
        )
    return products.annotate(**annotations).order_by("name", "pk")


def variants_priced_in(
    *, channel: Channel, stock: bool = True, attributes: bool = True
) -> QuerySet[ProductVariant]:
    """Variants priced in the channel with ``price_amount``, ``currency`` and
    ``stock_available`` annotated and their attribute values prefetched: what a
    product page and the API's variant fields show.

    A caller that shows no unit counts or no variant attributes leaves out
    ``stock`` (a correlated subquery per variant) or ``attributes`` (a query).
    """
    prices = ProductVariantChannelListing.objects.filter(
        channel=channel, variant=OuterRef("pk")
    )
    annotations: dict[str, Any] = {
        "price_amount": Subquery(prices.values("price_amount")[:1]),
        "currency": Subquery(prices.values("currency")[:1]),
    }
    if stock:
        annotations["stock_available"] = variant_available_expression(channel=channel)
    variants = ProductVariant.objects.filter(Exists(prices)).annotate(**annotations)
    if attributes:
        variants = variants.prefetch_related(
            Prefetch(
                "attribute_values",
                queryset=AttributeValue.objects.select_related("attribute"),
            )
        )
    return variants.order_by("sort_order", "sku")


def product_list_prefetch(
    products: QuerySet[Product],
    *,
    channel: Channel,
    variants: bool = False,
    variant_stock: bool = True,
    variant_attributes: bool = True,
    attributes: bool = False,
    media: bool = False,
    product_type: bool = False,
) -> QuerySet[Product]:
    """Load what is shown per product of a listing once per page, not per row.

    ``variants`` become ``product.priced_variants`` (see ``variants_priced_in``,
    which ``variant_stock`` and ``variant_attributes`` are passed to as ``stock``
    and ``attributes``); attribute values, media and the product type come when
    asked.
    """
    lookups: list[Any] = []
    if variants:
        lookups.append(
            Prefetch(
                "variants",
                queryset=variants_priced_in(
                    channel=channel,
                    stock=variant_stock,
                    attributes=variant_attributes,
                ),
                to_attr="priced_variants",
            )
        )
    if attributes:
        lookups.append(
            Prefetch(
                "attribute_values",
                queryset=AttributeValue.objects.select_related("attribute"),
            )
        )
    if media:
        lookups.append("media")
    if product_type:
        products = products.select_related("product_type")
    return products.prefetch_related(*lookups) if lookups else products


ProductsSource = QuerySet[Product] | Callable[[], QuerySet[Product]]
"""A listing's products, or how to build their queryset: a caller whose rows are
mostly read from the cache passes a builder, so that the query is built only
when the rows or the count have to be read from the database."""


def products_resolve(source: ProductsSource) -> QuerySet[Product]:
    """The products of ``source``, built if it is a builder."""
    return source if isinstance(source, QuerySet) else source()


def catalogue_read_once(parts: Iterable[object], compute: Callable[[], _T]) -> _T:
    """``compute()``'s answer, read once per catalogue generation for ``parts``,
    which must name everything the answer depends on.

    For reads whose answer changes only when the catalogue does: every catalogue
    write moves the page generation on (``common.page_cache.generation_cached``).
    """
    return page_cache.generation_cached(
        namespace="catalogue", key_parts=parts, compute=compute
    )


def product_list_count(
    *,
    products: ProductsSource,
    channel: Channel,
    key_parts: Iterable[object],
    listed: bool = False,
    category: Category | None = None,
) -> int:
    """How many products a listing holds, counted once per catalogue generation.

    Counting every visible product of a large catalogue costs more than reading a
    page of it, and the number changes only when the catalogue does.
    ``key_parts`` must name everything that narrows ``products`` besides the
    channel. ``listed`` says that ``products`` is the channel's whole listing (in
    ``category`` and below, if given) narrowed by nothing else: its total is then
    read from the stored counts (``product_count_listed``), not counted.
    """

    def compute() -> int:
        if listed:
            return product_count_listed(channel=channel, category=category)
        return products_resolve(products).count()

    return int(catalogue_read_once(("count", channel.pk, listed, *key_parts), compute))


def listings_listed(**lookups: Any) -> QuerySet[ProductChannelListing]:
    """The listings that make their channel list their product (``lookups``
    narrowing them), publication dates still ahead included: what the stored
    counts and the search entries hold."""
    priced = ProductVariantChannelListing.objects.filter(
        channel=OuterRef("channel"), variant__product=OuterRef("product")
    )
    return ProductChannelListing.objects.filter(_LISTED, Exists(priced), **lookups)


def product_counts_listed_per_category(
    *, category_ids: Sequence[int]
) -> dict[tuple[int, int], int]:
    """How many products each channel lists in each of these categories (not below
    them), as ``{(channel id, category id): products}``, publication dates ahead
    included; pairs listing nothing are left out. One grouped query.

    The live count that ``ListingCount`` stores; it reads every listing of the
    categories, so it is for the writes that refresh the store, not for pages.
    """
    rows = (
        listings_listed(product__category_id__in=list(category_ids))
        .order_by()
        .values_list("channel_id", "product__category_id")
        .annotate(products=Count("pk"))
    )
    return {(channel, category): products for channel, category, products in rows}


def product_count_listed(*, channel: Channel, category: Category | None = None) -> int:
    """How many products the channel lists (in ``category`` and below, if given):
    what ``product_list_for_channel`` (or ``product_list_for_category`` unfiltered)
    would count, read from ``ListingCount`` in one query.

    The stored counts include products whose publication date is still ahead;
    those few are found through their index and taken off, so a date that passes
    shows without any write.
    """
    stored = ListingCount.objects.filter(channel=channel)
    scheduled = listings_listed(channel=channel, published_at__gt=timezone.now())
    if category is not None:
        ids = category_descendant_ids(category=category)
        stored = stored.filter(category_id__in=ids)
        scheduled = scheduled.filter(product__category_id__in=ids)
    ahead = scheduled.order_by().values("channel").annotate(n=Count("pk")).values("n")
    total = stored.aggregate(
        n=Coalesce(Sum("listed"), 0) - Coalesce(Subquery(ahead), 0)
    )["n"]
    return int(total or 0)


def _slice_key(
    kind: str,
    channel: Channel,
    key_parts: Iterable[object],
    start: int,
    stop: int | None,
    unit_counts: bool,
) -> tuple[object, ...]:
    parts: tuple[object, ...] = (kind, channel.pk, *key_parts, start, stop)
    # Rows that carry exact unit counts change with every stock write.
    return (*parts, page_cache.stock_generation()) if unit_counts else parts


def product_list_slice(
    *,
    products: ProductsSource,
    channel: Channel,
    key_parts: Iterable[object],
    start: int,
    stop: int | None,
    unit_counts: bool,
) -> list[Product]:
    """Rows ``start:stop`` of a listing with their prefetches, read once per
    catalogue generation, and per stock generation too when ``unit_counts``
    (the rows carry exact unit counts that every stock write changes).

    ``key_parts`` must name everything that narrows, orders, annotates or
    prefetches ``products`` besides the channel; ``products`` may be their builder.
    """
    parts = _slice_key("slice", channel, key_parts, start, stop, unit_counts)
    return catalogue_read_once(
        parts, lambda: list(products_resolve(products)[start:stop])
    )


def product_list_slice_counted(
    *,
    products: ProductsSource,
    channel: Channel,
    key_parts: Iterable[object],
    start: int,
    stop: int | None,
    unit_counts: bool,
    count: Callable[[], int],
) -> tuple[list[Product], int]:
    """``product_list_slice`` and the listing's total, stored together for a
    caller that shows both, so that they are one read of the cache.

    ``count`` gives the total when the pair is not stored (``product_list_count``
    of the same listing, itself read once per catalogue generation);
    ``key_parts`` must also name everything that narrows that count.
    """
    parts = _slice_key("counted slice", channel, key_parts, start, stop, unit_counts)
    rows, total = catalogue_read_once(
        parts, lambda: (list(products_resolve(products)[start:stop]), count())
    )
    return rows, total


class ProductListing(Sequence[Product]):
    """A listing as a paginator reads it: its count and its slices, each read once
    per catalogue generation (``product_list_count``, ``product_list_slice``).

    ``key_parts`` must name everything that narrows or orders ``products``
    besides the channel; the rows are cards, which show no unit counts.
    ``products`` is built only when a count or a slice is not cached.
    """

    def __init__(
        self,
        *,
        products: ProductsSource,
        channel: Channel,
        key_parts: Iterable[object],
    ) -> None:
        self._source = products
        self._channel = channel
        self._key_parts = tuple(key_parts)

    @cached_property
    def _products(self) -> QuerySet[Product]:
        return products_resolve(self._source)

    def count(self, value: object = None) -> int:
        """How many products the listing holds (the paginator asks)."""
        return product_list_count(
            products=self._products, channel=self._channel, key_parts=self._key_parts
        )

    def __len__(self) -> int:
        return self.count()

    @overload
    def __getitem__(self, index: int) -> Product: ...

    @overload
    def __getitem__(self, index: slice) -> list[Product]: ...

    def __getitem__(self, index: int | slice) -> Product | list[Product]:
        if isinstance(index, slice):
            if index.step not in (None, 1):
                raise ValueError("Listings are read in contiguous slices.")
            start, stop = index.start or 0, index.stop
        else:
            start, stop = index, index + 1
        rows = product_list_slice(
            products=lambda: self._products,
            channel=self._channel,
            key_parts=("rows", *self._key_parts),
            start=start,
            stop=stop,
            unit_counts=False,
        )
        return rows if isinstance(index, slice) else rows[0]


FEATURED_COLLECTION_SLUG = "featured-products"
"""The slug Saleor's demo data and storefront use for the home page's collection."""


def product_list_featured(*, channel: Channel, limit: int = 8) -> list[Product]:
    """Products for the home page: the featured collection, else the newest; once
    per catalogue generation (collections are edited through staff forms that
    move it on, and cards show only the stock state)."""
    return catalogue_read_once(
        ("featured", channel.pk, limit),
        lambda: _product_list_featured(channel=channel, limit=limit),
    )


def _product_list_featured(*, channel: Channel, limit: int) -> list[Product]:
    products = product_list_for_channel(channel=channel)
    featured = list(
        products.filter(
            collections__slug=FEATURED_COLLECTION_SLUG,
            collections__is_published=True,
        ).order_by("name", "pk")[:limit]
    )
    return featured or list(products.order_by("-created_at", "pk")[:limit])


def product_list_for_category(
    *, channel: Channel, category: Category, filters: ProductFilters
) -> QuerySet[Product]:
    """The category's (and its subcategories') products, filtered and sorted."""
    products = product_list_for_channel(channel=channel).filter(
        category__in=category_descendant_ids(category=category)
    )
    return product_list_filter(products=products, filters=filters)


def product_list_page_for_category(
    *,
    products: ProductsSource,
    channel: Channel,
    category: Category,
    filters: ProductFilters,
    page_number: str | int | None,
) -> Page[Product]:
    """The page of a category's listing (``product_list_for_category``'s
    ``products`` with these ``filters``) that ``page_number`` asks for, the last
    when it is past the end, the first when it is not a number.

    The total is read from the stored counts when the filters narrow nothing, and
    counted up to ``paging.COUNT_BOUND`` otherwise; the total and the rows are
    each read once per catalogue generation (``ProductListing``); ``products``
    may be the builder of that list (``ProductsSource``), called only when one of
    them is not cached.
    """
    key_parts = ("category", category.pk, filters)
    if filters.narrows:
        count, capped = catalogue_read_once(
            ("bounded count", channel.pk, *key_parts),
            lambda: count_bounded(products_resolve(products)),
        )
    else:
        # Read from the stored counts: the products are not needed.
        count = product_list_count(
            products=Product.objects.none(),
            channel=channel,
            key_parts=key_parts,
            listed=True,
            category=category,
        )
        capped = False
    # The rows are read once per catalogue generation, whatever the page's address.
    rows = ProductListing(products=products, channel=channel, key_parts=key_parts)
    paginator = CountedPaginator(rows, PAGE_SIZE, count=count, capped=capped)
    return paginator.get_page(page_number)


def product_list_filter(
    *, products: QuerySet[Product], filters: ProductFilters
) -> QuerySet[Product]:
    """Narrow by attribute values (any within an attribute, all across) and price."""
    through_p = Product.attribute_values.through
    through_v = ProductVariant.attribute_values.through
    for attribute_slug, value_slugs in filters.attribute_values.items():
        on_product = through_p.objects.filter(
            product_id=OuterRef("pk"),
            attributevalue__attribute__slug=attribute_slug,
            attributevalue__slug__in=value_slugs,
        )
        on_variant = through_v.objects.filter(
            productvariant__product_id=OuterRef("pk"),
            attributevalue__attribute__slug=attribute_slug,
            attributevalue__slug__in=value_slugs,
        )
        products = products.filter(Exists(on_product) | Exists(on_variant))
    # price_min and price_max are annotations of product_list_for_channel.
    if filters.price_min is not None:
        products = products.filter(price_max__gte=filters.price_min)  # type: ignore[misc]
    if filters.price_max is not None:
        products = products.filter(price_min__lte=filters.price_max)  # type: ignore[misc]
    return products.order_by(*Sort.ORDERING[filters.sort])


def category_descendant_ids(*, category: Category) -> list[int]:
    """The category and every category below it (one query, once per request and
    catalogue generation: a category page's reads each ask for them)."""
    ids = request_reads.once(
        f"category descendants:{page_cache.page_generation()}:{category.pk}",
        lambda: tuple(_category_descendant_ids(category=category)),
    )
    return list(ids)


def _category_descendant_ids(*, category: Category) -> list[int]:
    pairs = list(Category.objects.values_list("pk", "parent_id"))
    ids, frontier = [category.pk], [category.pk]
    while frontier:
        frontier = [pk for pk, parent in pairs if parent in frontier]
        ids.extend(frontier)
    return ids


@dataclass(frozen=True)
class AttributeFacet:
    attribute: Attribute
    values: tuple[AttributeValue, ...]


def attribute_facets_for_products(
    *, products: QuerySet[Product]
) -> list[AttributeFacet]:
    """Filterable attributes and the values that the given products carry (1 query).

    Each value is tested with two EXISTS (on a product, on a variant) rather than
    joined through both with OR and de-duplicated: the join grew with the category,
    the EXISTS stop at the first product found.
    """
    ids = products.order_by().values("pk")
    on_product = Product.attribute_values.through.objects.filter(
        attributevalue_id=OuterRef("pk"), product_id__in=ids
    )
    on_variant = ProductVariant.attribute_values.through.objects.filter(
        attributevalue_id=OuterRef("pk"), productvariant__product_id__in=ids
    )
    values = (
        AttributeValue.objects.filter(attribute__filterable_in_storefront=True)
        .filter(Exists(on_product) | Exists(on_variant))
        .select_related("attribute")
        .order_by(
            "attribute__name",
            "attribute__pk",
            "sort_order",
            F("numeric_value").asc(nulls_last=True),
            "name",
            "pk",
        )
    )
    facets: dict[int, list[AttributeValue]] = {}
    attributes: dict[int, Attribute] = {}
    for value in values:
        attributes[value.attribute_id] = value.attribute
        facets.setdefault(value.attribute_id, []).append(value)
    return [AttributeFacet(attributes[pk], tuple(vals)) for pk, vals in facets.items()]


def product_classes_present(
    *, products: QuerySet[Product], among: Sequence[str]
) -> list[str]:
    """Which of the ``among`` regulated classes occur in ``products`` (1 query, none
    when ``among`` is empty); only rows of those classes are read."""
    if not among:
        return []
    return list(
        products.filter(regulated_class__in=among)
        .order_by()
        .values_list("regulated_class", flat=True)
        .distinct()
    )


def product_list_has_any_class(
    *, products: QuerySet[Product], among: Iterable[str]
) -> bool:
    """Whether any of ``products`` is of one of the ``among`` regulated classes."""
    return products.filter(regulated_class__in=list(among)).exists()


def category_list_top() -> QuerySet[Category]:
    """Top-level categories in their display order."""
    return Category.objects.filter(parent__isnull=True).order_by("sort_order", "name")


def category_list_top_for_region(*, channel: Channel, region: str) -> list[Category]:
    """Top-level categories holding something a shopper in the region may buy.

    A category counts when it, or a category below it, has a product listed in the
    channel whose regulated class the region does not prohibit; the others are not
    promoted there. Three queries whatever the number of categories, once per
    catalogue generation (the answer changes only with the catalogue or the
    rules, whose version is part of the key).
    """
    return catalogue_read_once(
        ("tops", channel.pk, region, rules_load().version),
        lambda: _category_list_top_for_region(channel=channel, region=region),
    )


def _category_list_top_for_region(*, channel: Channel, region: str) -> list[Category]:
    pairs = list(
        product_list_for_channel(channel=channel)
        .order_by()
        .values_list("category_id", "regulated_class")
        .distinct()
    )
    sellable = product_classes_sellable(
        product_classes=(cls for _, cls in pairs), region=region
    )
    parents = dict(Category.objects.values_list("pk", "parent_id"))
    tops = set()
    for category_id, product_class in pairs:
        if product_class not in sellable:
            continue
        node, seen = category_id, set()
        while parents.get(node) is not None and node not in seen:
            seen.add(node)
            node = parents[node]
        tops.add(node)
    return [category for category in category_list_top() if category.pk in tops]


def category_get(*, slug: str) -> Category | None:
    return Category.objects.select_related("parent").filter(slug=slug).first()


@dataclass(frozen=True)
class CategoryShelf:
    """What a category page shows of a category in a channel besides its page of
    products: the category and the filters its listed products offer."""

    category: Category
    facets: tuple[AttributeFacet, ...]


def category_shelf_for_channel(*, slug: str, channel: Channel) -> CategoryShelf | None:
    """The category of ``slug`` and its facets in the channel (``None`` when there is
    no such category): three queries, once per catalogue generation (staff edits
    of categories and attributes move it on, as product writes do)."""
    return catalogue_read_once(
        ("category shelf", slug, channel.pk),
        lambda: _category_shelf_for_channel(slug=slug, channel=channel),
    )


def _category_shelf_for_channel(*, slug: str, channel: Channel) -> CategoryShelf | None:
    category = category_get(slug=slug)
    if category is None:
        return None
    products = product_list_for_category(
        channel=channel, category=category, filters=ProductFilters()
    )
    return CategoryShelf(
        category=category,
        facets=tuple(attribute_facets_for_products(products=products)),
    )


@dataclass(frozen=True)
class CategoryClasses:
    """What the regulated classes a category lists mean in one region."""

    gated: tuple[str, ...]
    """The classes with a minimum age there that the category lists."""
    sellable: bool
    """Whether the category lists anything the region allows."""


def category_classes_for_region(
    *,
    category: Category,
    channel: Channel,
    restricted: Sequence[str],
    sellable: Iterable[str],
) -> CategoryClasses:
    """Which of the ``restricted`` classes (those with a minimum age in the
    visitor's region) the channel lists in the category and below, and whether it
    lists anything of the ``sellable`` classes (those the region allows): three
    queries, once per catalogue generation for the classes given, which regions
    with the same rules share."""
    restricted = sorted(restricted)
    sellable = sorted(sellable)

    def compute() -> CategoryClasses:
        products = product_list_for_category(
            channel=channel, category=category, filters=ProductFilters()
        )
        return CategoryClasses(
            gated=tuple(
                sorted(product_classes_present(products=products, among=restricted))
            ),
            sellable=product_list_has_any_class(products=products, among=sellable),
        )

    return catalogue_read_once(
        ("category classes", category.pk, channel.pk, restricted, sellable),
        compute,
    )


def product_get_for_channel(*, slug: str, channel: Channel) -> Product | None:
    """A product published in the channel, with what its page shows.

    ``product.priced_variants`` lists the variants priced in the channel, each with
    ``price_amount``, ``currency`` and ``stock_available``; media, attribute values
    and the category come prefetched. Five queries, once per catalogue and stock
    generation: the exact unit counts move with every stock write.
    """
    return catalogue_read_once(
        ("product", slug, channel.pk, page_cache.stock_generation()),
        lambda: _product_get_for_channel(slug=slug, channel=channel),
    )


def _product_get_for_channel(*, slug: str, channel: Channel) -> Product | None:
    listing = ProductChannelListing.objects.filter(
        _visible_listing_q(channel), product=OuterRef("pk")
    )
    return (
        Product.objects.filter(Exists(listing), slug=slug)
        .annotate(
            available_from=Subquery(listing.values("available_for_purchase_at")[:1])
        )
        .select_related("category", "product_type")
        .prefetch_related(
            "media",
            Prefetch(
                "attribute_values",
                queryset=AttributeValue.objects.select_related("attribute"),
            ),
            Prefetch(
                "variants",
                queryset=variants_priced_in(channel=channel),
                to_attr="priced_variants",
            ),
        )
        .first()
    )


def product_list_related(*, product: Product, channel: Channel) -> list[Product]:
    """Other listed products of the same category (at most four), once per
    catalogue generation (cards show the stock state, which moves it on)."""
    return catalogue_read_once(
        ("related", product.pk, product.category_id, channel.pk),
        lambda: list(
            product_list_for_channel(channel=channel)
            .filter(category_id=product.category_id)
            .exclude(pk=product.pk)
            .order_by("name", "pk")[:RELATED_LIMIT]
        ),
    )


def product_is_available_for_purchase(product: Product) -> bool:
    """Whether the product's ``available_from`` annotation allows buying now."""
    available_from = getattr(product, "available_from", None)
    return available_from is None or available_from <= timezone.now()


def product_first_images(*, product_ids: Iterable[int]) -> dict[int, tuple[str, str]]:
    """The first picture of each product as (stored path, alt text), for thumbnails
    beside cart and order lines. One query; none for an empty list."""
    ids = set(product_ids)
    if not ids:
        return {}
    found: dict[int, tuple[str, str]] = {}
    rows = (
        ProductMedia.objects.filter(product_id__in=ids)
        .order_by("product_id", "sort_order", "pk")
        .values_list("product_id", "image", "alt")
    )
    for product_id, image, alt in rows:
        found.setdefault(product_id, (image, alt))
    return found


VARIANT_SELECTION_INPUT_TYPES = frozenset(
    {Attribute.InputType.DROPDOWN, Attribute.InputType.NUMERIC}
)


def attribute_in_variant_selection(attribute: Attribute) -> bool:
    """Whether a variant attribute is one a shopper picks a variant by.

    Saleor's rule: only attributes whose values are chosen from a set (a list or
    a number) distinguish variants; free text describes a variant and is not
    offered as a choice.
    """
    return attribute.input_type in VARIANT_SELECTION_INPUT_TYPES
