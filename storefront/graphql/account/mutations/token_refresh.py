"""`tokenRefresh`: Get a new access token with a refresh token."""

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


class RefreshToken(BaseMutation):
    """Get a new access token with a refresh token."""

    class Arguments:
        refresh_token = graphene.String()

    token = graphene.String(description="Access token (JWT, 5 minutes).")
    user = graphene.Field(User, description="The customer.")
    errors = graphene.List(
        graphene.NonNull(AccountError), required=True, description="Errors."
    )

    error_code_enum = AccountErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`tokenRefresh` is not available yet on this shop.")
