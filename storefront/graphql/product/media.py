"""Product pictures."""

from typing import Any

import graphene

from common.graphql.ids import to_global_id
from storefront.graphql.core.enums import ProductMediaType, ThumbnailFormatEnum
from storefront.graphql.core.types import media_url


class ProductMedia(graphene.ObjectType):
    """A product picture."""

    id = graphene.ID(required=True, description="Global id.")
    alt = graphene.String(required=True, description="Alternative text.")
    type = graphene.Field(ProductMediaType, required=True, description="Kind of media.")
    url = graphene.String(
        required=True,
        size=graphene.Int(
            description="Wanted size in pixels; at most 400 gives the thumbnail."
        ),
        format=graphene.Argument(
            ThumbnailFormatEnum,
            default_value=ThumbnailFormatEnum.ORIGINAL.value,
            description="Ignored: thumbnails are JPEG.",
        ),
        description="URL of the image, or of its 400-pixel thumbnail when size ≤ 400.",
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("ProductMedia", root.pk)

    @staticmethod
    def resolve_type(root: Any, info: Any) -> str:
        return "image"

    @staticmethod
    def resolve_url(
        root: Any, info: Any, size: int | None = None, format: str | None = None
    ) -> str:
        name = (
            root.thumbnail.name
            if (size and size <= 400 and root.thumbnail)
            else root.image.name
        )
        return media_url(info, name)
