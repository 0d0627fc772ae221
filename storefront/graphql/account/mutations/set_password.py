"""`setPassword`: Choose a new password with a reset token; signs in."""

from typing import Any

import graphene

from storefront.accounts.services import user_password_set_by_token
from storefront.graphql.account.jwt import ACCESS, REFRESH, api_issuer, token_issue
from storefront.graphql.account.mutations._base import AccountMutation
from storefront.graphql.account.types import User


class SetPassword(AccountMutation):
    """Choose a new password with the token from `requestPasswordReset`'s email.
    Answers with fresh tokens, as `tokenCreate` does."""

    class Arguments:
        email = graphene.String(required=True)
        password = graphene.String(required=True)
        token = graphene.String(required=True)

    token = graphene.String(description="Access token.")
    refresh_token = graphene.String(description="Refresh token.")
    user = graphene.Field(User, description="The customer.")

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user = user_password_set_by_token(
            email=data["email"], token=data["token"], password=data["password"]
        )
        return cls(
            token=token_issue(user=user, kind=ACCESS, issuer=api_issuer(info.context)),
            refresh_token=token_issue(
                user=user, kind=REFRESH, issuer=api_issuer(info.context)
            ),
            user=user,
            errors=[],
        )
