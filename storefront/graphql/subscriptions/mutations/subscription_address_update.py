"""`subscriptionAddressUpdate`: deliver a subscription to a new address."""

from typing import Any

import graphene

from storefront.graphql.account.types import AddressInput, address_data
from storefront.graphql.subscriptions.mutations._base import SubscriptionMutation
from storefront.subscriptions.services.self_service import subscription_address_change


class SubscriptionAddressUpdate(SubscriptionMutation):
    """Deliver future renewals to a new address. The address is checked against
    its country's rules, the channel's countries and delivery options, and the
    rules for selling each product to its region (refused with
    NOT_AVAILABLE_IN_REGION)."""

    class Arguments:
        id = graphene.ID(required=True, description="The subscription's id.")
        address = graphene.Argument(
            AddressInput, required=True, description="The new delivery address."
        )

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        subscription = cls.owned_subscription(info, data["id"])
        subscription_address_change(
            subscription=subscription,
            user=info.context.user,
            data=address_data(data["address"]),
        )
        return cls.payload(info, subscription)
