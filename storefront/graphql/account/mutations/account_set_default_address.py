"""`accountSetDefaultAddress`: not supported yet (see ``defaults_not_kept``)."""

from typing import Any

import graphene

from storefront.graphql.account.mutations._base import (
    AccountMutation,
    defaults_not_kept,
    own_address,
)
from storefront.graphql.account.types import User
from storefront.graphql.core.enums import AddressTypeEnum


class AccountSetDefaultAddress(AccountMutation):
    """Make an address the default for shipping or billing. The shop does not keep
    default addresses yet: this answers with an INVALID error on `type`."""

    class Arguments:
        id = graphene.ID(required=True)
        type = graphene.Argument(AddressTypeEnum, required=True)

    user = graphene.Field(User, description="The customer.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        own_address(info, data["id"])
        raise defaults_not_kept("type")
