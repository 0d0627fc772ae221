"""Catalogue queries: products, product, productVariant, categories, category,
collection."""

from collections.abc import Callable, Sequence
from typing import Any, overload

import graphene
from django.db.models import Q, QuerySet
from graphql import GraphQLError

from common import page_cache
from common.graphql.connection import paginate
from common.graphql.ids import pk_from_global_id
from storefront.catalogue.models import Category as CategoryModel
from storefront.catalogue.models import Collection as CollectionModel
from storefront.catalogue.models import Product as ProductModel
from storefront.catalogue.models import ProductVariant as VariantModel
from storefront.catalogue.search_results import product_search, product_search_slice
from storefront.catalogue.selectors import (
    category_descendant_ids,
    category_get,
    product_get_for_channel,
    product_list_count,
    product_list_for_channel,
    product_list_slice,
    product_list_slice_counted,
)
from storefront.graphql.core.context import (
    requested_fields,
    resolve_channel,
    with_channel,
)
from storefront.graphql.core.descriptions import deprecated
from storefront.graphql.core.enums import LanguageCodeEnum
from storefront.graphql.core.inputs import DateTimeRangeInput, MetadataFilter
from storefront.graphql.product.categories import (
    Category,
    CategoryCountableConnection,
    Collection,
)
from storefront.graphql.product.filtering import (
    product_filter_apply,
    product_sort_apply,
)
from storefront.graphql.product.inputs import (
    ProductFilterInput,
    ProductOrder,
    ProductWhereInput,
)
from storefront.graphql.product.prefetch import (
    VARIANT_STOCK_FIELDS,
    listing_fields_for,
    prefetch_for_listing,
)
from storefront.graphql.product.types import (
    Product,
    ProductCountableConnection,
    ProductVariant,
)


class CategoryFilterInput(graphene.InputObjectType):
    """Narrow the category list."""

    search = graphene.String(description="Words in the name, slug or description.")
    metadata = graphene.List(
        graphene.NonNull(MetadataFilter), description="Categories carry no metadata."
    )
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Category ids.")
    slugs = graphene.List(graphene.NonNull(graphene.String), description="Slugs.")
    updated_at = graphene.InputField(
        DateTimeRangeInput, description="Categories keep no change date; ignored."
    )


