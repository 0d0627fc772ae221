"""`accountSetDefaultAddress`: Make an address the default for shipping or billing."""

from typing import Any

import graphene

from storefront.accounts.services import address_set_default
from storefront.graphql.account.mutations._base import AccountMutation, own_address
from storefront.graphql.account.types import User
from storefront.graphql.core.enums import AddressTypeEnum


class AccountSetDefaultAddress(AccountMutation):
    """Make one of the signed-in customer's addresses their default for shipping
    or billing (the `defaultShippingAddress` and `defaultBillingAddress` of `me`)."""

    class Arguments:
        id = graphene.ID(required=True, description="The address's global id.")
        type = graphene.Argument(
            AddressTypeEnum, required=True, description="Shipping or billing."
        )

    user = graphene.Field(User, description="The customer.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        address = own_address(info, data["id"])
        user = address_set_default(
            user=info.context.user,
            address=address,
            address_type=str(getattr(data["type"], "value", data["type"])).lower(),
        )
        return cls(user=user, errors=[])
