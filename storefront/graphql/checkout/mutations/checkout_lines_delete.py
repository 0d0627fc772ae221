"""`checkoutLinesDelete`: Remove lines (at most 100)."""

from typing import Any

import graphene
from django.db import transaction

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.cart import checkout_line_delete
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import (
    checkout_for_mutation,
    list_cap,
    pk_of,
    reload,
)
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutLinesDelete(BaseMutation):
    """Remove lines (at most 100)."""

    class Arguments:
        id = graphene.ID()
        lines_ids = graphene.List(graphene.NonNull(graphene.ID), required=True)

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        ids = list_cap(data["lines_ids"], field="linesIds")
        checkout = checkout_for_mutation(info, data.get("id"))
        with transaction.atomic():
            for line_id in ids:
                checkout_line_delete(
                    checkout=checkout,
                    line_id=pk_of(line_id, expected="CheckoutLine", field="linesIds"),
                )
        return cls(checkout=reload(checkout), errors=[])
