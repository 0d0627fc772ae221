"""`checkoutDeliveryMethodUpdate`: Choose the shipping method."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.details import checkout_shipping_method_set
from storefront.graphql.checkout.types import Checkout, checkout_with_info
from storefront.graphql.checkout.utils import (
    checkout_for_mutation,
    pk_of,
)
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutDeliveryMethodUpdate(BaseMutation):
    """Choose the shipping method."""

    class Arguments:
        delivery_method_id = graphene.ID()
        id = graphene.ID()

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data.get("id"))
        method_pk = pk_of(
            data.get("delivery_method_id"),
            expected=("ShippingMethod", "Delivery"),
            field="deliveryMethodId",
        )
        loaded = checkout_shipping_method_set(
            checkout=checkout, shipping_method_id=method_pk
        )
        return cls(checkout=checkout_with_info(loaded), errors=[])
