"""`requestPasswordReset`: Email a password reset link."""

from typing import Any

import graphene

from storefront.accounts.services import user_password_reset_request
from storefront.graphql.account.mutations._base import AccountMutation


class RequestPasswordReset(AccountMutation):
    """Email a password reset link: `redirectUrl` with `email` and `token` added,
    for `setPassword`. An unknown address gets no email and no error."""

    class Arguments:
        channel = graphene.String()
        email = graphene.String(required=True)
        redirect_url = graphene.String(required=True)

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user_password_reset_request(
            email=data["email"], redirect_url=data["redirect_url"]
        )
        return cls(errors=[])
