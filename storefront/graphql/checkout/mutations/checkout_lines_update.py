"""`checkoutLinesUpdate`: Change line quantities (at most 100 lines)."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError
from django.db import transaction

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.cart import checkout_line_update
from storefront.graphql.checkout.inputs import CheckoutLineUpdateInput
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import (
    checkout_for_mutation,
    list_cap,
    pk_of,
    refuse_price_override,
    reload,
)
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutLinesUpdate(BaseMutation):
    """Change line quantities (at most 100 lines)."""

    class Arguments:
        id = graphene.ID()
        lines = graphene.List(graphene.NonNull(CheckoutLineUpdateInput), required=True)

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
                if line.get("line_id"):
                    line_pk = pk_of(
                        line["line_id"], expected="CheckoutLine", field="lineId"
                    )
                else:
                    variant_pk = pk_of(
                        line.get("variant_id"),
                        expected="ProductVariant",
                        field="variantId",
                    )
                    found = checkout.lines.filter(variant_id=variant_pk).first()
                    if found is None:
                        raise ValidationError(
                            {
                                "variantId": ValidationError(
                                    "This item is not in the cart.", code="not_found"
                                )
                            }
                        )
                    line_pk = str(found.pk)
                checkout_line_update(
                    checkout=checkout, line_id=line_pk, quantity=line.get("quantity")
                )
        return cls(checkout=reload(checkout), errors=[])
