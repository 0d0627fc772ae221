"""`subscriptionPause`: pause until a date; nothing is ordered or charged until then."""

from typing import Any

import graphene

from storefront.graphql.subscriptions.mutations._base import SubscriptionMutation
from storefront.subscriptions.services.self_service import subscription_pause


class SubscriptionPause(SubscriptionMutation):
    """Pause an active subscription until a date (after today, at most a year
    away); nothing is ordered or charged until then, and it resumes by itself."""

    class Arguments:
        id = graphene.ID(required=True, description="The subscription's id.")
        until = graphene.Date(
            required=True, description="The day it becomes active again."
        )

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        subscription = cls.owned_subscription(info, data["id"])
        subscription_pause(
            subscription=subscription, user=info.context.user, until=data["until"]
        )
        return cls.payload(info, subscription)
