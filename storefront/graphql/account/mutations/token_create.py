"""`tokenCreate`: Sign in: get an access token and a refresh token."""

from typing import Any

import graphene
from django.contrib.auth import authenticate
from django.core.exceptions import ValidationError

from common.graphql.mutations import BaseMutation
from storefront.graphql.account.jwt import ACCESS, REFRESH, token_issue
from storefront.graphql.account.types import (  # noqa: F401
    AccountInput,
    AccountRegisterInput,
    Address,
    AddressInput,
    User,
)
from storefront.graphql.core.enums import AddressTypeEnum  # noqa: F401
from storefront.graphql.core.errors import AccountError, AccountErrorCode


class CreateToken(BaseMutation):
    """Sign in: get an access token and a refresh token."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)

    token = graphene.String(description="Access token (JWT, 5 minutes).")
    refresh_token = graphene.String(description="Refresh token (JWT, 30 days).")
    user = graphene.Field(User, description="The customer.")
    errors = graphene.List(
        graphene.NonNull(AccountError), required=True, description="Errors."
    )

    error_code_enum = AccountErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user = authenticate(
            info.context, email=data["email"].strip().lower(), password=data["password"]
        )
        if user is None or not user.is_active:
            raise ValidationError(
                {
                    "email": ValidationError(
                        "Please, enter valid credentials", code="invalid_credentials"
                    )
                }
            )
        return cls(
            token=token_issue(user=user, kind=ACCESS),
            refresh_token=token_issue(user=user, kind=REFRESH),
            user=user,
            errors=[],
        )
