"""Turn Saleor's product `filter`/`where`/`sortBy` inputs into queryset narrowing.

Narrowing by attributes and price goes through the catalogue selector
``product_list_filter`` (the same rules as the category pages); the remaining
conditions are plain lookups on the listing queryset.
"""

from decimal import Decimal

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone

from common.graphql.ids import pk_or_none
from storefront.catalogue.models import Category, Product, ProductChannelListing
from storefront.catalogue.selectors import (
    ProductFilters,
    category_descendant_ids,
    product_list_filter,
)
from storefront.channels.models import Channel

NOTHING = Q(pk__in=[])


def _pks(ids: list[str] | None, type_name: str) -> list[str]:
    return [pk for pk in (pk_or_none(i, expected=type_name) for i in ids or []) if pk]


def _string_q(field: str, value: dict | None) -> Q:
    if not value:
        return Q()
    q = Q()
    if value.get("eq") is not None:
        q &= Q(**{field: value["eq"]})
    if value.get("one_of") is not None:
        q &= Q(**{f"{field}__in": value["one_of"]})
    return q


def _decimal_q(field: str, value: dict | None) -> Q:
    if not value:
        return Q()
    q = Q()
    if value.get("eq") is not None:
        q &= Q(**{field: value["eq"]})
    if value.get("one_of") is not None:
        q &= Q(**{f"{field}__in": value["one_of"]})
    bounds = value.get("range") or {}
    if bounds.get("gte") is not None:
        q &= Q(**{f"{field}__gte": bounds["gte"]})
    if bounds.get("lte") is not None:
        q &= Q(**{f"{field}__lte": bounds["lte"]})
    return q


def _range_q(field: str, value: dict | None) -> Q:
    if not value:
        return Q()
    q = Q()
    if value.get("gte") is not None:
        q &= Q(**{f"{field}__gte": value["gte"]})
    if value.get("lte") is not None:
        q &= Q(**{f"{field}__lte": value["lte"]})
    return q


def _global_id_q(field: str, value: dict | None, type_name: str) -> Q:
    if not value:
        return Q()
    ids = [value["eq"]] if value.get("eq") else []
    ids += value.get("one_of") or []
    return Q(**{f"{field}__in": _pks(ids, type_name)})


def _attribute_q(attributes: list[dict] | None) -> tuple[Q, dict[str, tuple[str, ...]]]:
    """Attribute conditions: value slugs go to the selector; numbers become Q."""
    by_slug: dict[str, tuple[str, ...]] = {}
    q = Q()
    for entry in attributes or []:
        slug = entry.get("slug")
        if not slug:
            continue
        value = entry.get("value") or {}
        slugs = list(entry.get("values") or [])
        slug_filter = value.get("slug") or {}
        if slug_filter.get("eq"):
            slugs.append(slug_filter["eq"])
        slugs += slug_filter.get("one_of") or []
        name_filter = value.get("name")
        numeric = value.get("numeric")
        values_range = entry.get("values_range")
        if slugs:
            by_slug[slug] = tuple(sorted(set(slugs)))
        elif name_filter:
            q &= Q(
                Q(attribute_values__attribute__slug=slug)
                & _string_q("attribute_values__name", name_filter)
            ) | Q(
                Q(variants__attribute_values__attribute__slug=slug)
                & _string_q("variants__attribute_values__name", name_filter)
            )
        elif numeric or values_range:
            numeric_q = (
                _decimal_q("attribute_values__numeric_value", numeric)
                if numeric
                else _range_q("attribute_values__numeric_value", values_range)
            )
            q &= Q(attribute_values__attribute__slug=slug) & numeric_q
        elif any(
            entry.get(k) is not None for k in ("date", "date_time", "boolean")
        ) or any(
            value.get(k) is not None
            for k in ("date", "date_time", "boolean", "reference")
        ):
            q &= NOTHING  # the shop has no attributes of these kinds
    return q, by_slug