def resolve_product_connection(
    info: Any,
    *,
    channel_slug: str | None,
    category: CategoryModel | None = None,
    collection: CollectionModel | None = None,
    filter: dict | None = None,
    where: dict | None = None,
    sort_by: dict | None = None,
    search: str | None = None,
    first: int | None = None,
    last: int | None = None,
    before: str | None = None,
    after: str | None = None,
) -> Any:
    """A page of the channel's listed products, narrowed, sorted and prefetched."""
    if not channel_slug and filter and filter.get("channel"):
        channel_slug = filter["channel"]
    if not channel_slug and sort_by and sort_by.get("channel"):
        channel_slug = sort_by["channel"]
    channel = resolve_channel(info, channel_slug)
    edge_fields = requested_fields(info)
    narrowing = {key for key, value in (filter or {}).items() if value is not None} - {
        "search",
        "channel",
    }
    shown = listing_fields_for(
        edge_fields, narrowed=bool(narrowing or where or sort_by)
    )
    # `search` and Saleor's older `filter: {search}` are one search, the search
    # page's: every word must match, misspellings corrected from the catalogue.
    words = " ".join(
        text.strip() for text in (search, (filter or {}).get("search")) if text
    )
    built: list[QuerySet[Any]] = []

    def products() -> QuerySet[Any]:
        # Built only when the rows or the count are not in the catalogue cache:
        # building and compiling the query costs more than reading stored rows.
        if built:
            return built[0]
        if words:
            listing = product_search(channel=channel, query=words, fields=shown)
        else:
            listing = product_list_for_channel(channel=channel, fields=shown)
        if category is not None:
            listing = listing.filter(
                category__in=category_descendant_ids(category=category)
            )
        if collection is not None:
            listing = listing.filter(collections=collection)
        listing = product_filter_apply(
            listing, channel=channel, filter=filter, where=where
        )
        listing = product_sort_apply(listing, sort_by)
        built.append(prefetch_for_listing(listing, channel=channel, fields=edge_fields))
        return built[0]

    def attach(rows: list[Any]) -> list[Any]:
        return [with_channel(row, channel) for row in rows]

    narrowed_by = (
        "api",
        words,
        category.pk if category is not None else None,
        collection.pk if collection is not None else None,
        filter,
        where,
    )

    totals: list[int] = []

    def count() -> int:
        if totals:
            return totals[0]
        return product_list_count(
            products=products,
            channel=channel,
            key_parts=narrowed_by,
            listed=not (words or collection is not None or narrowing or where),
            category=category,
        )

    rows_key = (*narrowed_by, sort_by, shown, sorted(edge_fields))
    unit_counts = bool(edge_fields & VARIANT_STOCK_FIELDS)
    # A page that shows its total reads the rows and the total in one go.
    counted = "totalCount" in requested_fields(info, deep=False)

    def rows(start: int, stop: int | None) -> list[Any]:
        if not counted:
            return product_list_slice(
                products=products,
                channel=channel,
                key_parts=rows_key,
                start=start,
                stop=stop,
                unit_counts=unit_counts,
            )
        page, total = product_list_slice_counted(
            products=products,
            channel=channel,
            key_parts=rows_key,
            start=start,
            stop=stop,
            unit_counts=unit_counts,
            count=count,
        )
        totals[:] = [total]
        return page

    page_rows, page_count = rows, count
    if words and not (category or collection or narrowing or where or sort_by):
        # A search narrowed by nothing else is paged from the search's own
        # ranking, which ranks a bounded number of matches and counts them all.
        def listed() -> QuerySet[Any]:
            return prefetch_for_listing(
                product_list_for_channel(channel=channel, fields=shown),
                channel=channel,
                fields=edge_fields,
            )

        def search_rows(start: int, stop: int | None) -> list[Any]:
            page, total = product_search_slice(
                products=listed,
                channel=channel,
                query=words,
                start=start,
                stop=stop,
                key_parts=(shown, sorted(edge_fields)),
                stock_generation=page_cache.stock_generation() if unit_counts else None,
            )
            totals[:] = [total]
            return page

        def search_count() -> int:
            if not totals:
                search_rows(0, 0)
            return totals[0]

        page_rows, page_count = search_rows, search_count
    return paginate(
        _Slices(page_rows, page_count),
        connection_name="products",
        first=first,
        last=last,
        before=before,
        after=after,
        prepare=attach,
        count=page_count,
    )


class _Slices(Sequence[Any]):
    """A listing as ``paginate`` reads it: slices, each fetched through ``fetch``
    (the catalogue's per-generation read), and a length that is its count."""

    def __init__(
        self,
        fetch: Callable[[int, int | None], list[Any]],
        count: Callable[[], int],
    ) -> None:
        self._fetch = fetch
        self._count = count

    @overload
    def __getitem__(self, index: int) -> Any: ...

    @overload
    def __getitem__(self, index: slice) -> list[Any]: ...

    def __getitem__(self, index: int | slice) -> Any:
        if isinstance(index, slice):
            if index.step not in (None, 1):
                raise ValueError("Listings are read in contiguous slices.")
            return self._fetch(index.start or 0, index.stop)
        return self._fetch(index, index + 1)[0]

    def __len__(self) -> int:
        return self._count()


