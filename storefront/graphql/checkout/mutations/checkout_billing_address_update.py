"""`checkoutBillingAddressUpdate`: Set the billing address."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.details import checkout_billing_address_set
from storefront.graphql.account.types import AddressInput, address_data
from storefront.graphql.checkout.inputs import CheckoutAddressValidationRules
from storefront.graphql.checkout.types import Checkout
from storefront.graphql.checkout.utils import checkout_for_mutation
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutBillingAddressUpdate(BaseMutation):
    """Set the billing address."""

    class Arguments:
        billing_address = graphene.Argument(AddressInput, required=True)
        id = graphene.ID()
        save_address = graphene.Boolean(default_value=True)
        validation_rules = graphene.Argument(CheckoutAddressValidationRules)

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data.get("id"))
        checkout_billing_address_set(
            checkout=checkout,
            same_as_shipping=False,
            data=address_data(data["billing_address"]),
        )
        # The service keeps the checkout it changed up to date, related rows too.
        return cls(checkout=checkout, errors=[])
