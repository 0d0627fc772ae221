"""Categories and collections, the two ways products are grouped."""

from typing import Any

import graphene

from common.graphql.connection import connection_type
from common.graphql.ids import to_global_id
from storefront.graphql.core.context import channel_of
from storefront.graphql.core.descriptions import NO_TRANSLATION, deprecated
from storefront.graphql.core.enums import (
    LanguageCodeEnum,
)
from storefront.graphql.core.types import (
    Image,
    media_url,
)
from storefront.graphql.product.inputs import (
    ProductFilterInput,
    ProductOrder,
    ProductWhereInput,
)
from storefront.graphql.product.types import (
    ProductCountableConnection,
    rich_text,
)


class CategoryTranslation(graphene.ObjectType):
    """Translated category texts."""

    seo_title = graphene.String(description="SEO title.")
    seo_description = graphene.String(description="SEO description.")
    slug = graphene.String(description="Slug.")
    name = graphene.String(description="Name.")
    description = graphene.JSONString(description="Description.")


class CollectionTranslation(graphene.ObjectType):
    """Translated collection texts."""

    seo_title = graphene.String(description="SEO title.")
    seo_description = graphene.String(description="SEO description.")
    slug = graphene.String(description="Slug.")
    name = graphene.String(description="Name.")
    description = graphene.JSONString(description="Description.")


def _image_or_none(info: Any, image: Any, alt: str) -> dict[str, str] | None:
    if not image:
        return None
    return {"url": media_url(info, image.name), "alt": alt}


def _seo(value: str) -> str | None:
    return value or None


def products_field(description: str, *, channel_argument: bool) -> graphene.Field:
    """The `products` connection of a category or a collection."""
    arguments: dict[str, Any] = {
        "filter": graphene.Argument(
            ProductFilterInput,
            description=deprecated(
                "Use `where` filter instead.", "Filtering options for products."
            ),
        ),
        "where": graphene.Argument(ProductWhereInput),
        "sort_by": graphene.Argument(ProductOrder),
    }
    if channel_argument:
        arguments["channel"] = graphene.String()
    arguments.update(after=graphene.String(), first=graphene.Int())
    return graphene.Field(
        ProductCountableConnection, description=description, **arguments
    )


def products_of(
    info: Any,
    *,
    category: Any = None,
    collection: Any = None,
    channel: str | None = None,
    **kwargs: Any,
) -> Any:
    """The products of a category or a collection: the `products` query's
    connection narrowed to the group, in the group's channel by default."""
    # Late: the products query module imports these group types.
    from storefront.graphql.product.queries import resolve_product_connection

    group = category if category is not None else collection
    return resolve_product_connection(
        info,
        channel_slug=channel or _slug_of(channel_of(group)),
        category=category,
        collection=collection,
        **kwargs,
    )


class Category(graphene.ObjectType):
    """A category of the catalogue; categories nest."""

    id = graphene.ID(required=True, description="Global id.")
    seo_title = graphene.String(description="SEO title.")
    seo_description = graphene.String(description="SEO description.")
    name = graphene.String(required=True, description="Name.")
    description = graphene.JSONString(
        description="Description as an Editor.js document."
    )
    slug = graphene.String(required=True, description="Slug.")
    parent = graphene.Field(lambda: Category, description="The category above, if any.")
    level = graphene.Int(
        required=True, description="Depth: 0 for a top-level category."
    )
    products = products_field(
        "Listed products of this category and the ones below it.",
        channel_argument=True,
    )
    background_image = graphene.Field(Image, description="Banner image.")
    translation = graphene.Field(
        CategoryTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Category", root.pk)

    @staticmethod
    def resolve_seo_title(root: Any, info: Any) -> str | None:
        return _seo(root.seo_title)

    @staticmethod
    def resolve_seo_description(root: Any, info: Any) -> str | None:
        return _seo(root.seo_description)

    @staticmethod
    def resolve_description(root: Any, info: Any) -> dict | None:
        return rich_text(root.description)

    @staticmethod
    def resolve_level(root: Any, info: Any) -> int:
        return 0 if root.parent_id is None else 1

    @staticmethod
    def resolve_products(root: Any, info: Any, **kwargs: Any) -> Any:
        return products_of(info, category=root, **kwargs)

    @staticmethod
    def resolve_background_image(root: Any, info: Any) -> Any:
        return _image_or_none(info, root.background_image, root.name)

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


def _slug_of(channel: Any) -> str | None:
    return channel.slug if channel is not None else None


class Collection(graphene.ObjectType):
    """A hand-picked set of products (featured, gift ideas, …)."""

    id = graphene.ID(required=True, description="Global id.")
    seo_title = graphene.String(
        description="SEO title; collections have none, so null."
    )
    seo_description = graphene.String(description="SEO description; null.")
    name = graphene.String(required=True, description="Name.")
    description = graphene.JSONString(
        description="Description as an Editor.js document."
    )
    slug = graphene.String(required=True, description="Slug.")
    products = products_field(
        "Listed products of the collection, in the collection's channel.",
        channel_argument=False,
    )
    background_image = graphene.Field(Image, description="Always null: no image.")
    translation = graphene.Field(
        CollectionTranslation,
        language_code=graphene.Argument(LanguageCodeEnum, required=True),
        description=NO_TRANSLATION,
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Collection", root.pk)

    @staticmethod
    def resolve_seo_title(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_seo_description(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_description(root: Any, info: Any) -> dict | None:
        return rich_text(root.description)

    @staticmethod
    def resolve_products(root: Any, info: Any, **kwargs: Any) -> Any:
        return products_of(info, collection=root, **kwargs)

    @staticmethod
    def resolve_background_image(root: Any, info: Any) -> None:
        return None

    @staticmethod
    def resolve_translation(root: Any, info: Any, language_code: str) -> None:
        return None


CategoryCountableConnection = connection_type("Category", Category)
