"""`passwordChange`: Change the signed-in customer's password."""

from typing import Any

import graphene

from storefront.accounts.services import user_password_change
from storefront.graphql.account.mutations._base import AccountMutation
from storefront.graphql.account.types import User


class PasswordChange(AccountMutation):
    """Change the signed-in customer's password. Tokens issued before stop
    working; sign in again with `tokenCreate`."""

    class Arguments:
        new_password = graphene.String(required=True)
        old_password = graphene.String()

    user = graphene.Field(User, description="The customer.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        user = user_password_change(
            user=info.context.user,
            old_password=data.get("old_password"),
            new_password=data["new_password"],
        )
        return cls(user=user, errors=[])
