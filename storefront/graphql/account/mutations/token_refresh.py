"""`tokenRefresh`: Get a new access token with a refresh token."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from common.graphql.mutations import BaseMutation
from storefront.graphql.account.jwt import (
    ACCESS,
    REFRESH,
    TokenError,
    api_issuer,
    token_issue,
    token_user,
)
from storefront.graphql.account.types import User
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
        token = data.get("refresh_token")
        if not token:
            raise ValidationError(
                {
                    "refreshToken": ValidationError(
                        "Missing refresh token.", code="jwt_missing_token"
                    )
                }
            )
        try:
            user = token_user(token=token, kind=REFRESH)
        except TokenError as exc:
            raise ValidationError(
                {"refreshToken": ValidationError(exc.message, code=exc.code)}
            ) from exc
        return cls(
            token=token_issue(user=user, kind=ACCESS, issuer=api_issuer(info.context)),
            user=user,
            errors=[],
        )
