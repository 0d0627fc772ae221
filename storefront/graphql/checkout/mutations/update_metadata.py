"""`updateMetadata`: Set metadata keys on a checkout."""

from typing import Any

import graphene
from graphql import GraphQLError

from common.graphql.mutations import BaseMutation
from common.graphql.scalars import PositiveDecimal  # noqa: F401
from storefront.graphql.account.types import AddressInput  # noqa: F401
from storefront.graphql.checkout.inputs import (  # noqa: F401
    CheckoutAddressValidationRules,
    CheckoutCreateInput,
    CheckoutLineInput,
    CheckoutLineUpdateInput,
)
from storefront.graphql.checkout.types import Checkout, Delivery, ObjectWithMetadata  # noqa: F401
from storefront.graphql.core.errors import MetadataError, MetadataErrorCode
from storefront.graphql.core.inputs import MetadataInput


class UpdateMetadata(BaseMutation):
    """Set metadata keys on a checkout."""

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.List(graphene.NonNull(MetadataInput), required=True)

    item = graphene.Field(ObjectWithMetadata, description="The object.")
    errors = graphene.List(
        graphene.NonNull(MetadataError), required=True, description="Errors."
    )

    error_code_enum = MetadataErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`updateMetadata` is not available yet on this shop.")
