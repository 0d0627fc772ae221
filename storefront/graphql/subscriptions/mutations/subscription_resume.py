"""`subscriptionResume`: resume a paused subscription."""

from typing import Any

import graphene

from storefront.graphql.subscriptions.mutations._base import SubscriptionMutation
from storefront.subscriptions.services.self_service import subscription_resume


class SubscriptionResume(SubscriptionMutation):
    """Resume a paused subscription now; a renewal date already passed becomes
    today."""

    class Arguments:
        id = graphene.ID(required=True, description="The subscription's id.")

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        subscription = cls.owned_subscription(info, data["id"])
        subscription_resume(subscription=subscription, user=info.context.user)
        return cls.payload(info, subscription)
