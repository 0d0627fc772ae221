"""`deliveryOptionsCalculate`: List the delivery options for the checkout."""

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
from storefront.graphql.core.errors import (
    DeliveryOptionsCalculateError,
    DeliveryOptionsCalculateErrorCode,
)
from storefront.graphql.core.inputs import MetadataInput  # noqa: F401


class DeliveryOptionsCalculate(BaseMutation):
    """List the delivery options for the checkout."""

    class Arguments:
        id = graphene.ID(required=True)

    deliveries = graphene.List(
        graphene.NonNull(Delivery), required=True, description="Options."
    )
    errors = graphene.List(
        graphene.NonNull(DeliveryOptionsCalculateError),
        required=True,
        description="Errors.",
    )

    error_code_enum = DeliveryOptionsCalculateErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError(
            "`deliveryOptionsCalculate` is not available yet on this shop."
        )
