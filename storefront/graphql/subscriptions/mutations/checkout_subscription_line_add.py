"""`checkoutSubscriptionLineAdd`: put a variant in the cart on subscription."""

from collections.abc import Iterable
from typing import Any

import graphene

from common.graphql.mutations import BaseMutation, ErrorData, code_enum, error_type
from storefront.checkout.services.cart import subscription_line_add
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import checkout_for_mutation, pk_of, reload
from storefront.graphql.core.errors import CheckoutErrorCode
from storefront.graphql.subscriptions.types import SubscriptionIntervalEnum, enum_value
from storefront.subscriptions.errors import SubscriptionErrorCode

CheckoutSubscriptionLineAddErrorCode = code_enum(
    "CheckoutSubscriptionLineAddErrorCode",
    list(
        dict.fromkeys(
            [
                *(member.name for member in CheckoutErrorCode._meta.enum),
                *(member.name for member in SubscriptionErrorCode),
            ]
        )
    ),
    description="Codes of `checkoutSubscriptionLineAdd` errors: the checkout's "
    "codes (stock, region, channel) and the subscriptions domain's (no plan, "
    "interval not offered).",
)
CheckoutSubscriptionLineAddError = error_type(
    "CheckoutSubscriptionLineAddError",
    CheckoutSubscriptionLineAddErrorCode,
    "A problem adding a subscription line to a checkout.",
)


class CheckoutSubscriptionLineAdd(BaseMutation):
    """Add a variant to the cart on subscription (subscribe-and-save), at an
    interval its plan offers in the checkout's channel. Subscribing needs a
    signed-in customer attached to the checkout, who manages the subscription
    from their account once the order is placed. One-off lines keep using
    `checkoutLinesAdd`; a cart may mix both."""

    class Arguments:
        id = graphene.ID(required=True, description="The checkout's id.")
        variant_id = graphene.ID(required=True, description="The variant's id.")
        quantity = graphene.Int(required=True, description="Units each renewal.")
        interval = graphene.Argument(
            SubscriptionIntervalEnum,
            required=True,
            description="How often to receive it; one of the plan's intervals.",
        )

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutSubscriptionLineAddError),
        required=True,
        description="What went wrong; empty on success.",
    )

    error_code_enum = CheckoutSubscriptionLineAddErrorCode
    error_field_map = {"variant": "variantId"}

    @classmethod
    def error_payload(cls, errors: Iterable[ErrorData], **extra: Any) -> Any:
        # The service names "purchase" for what the product or customer lacks:
        # no plan is about the chosen variant, signing in about the whole request.
        renamed = [
            ErrorData(
                field=(
                    ("variantId" if e.code == "no_plan" else None)
                    if e.field == "purchase"
                    else e.field
                ),
                code=e.code,
                message=e.message,
            )
            for e in errors
        ]
        return super().error_payload(renamed, **extra)

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data["id"])
        subscription_line_add(
            checkout=checkout,
            variant_id=pk_of(
                data["variant_id"], expected="ProductVariant", field="variantId"
            ),
            quantity=data["quantity"],
            purchase="subscribe",
            interval=enum_value(data["interval"]),
        )
        return cls(checkout=reload(checkout), errors=[])
