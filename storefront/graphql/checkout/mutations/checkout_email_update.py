"""`checkoutEmailUpdate`: Set the email address."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.details import checkout_email_set
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import (
    checkout_for_mutation,
    reload,
)
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutEmailUpdate(BaseMutation):
    """Set the email address."""

    class Arguments:
        email = graphene.String(required=True)
        id = graphene.ID()

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data.get("id"))
        checkout_email_set(checkout=checkout, email=data["email"])
        return cls(checkout=reload(checkout), errors=[])
