"""`checkoutCreate`: Create a checkout."""

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
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode
from storefront.graphql.core.inputs import MetadataInput  # noqa: F401


class CheckoutCreate(BaseMutation):
    """Create a checkout."""

    class Arguments:
        input = graphene.Argument(CheckoutCreateInput, required=True)

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`checkoutCreate` is not available yet on this shop.")