def _common_q(data: dict, *, channel: Channel) -> Q:
    """Conditions shared by `filter` and `where`."""
    q = Q()
    if data.get("ids") is not None:
        q &= Q(pk__in=_pks(data["ids"], "Product"))
    if data.get("metadata"):
        q &= NOTHING  # products carry no metadata
    if data.get("gift_card"):
        q &= NOTHING
    if data.get("has_preordered_variants"):
        q &= NOTHING
    if data.get("has_category") is False:
        q &= NOTHING  # every product has a category
    now = timezone.now()
    listing = ProductChannelListing.objects.filter(
        channel=channel, product=OuterRef("pk")
    )
    if data.get("is_available") is not None:
        available = Exists(
            listing.filter(
                Q(available_for_purchase_at__isnull=True)
                | Q(available_for_purchase_at__lte=now)
            )
        )
        q &= available if data["is_available"] else ~available
    if data.get("available_from") is not None:
        q &= Exists(
            listing.filter(available_for_purchase_at__lte=data["available_from"])
        )
    if data.get("published_from") is not None:
        q &= Exists(listing.filter(published_at__lte=data["published_from"]))
    if data.get("is_published") is False or data.get("is_visible_in_listing") is False:
        q &= NOTHING  # only published, listed products are served to shoppers
    stock = data.get("stock_availability")
    if stock is not None:
        in_stock = Q(stock_available__gt=0)
        q &= (
            in_stock if str(getattr(stock, "value", stock)) == "in_stock" else ~in_stock
        )
    stocks = data.get("stocks")
    if stocks and stocks.get("quantity"):
        q &= _range_q("stock_available", stocks["quantity"])
    return q


def product_filter_apply(
    products: QuerySet[Product],
    *,
    channel: Channel,
    filter: dict | None = None,
    where: dict | None = None,
) -> QuerySet[Product]:
    """Narrow the channel's listed products by a `filter` and a `where` input."""
    if filter:
        q = _common_q(filter, channel=channel)
        if filter.get("categories") is not None:
            ids: list[int] = []
            for category in Category.objects.filter(
                pk__in=_pks(filter["categories"], "Category")
            ):
                ids += category_descendant_ids(category=category)
            q &= Q(category__in=ids)
        if filter.get("collections") is not None:
            q &= Q(collections__in=_pks(filter["collections"], "Collection"))
        if filter.get("product_types") is not None:
            q &= Q(product_type__in=_pks(filter["product_types"], "ProductType"))
        if filter.get("slugs") is not None:
            q &= Q(slug__in=filter["slugs"])
        if filter.get("updated_at"):
            q &= _range_q("updated_at", filter["updated_at"])
        for key in ("price", "minimal_price"):
            bounds = filter.get(key)
            if bounds:
                low = "price_max" if key == "price" else "price_min"
                if bounds.get("gte") is not None:
                    q &= Q(**{f"{low}__gte": Decimal(str(bounds["gte"]))})
                if bounds.get("lte") is not None:
                    q &= Q(price_min__lte=Decimal(str(bounds["lte"])))
        attribute_q, by_slug = _attribute_q(filter.get("attributes"))
        products = products.filter(q & attribute_q)
        if by_slug:
            products = _by_attribute_slugs(products, by_slug)
        # filter.search is applied by the connection, through the catalogue's
        # search (see resolve_product_connection).
    if where:
        products = products.filter(_where_q(where, channel=channel))
        attribute_slugs = _collect_where_attribute_slugs(where)
        if attribute_slugs:
            products = _by_attribute_slugs(products, attribute_slugs)
    return products.distinct() if _needs_distinct(filter, where) else products


def _needs_distinct(filter: dict | None, where: dict | None) -> bool:
    def joins(data: dict | None) -> bool:
        if not data:
            return False
        if data.get("collections") or data.get("collection"):
            return True
        for entry in data.get("attributes") or []:
            value = entry.get("value") or {}
            if value.get("name") or value.get("numeric") or entry.get("values_range"):
                return True
        return any(joins(sub) for key in ("AND", "OR") for sub in data.get(key) or [])

    return joins(filter) or joins(where)


