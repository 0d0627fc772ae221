"""`checkoutCustomerAttach`: Attach the signed-in customer."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.customer import checkout_customer_attach
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import checkout_for_mutation, reload
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutCustomerAttach(BaseMutation):
    """Make the checkout the signed-in customer's (their email becomes its email)."""

    class Arguments:
        id = graphene.ID()

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode
    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data.get("id"))
        checkout_customer_attach(checkout=checkout, user=info.context.user)
        return cls(checkout=reload(checkout), errors=[])
