"""`accountSetDefaultAddress`: Make an address the default for shipping or billing."""

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
from storefront.graphql.core.enums import AddressTypeEnum
from storefront.graphql.core.errors import AccountError, AccountErrorCode


class AccountSetDefaultAddress(BaseMutation):
    """Make an address the default for shipping or billing."""

    class Arguments:
        id = graphene.ID(required=True)
        type = graphene.Argument(AddressTypeEnum, required=True)

    user = graphene.Field(User, description="The customer.")
    errors = graphene.List(
        graphene.NonNull(AccountError), required=True, description="Errors."
    )

    error_code_enum = AccountErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError(
            "`accountSetDefaultAddress` is not available yet on this shop."
        )
