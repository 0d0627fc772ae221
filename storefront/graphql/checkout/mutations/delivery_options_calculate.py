"""`deliveryOptionsCalculate`: List the delivery options for the checkout."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.selectors import shipping_methods_for_checkout
from storefront.graphql.checkout.types import (
    Delivery,
    checkout_bundle,
    listing_price,
    shipping_method_data,
)
from storefront.graphql.checkout.utils import checkout_for_mutation
from storefront.graphql.core.errors import (
    DeliveryOptionsCalculateError,
    DeliveryOptionsCalculateErrorCode,
)


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
        checkout = checkout_for_mutation(info, data["id"])
        checkout_info, totals = checkout_bundle(checkout)
        return cls(
            deliveries=[
                shipping_method_data(method, listing_price(listing, totals))
                for method, listing in shipping_methods_for_checkout(info=checkout_info)
            ],
            errors=[],
        )
