"""`accountAddressDelete`: Remove an address from the address book."""

from typing import Any

import graphene

from storefront.accounts.services import address_delete
from storefront.graphql.account.mutations._base import AccountMutation, own_address
from storefront.graphql.account.types import Address, User


class AccountAddressDelete(AccountMutation):
    """Remove one of the signed-in customer's addresses (orders keep their copies)."""

    class Arguments:
        id = graphene.ID(required=True)

    user = graphene.Field(User, description="The customer.")
    address = graphene.Field(Address, description="The address, as it was.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        address = own_address(info, data["id"])
        pk = address.pk
        address_delete(address=address)
        address.pk = pk  # the payload still names what was removed
        return cls(user=info.context.user, address=address, errors=[])
