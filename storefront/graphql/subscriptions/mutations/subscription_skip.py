"""`subscriptionSkip`: skip the next delivery."""

from typing import Any

import graphene

from storefront.graphql.subscriptions.mutations._base import SubscriptionMutation
from storefront.subscriptions.services.self_service import subscription_skip


class SubscriptionSkip(SubscriptionMutation):
    """Skip the next delivery of an active subscription: the next renewal moves
    one interval later."""

    class Arguments:
        id = graphene.ID(required=True, description="The subscription's id.")

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        subscription = cls.owned_subscription(info, data["id"])
        subscription_skip(subscription=subscription, user=info.context.user)
        return cls.payload(info, subscription)
