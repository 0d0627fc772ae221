"""`accountAddressUpdate`: Change an address of the address book."""

from typing import Any

import graphene
from graphql import GraphQLError

from common.graphql.mutations import BaseMutation
from storefront.graphql.account.types import (  # noqa: F401
    AccountInput,
    AccountRegisterInput,
    Address,
    AddressInput,
    User,
)
from storefront.graphql.core.enums import AddressTypeEnum  # noqa: F401
from storefront.graphql.core.errors import AccountError, AccountErrorCode


class AccountAddressUpdate(BaseMutation):
    """Change an address of the address book."""

    class Arguments:
        id = graphene.ID(required=True)
        input = graphene.Argument(AddressInput, required=True)

    user = graphene.Field(User, description="The customer.")
    address = graphene.Field(Address, description="The address.")
    errors = graphene.List(
        graphene.NonNull(AccountError), required=True, description="Errors."
    )

    error_code_enum = AccountErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`accountAddressUpdate` is not available yet on this shop.")
