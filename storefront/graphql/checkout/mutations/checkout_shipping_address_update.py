"""`checkoutShippingAddressUpdate`: set the shipping address.

The law of the address's region then applies to every line.
"""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.checkout.services.details import checkout_shipping_address_set
from storefront.graphql.account.types import AddressInput, address_data
from storefront.graphql.checkout.inputs import CheckoutAddressValidationRules
from storefront.graphql.checkout.types import Checkout, checkout_with_info
from storefront.graphql.checkout.utils import checkout_for_mutation
from storefront.graphql.core.errors import CheckoutError, CheckoutErrorCode


class CheckoutShippingAddressUpdate(BaseMutation):
    """Set the shipping address; the law of its region applies to every line."""

    class Arguments:
        id = graphene.ID()
        save_address = graphene.Boolean(default_value=True)
        shipping_address = graphene.Argument(AddressInput, required=True)
        validation_rules = graphene.Argument(CheckoutAddressValidationRules)

    checkout = graphene.Field(Checkout, description="The checkout.")
    errors = graphene.List(
        graphene.NonNull(CheckoutError), required=True, description="Errors."
    )

    error_code_enum = CheckoutErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data.get("id"))
        loaded = checkout_shipping_address_set(
            checkout=checkout, data=address_data(data["shipping_address"])
        )
        return cls(checkout=checkout_with_info(loaded), errors=[])
