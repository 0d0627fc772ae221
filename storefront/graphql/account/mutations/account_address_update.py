"""`accountAddressUpdate`: Change an address of the address book."""

from typing import Any

import graphene

from storefront.accounts.services import address_update
from storefront.graphql.account.mutations._base import AccountMutation, own_address
from storefront.graphql.account.types import Address, AddressInput, User, address_data


class AccountAddressUpdate(AccountMutation):
    """Replace one of the signed-in customer's addresses with validated values."""

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.Argument(AddressInput, required=True)

    user = graphene.Field(User, description="The customer.")
    address = graphene.Field(Address, description="The address.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        address = own_address(info, data["id"])
        address = address_update(address=address, data=address_data(data["input"]))
        return cls(user=info.context.user, address=address, errors=[])
