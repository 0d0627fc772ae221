"""`tokenCreate`: Sign in: get an access token and a refresh token."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.accounts.services import user_sign_in_check
from storefront.graphql.account.jwt import ACCESS, REFRESH, api_issuer, token_issue
from storefront.graphql.account.types import User
from storefront.graphql.core.errors import AccountError, AccountErrorCode


class CreateToken(BaseMutation):
    """Sign in: get an access token and a refresh token.

    The same check as the sign-in page: wrong credentials and inactive accounts
    get INVALID_CREDENTIALS on `email`; failures count per email address and IP
    address across the page and the API, and after too many (five in 15 minutes
    by default) every attempt gets LOGIN_ATTEMPT_DELAYED until the window ends.
    An account whose
    email address is not confirmed yet may sign in (as on the page, which signs
    a new customer in right after registering); `User.isConfirmed` tells."""

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

    error_code_map = {"too_many_attempts": "login_attempt_delayed"}
    # Saleor's clients show credential errors on the email field.
    error_field_map = {"password": "email"}

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user = user_sign_in_check(
            request=info.context, email=data["email"], password=data["password"]
        )
        return cls(
            token=token_issue(user=user, kind=ACCESS, issuer=api_issuer(info.context)),
            refresh_token=token_issue(
                user=user, kind=REFRESH, issuer=api_issuer(info.context)
            ),
            user=user,
            errors=[],
        )
