"""Inputs of the page queries."""

import graphene

from storefront.graphql.core.inputs import (
    GlobalIDFilterInput,
    MetadataFilterInput,
    StringFilterInput,
)
from storefront.graphql.product.inputs import AssignedAttributeWhereInput


class PageWhereInput(graphene.InputObjectType):
    """Narrow the page list."""

    metadata = graphene.InputField(
        MetadataFilterInput, description="Pages carry no metadata."
    )
    ids = graphene.List(graphene.NonNull(graphene.ID), description="Page ids.")
    slug = graphene.InputField(StringFilterInput, description="Slug.")
    page_type = graphene.InputField(GlobalIDFilterInput, description="Page type id.")
    attributes = graphene.List(
        graphene.NonNull(AssignedAttributeWhereInput), description="Pages have none."
    )
    AND = graphene.List(
        graphene.NonNull(lambda: PageWhereInput), description="All of these."
    )
    OR = graphene.List(
        graphene.NonNull(lambda: PageWhereInput), description="Any of these."
    )
