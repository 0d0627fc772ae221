"""`checkoutLinesAdd`: Add variants to the cart (at most 100 lines)."""

from typing import Any

import graphene
from django.db import transaction

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.cart import checkout_line_add
from storefront.graphql.checkout.inputs import CheckoutLineInput
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import (
    checkout_for_mutation,
    list_cap,
    pk_of,
    refuse_price_override,
    reload,
)
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutLinesAdd(BaseMutation):
    """Add variants to the cart (at most 100 lines)."""

    class Arguments:
        id = graphene.ID()
        lines = graphene.List(graphene.NonNull(CheckoutLineInput), required=True)

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        lines = list_cap(data["lines"], field="lines")
        refuse_price_override(lines)
        checkout = checkout_for_mutation(info, data.get("id"))
        with transaction.atomic():
            for line in lines:
                checkout_line_add(
                    checkout=checkout,
                    variant_id=pk_of(
                        line["variant_id"], expected="ProductVariant", field="variantId"
                    ),
                    quantity=line["quantity"],
                )
        return cls(checkout=reload(checkout), errors=[])
