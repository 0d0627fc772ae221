"""Sales channels."""

from typing import Any

import graphene

from common.graphql.ids import to_global_id
from storefront.graphql.core.types import CountryDisplay, country_display


class Channel(graphene.ObjectType):
    """A sales channel: its currency and the countries it sells to."""

    id = graphene.ID(required=True, description="Global id.")
    slug = graphene.String(
        required=True, description="Slug, for the `channel` arguments."
    )
    name = graphene.String(required=True, description="Name.")
    is_active = graphene.Boolean(required=True, description="Whether it sells.")
    currency_code = graphene.String(required=True, description="Its currency.")
    countries = graphene.List(
        graphene.NonNull(CountryDisplay), description="Countries it ships to."
    )
    default_country = graphene.Field(
        CountryDisplay, required=True, description="Country assumed before an address."
    )
    prices_entered_with_tax = graphene.Boolean(
        required=True, description="Whether catalogue prices include tax."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Channel", root.pk)

    @staticmethod
    def resolve_countries(root: Any, info: Any) -> list:
        return [country_display(c) for c in root.countries]

    @staticmethod
    def resolve_default_country(root: Any, info: Any) -> Any:
        return country_display(root.default_country)