class ProductQueries(graphene.ObjectType):
    products = graphene.Field(
        ProductCountableConnection,
        filter=graphene.Argument(
            ProductFilterInput,
            description=deprecated(
                "Use `where` filter instead.", "Filtering options for products."
            ),
        ),
        where=graphene.Argument(ProductWhereInput),
        sort_by=graphene.Argument(ProductOrder),
        channel=graphene.String(),
        before=graphene.String(),
        after=graphene.String(),
        first=graphene.Int(),
        last=graphene.Int(),
        search=graphene.String(description="Words to search for, best matches first."),
        description=(
            "Products listed in the channel (default: the shopper's), 100 a page."
        ),
    )
    product = graphene.Field(
        Product,
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
        id=graphene.ID(description="Global id, instead of the slug."),
        description="A product published in the channel, by slug.",
    )
    product_variant = graphene.Field(
        ProductVariant,
        id=graphene.ID(),
        sku=graphene.String(),
        channel=graphene.String(),
        description="A variant priced in the channel, by id or SKU.",
    )
    categories = graphene.Field(
        CategoryCountableConnection,
        filter=graphene.Argument(CategoryFilterInput),
        first=graphene.Int(),
        after=graphene.String(),
        level=graphene.Int(description="Only categories at this depth (0: top level)."),
        description="Categories of the catalogue, at most 100 a page.",
    )
    category = graphene.Field(
        Category,
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        id=graphene.ID(description="Global id, instead of the slug."),
        description="A category by slug.",
    )
    collection = graphene.Field(
        Collection,
        slug=graphene.String(),
        slug_language_code=graphene.Argument(LanguageCodeEnum),
        channel=graphene.String(),
        id=graphene.ID(description="Global id, instead of the slug."),
        description="A published collection by slug.",
    )

    @staticmethod
    def resolve_products(
        root: Any, info: Any, channel: str | None = None, **kwargs: Any
    ) -> Any:
        return resolve_product_connection(info, channel_slug=channel, **kwargs)

    @staticmethod
    def resolve_product(
        root: Any,
        info: Any,
        slug: str | None = None,
        channel: str | None = None,
        id: str | None = None,
        slug_language_code: str | None = None,
    ) -> Any:
        resolved = resolve_channel(info, channel)
        if id and not slug:
            pk = pk_from_global_id(id, expected="Product")
            slug = _product_slug(pk)
        if not slug:
            raise GraphQLError("Provide `slug` or `id` to look up a product.")
        product = product_get_for_channel(slug=slug, channel=resolved)
        return with_channel(product, resolved)

    @staticmethod
    def resolve_product_variant(
        root: Any,
        info: Any,
        id: str | None = None,
        sku: str | None = None,
        channel: str | None = None,
    ) -> Any:
        if bool(id) == bool(sku):
            raise GraphQLError("Provide exactly one of `id` and `sku`.")
        resolved = resolve_channel(info, channel)
        lookup = (
            {"pk": pk_from_global_id(id, expected="ProductVariant")}
            if id
            else {"sku": sku}
        )
        slug = (
            VariantModel.objects.filter(**lookup)
            .values_list("product__slug", flat=True)
            .first()
        )
        if slug is None:
            return None
        product = product_get_for_channel(slug=slug, channel=resolved)
        if product is None:
            return None
        with_channel(product, resolved)
        for variant in product.priced_variants:
            if (id and str(variant.pk) == lookup["pk"]) or (sku and variant.sku == sku):
                variant.product = product
                return with_channel(variant, resolved)
        return None

    @staticmethod
    def resolve_categories(
        root: Any,
        info: Any,
        filter: dict | None = None,
        first: int | None = None,
        after: str | None = None,
        level: int | None = None,
    ) -> Any:
        categories = CategoryModel.objects.order_by("sort_order", "name", "pk")
        if level == 0:
            categories = categories.filter(parent__isnull=True)
        elif level is not None:
            categories = categories.filter(parent__isnull=False)
        if filter:
            if filter.get("search"):
                words = filter["search"]
                categories = categories.filter(
                    Q(name__icontains=words)
                    | Q(slug__icontains=words)
                    | Q(description__icontains=words)
                )
            if filter.get("ids") is not None:
                pks = [pk_from_global_id(i, expected="Category") for i in filter["ids"]]
                categories = categories.filter(pk__in=pks)
            if filter.get("slugs") is not None:
                categories = categories.filter(slug__in=filter["slugs"])
            if filter.get("metadata"):
                categories = categories.none()
        return paginate(
            categories, connection_name="categories", first=first, after=after
        )

    @staticmethod
    def resolve_category(
        root: Any, info: Any, slug: str | None = None, id: str | None = None, **_: Any
    ) -> Any:
        if id and not slug:
            pk = pk_from_global_id(id, expected="Category")
            return CategoryModel.objects.filter(pk=pk).first()
        if not slug:
            raise GraphQLError("Provide `slug` or `id` to look up a category.")
        return category_get(slug=slug)

    @staticmethod
    def resolve_collection(
        root: Any,
        info: Any,
        slug: str | None = None,
        channel: str | None = None,
        id: str | None = None,
        **_: Any,
    ) -> Any:
        resolved = resolve_channel(info, channel)
        collections = CollectionModel.objects.filter(is_published=True)
        if id and not slug:
            collection = collections.filter(
                pk=pk_from_global_id(id, expected="Collection")
            ).first()
        elif slug:
            collection = collections.filter(slug=slug).first()
        else:
            raise GraphQLError("Provide `slug` or `id` to look up a collection.")
        return with_channel(collection, resolved)


def _product_slug(pk: str) -> str | None:
    return ProductModel.objects.filter(pk=pk).values_list("slug", flat=True).first()
