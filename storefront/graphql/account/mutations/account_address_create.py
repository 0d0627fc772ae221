"""`accountAddressCreate`: Add an address to the address book."""

from typing import Any

import graphene

from storefront.accounts.services import address_create
from storefront.graphql.account.mutations._base import (
    AccountMutation,
    defaults_not_kept,
)
from storefront.graphql.account.types import Address, AddressInput, User, address_data
from storefront.graphql.core.enums import AddressTypeEnum


class AccountAddressCreate(AccountMutation):
    """Add a validated address to the signed-in customer's address book."""

    class Arguments:
        input = graphene.Argument(AddressInput, required=True)
        type = graphene.Argument(AddressTypeEnum)

    user = graphene.Field(User, description="The customer.")
    address = graphene.Field(Address, description="The address.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        if data.get("type"):
            raise defaults_not_kept("type")
        user = info.context.user
        address = address_create(user=user, data=address_data(data["input"]))
        return cls(user=user, address=address, errors=[])
