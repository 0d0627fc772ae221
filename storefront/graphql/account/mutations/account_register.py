"""`accountRegister`: Open an account."""

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


class AccountRegister(BaseMutation):
    """Open an account."""

    class Arguments:
        input = graphene.Argument(AccountRegisterInput, required=True)

    user = graphene.Field(
        User,
        description="The new account.",
        deprecation_reason=(
            "The field always returns a `User` object constructed from the input "
            "data. The `user.id` is always empty. To determine whether the user "
            "exists in Saleor, query via an external app with the required "
            "permissions."
        ),
    )
    requires_confirmation = graphene.Boolean(
        description="Whether the email address must be confirmed."
    )
    errors = graphene.List(
        graphene.NonNull(AccountError), required=True, description="Errors."
    )

    error_code_enum = AccountErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`accountRegister` is not available yet on this shop.")
