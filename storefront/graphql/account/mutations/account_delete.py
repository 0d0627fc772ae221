"""`accountDelete`: Delete the signed-in customer's account with the emailed token."""

from typing import Any

import graphene

from storefront.accounts.deletion import user_delete_by_token
from storefront.graphql.account.mutations._base import AccountMutation
from storefront.graphql.account.types import User


class AccountDelete(AccountMutation):
    """Delete the signed-in customer's account, confirmed with the `token` from
    `accountRequestDeletion`'s email. The account is anonymised and deactivated:
    names and address book are removed, the email is replaced, every token and
    session stops working; orders keep their own copies of the email and
    addresses. Refused with INVALID while a subscription is not cancelled, and
    with DELETE_STAFF_ACCOUNT for staff."""

    class Arguments:
        token = graphene.String(
            required=True,
            description="The token from the deletion email (valid for three days).",
        )

    user = graphene.Field(User, description="The account, as anonymised.")

    login_required = True
    error_code_map = {"invalid_token": "invalid", "active_subscription": "invalid"}

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user = user_delete_by_token(user=info.context.user, token=data["token"])
        return cls(user=user, errors=[])
