"""`subscriptionFrequencyUpdate`: change how often a subscription renews."""

from typing import Any

import graphene

from storefront.graphql.subscriptions.mutations._base import SubscriptionMutation
from storefront.graphql.subscriptions.types import SubscriptionIntervalEnum, enum_value
from storefront.subscriptions.services.self_service import subscription_interval_change


class SubscriptionFrequencyUpdate(SubscriptionMutation):
    """Change how often a subscription renews, to an interval that every one of
    its products' plans offers; the next renewal date stays as it is."""

    class Arguments:
        id = graphene.ID(required=True, description="The subscription's id.")
        interval = graphene.Argument(
            SubscriptionIntervalEnum, required=True, description="The new interval."
        )

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        subscription = cls.owned_subscription(info, data["id"])
        subscription_interval_change(
            subscription=subscription,
            user=info.context.user,
            interval=enum_value(data["interval"]),
        )
        return cls.payload(info, subscription)
