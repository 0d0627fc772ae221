"""`accountUpdate`: Change the signed-in customer's names."""

from typing import Any

import graphene

from storefront.accounts.services import user_names_update
from storefront.graphql.account.mutations._base import (
    AccountMutation,
    defaults_not_kept,
)
from storefront.graphql.account.types import AccountInput, User


class AccountUpdate(AccountMutation):
    """Change the signed-in customer's first and last name."""

    class Arguments:
        input = graphene.Argument(AccountInput, required=True)

    user = graphene.Field(User, description="The customer.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        payload = data["input"]
        for field in ("default_billing_address", "default_shipping_address"):
            if payload.get(field):
                raise defaults_not_kept(field)
        user = user_names_update(
            user=info.context.user,
            first_name=payload.get("first_name"),
            last_name=payload.get("last_name"),
        )
        return cls(user=user, errors=[])
