"""`accountAddressCreate`: Add an address to the address book."""

from typing import Any

import graphene

from storefront.accounts.services import address_create
from storefront.graphql.account.mutations._base import AccountMutation
from storefront.graphql.account.types import Address, AddressInput, User, address_data
from storefront.graphql.core.enums import AddressTypeEnum


class AccountAddressCreate(AccountMutation):
    """Add a validated address to the signed-in customer's address book; with
    `type`, it also becomes their default shipping or billing address."""

    class Arguments:
        input = graphene.Argument(AddressInput, required=True)
        type = graphene.Argument(
            AddressTypeEnum, description="Also make it the default of this type."
        )

    user = graphene.Field(User, description="The customer.")
    address = graphene.Field(Address, description="The address.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user = info.context.user
        kind = data.get("type")
        address = address_create(
            user=user,
            data=address_data(data["input"]),
            default_for=[str(getattr(kind, "value", kind)).lower()] if kind else [],
        )
        return cls(user=user, address=address, errors=[])