def _by_attribute_slugs(
    products: QuerySet[Product], by_slug: dict
) -> QuerySet[Product]:
    ordering = products.query.order_by
    filtered = product_list_filter(
        products=products, filters=ProductFilters(attribute_values=by_slug)
    )
    return filtered.order_by(*ordering) if ordering else filtered


def _collect_where_attribute_slugs(where: dict) -> dict[str, tuple[str, ...]]:
    _q, by_slug = _attribute_q(where.get("attributes"))
    return by_slug


def _where_q(where: dict, *, channel: Channel) -> Q:
    q = _common_q(where, channel=channel)
    q &= _string_q("name", where.get("name"))
    q &= _string_q("slug", where.get("slug"))
    q &= _global_id_q("product_type", where.get("product_type"), "ProductType")
    if where.get("category"):
        ids: list[int] = []
        wanted = _global_id_q("pk", where["category"], "Category")
        for category in Category.objects.filter(wanted):
            ids += category_descendant_ids(category=category)
        q &= Q(category__in=ids)
    q &= _global_id_q("collections", where.get("collection"), "Collection")
    q &= _decimal_q("price_min", where.get("minimal_price"))
    price = where.get("price")
    if price:
        # some variant's price matches: the range overlaps [price_min, price_max]
        bounds = price.get("range") or {}
        if bounds.get("gte") is not None:
            q &= Q(price_max__gte=bounds["gte"])
        if bounds.get("lte") is not None:
            q &= Q(price_min__lte=bounds["lte"])
        if price.get("eq") is not None:
            q &= Q(price_min__lte=price["eq"], price_max__gte=price["eq"])
        if price.get("one_of"):
            q &= Q(price_min__in=price["one_of"]) | Q(price_max__in=price["one_of"])
    updated = where.get("updated_at")
    if updated:
        q &= _string_q("updated_at", updated) & _range_q(
            "updated_at", updated.get("range")
        )
    attribute_q, _slugs = _attribute_q(where.get("attributes"))
    q &= attribute_q
    for sub in where.get("AND") or []:
        q &= _where_q(sub, channel=channel)
    if where.get("OR"):
        any_q = Q(pk__in=[])
        for sub in where["OR"]:
            any_q |= _where_q(sub, channel=channel)
        q &= any_q
    return q


SORT_FIELDS: dict[str, tuple[str, ...]] = {
    "name": ("name",),
    "price": ("price_min",),
    "minimal_price": ("price_min",),
    "last_modified": ("updated_at",),
    "last_modified_at": ("updated_at",),
    "date": ("updated_at",),
    "created_at": ("created_at",),
    "type": ("product_type__name",),
    "rating": ("rating",),
    "published": ("available_from",),
    "publication_date": ("available_from",),
    "published_at": ("available_from",),
    "collection": ("name",),
}


def product_sort_apply(
    products: QuerySet[Product], sort_by: dict | None
) -> QuerySet[Product]:
    """Order by Saleor's `ProductOrder`; ties break on name and id (stable cursors)."""
    if not sort_by or not sort_by.get("field"):
        return products
    field = str(getattr(sort_by["field"], "value", sort_by["field"]))
    descending = (
        str(getattr(sort_by.get("direction"), "value", sort_by.get("direction")))
        == "desc"
    )
    if field == "rank":
        if "rank" not in products.query.annotations:
            return products
        columns: tuple[str, ...] = ("rank",)
        descending = not descending  # best match first when ascending, as Saleor
    else:
        columns = SORT_FIELDS.get(field, ("name",))
    ordering = [
        (F(c).desc(nulls_last=True) if descending else F(c).asc(nulls_last=True))
        for c in columns
    ]
    return products.order_by(*ordering, "name", "pk")
