"""`checkoutComplete`: Place the order."""

import uuid
from typing import Any

import graphene
from django.core.exceptions import ValidationError

from common.graphql.ids import pk_or_none
from common.graphql.mutations import BaseMutation
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.complete import checkout_complete
from storefront.checkout.services.validation import checkout_validate_for_payment
from storefront.graphql.checkout.utils import checkout_for_mutation
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode
from storefront.graphql.order.types import order_queryset
from storefront.orders.models import Order
from storefront.payments.models import Payment, PaymentStatus


class CheckoutComplete(BaseMutation):
    """Place the order."""

    class Arguments:
        id = graphene.ID()

    order = graphene.Field(
        "storefront.graphql.order.types.Order", description="The order."
    )
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        token = pk_or_none(data.get("id") or "", expected="Checkout")
        placed = _order_placed_from(token)
        if placed is not None:
            # transactionInitialize completes a paid checkout at once (the checkout
            # service pays and places the order in one step); return that order.
            return cls(order=placed, errors=[])
        checkout = checkout_for_mutation(info, data.get("id"))
        payment = (
            Payment.objects.filter(
                checkout_token=checkout.token,
                status__in=[PaymentStatus.AUTHORIZED, PaymentStatus.CHARGED],
                order__isnull=True,
            )
            .order_by("-created_at")
            .first()
        )
        if payment is None:
            checkout_validate_for_payment(info=checkout_info_fetch(checkout=checkout))
            raise ValidationError(
                {
                    "id": ValidationError(
                        "The checkout is not paid yet: start a payment with "
                        "transactionInitialize first.",
                        code="checkout_not_fully_paid",
                    )
                }
            )
        order = checkout_complete(checkout_token=checkout.token, payment=payment)
        return cls(
            order=order_queryset(Order.objects.filter(pk=order.pk)).first(), errors=[]
        )


def _order_placed_from(token: str | None) -> Any:
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        return None
    return order_queryset(Order.objects.filter(checkout_token=parsed)).first()
