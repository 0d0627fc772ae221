"""`accountUpdate`: Change the signed-in customer's name and default addresses."""

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


class AccountUpdate(BaseMutation):
    """Change the signed-in customer's name and default addresses."""

    class Arguments:
        input = graphene.Argument(AccountInput, required=True)

    user = graphene.Field(User, description="The customer.")
    errors = graphene.List(
        graphene.NonNull(AccountError), required=True, description="Errors."
    )

    error_code_enum = AccountErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`accountUpdate` is not available yet on this shop.")
