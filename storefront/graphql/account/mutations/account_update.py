"""`accountUpdate`: Change the signed-in customer's names and default addresses."""

from typing import Any

import graphene

from storefront.accounts.services import user_update
from storefront.graphql.account.mutations._base import AccountMutation
from storefront.graphql.account.types import AccountInput, User, address_data


class AccountUpdate(AccountMutation):
    """Change the signed-in customer's names and default addresses. A default
    address given here overwrites the current default of that type (a new
    address-book entry when there is none, or when it is also the default of the
    other type). Address errors name the field as `defaultShippingAddress.city`."""

    class Arguments:
        input = graphene.Argument(AccountInput, required=True)

    user = graphene.Field(User, description="The customer.")

    login_required = True

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        payload = data["input"]
        shipping = payload.get("default_shipping_address")
        billing = payload.get("default_billing_address")
        user = user_update(
            user=info.context.user,
            first_name=payload.get("first_name"),
            last_name=payload.get("last_name"),
            default_shipping_address=address_data(shipping) if shipping else None,
            default_billing_address=address_data(billing) if billing else None,
        )
        return cls(user=user, errors=[])
