"""`checkoutAddPromoCode`: Apply a voucher code."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.details import checkout_voucher_apply
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import (
    checkout_for_mutation,
    reload,
)
from storefront.graphql.core.descriptions import deprecated
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutAddPromoCode(BaseMutation):
    """Apply a voucher code."""

    class Arguments:
        checkout_id = graphene.ID(
            description=deprecated("Use `id` instead.", "The checkout's id.")
        )
        id = graphene.ID()
        promo_code = graphene.String(required=True)

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode
    error_field_map = {"voucherCode": "promoCode"}

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(
            info, data.get("id") or data.get("checkout_id")
        )
        checkout_voucher_apply(checkout=checkout, code=data["promo_code"])
        return cls(checkout=reload(checkout), errors=[])
