"""`subscriptionCancel`: cancel for good, with a reason."""

from typing import Any

import graphene

from storefront.graphql.subscriptions.mutations._base import SubscriptionMutation
from storefront.subscriptions.services.self_service import subscription_cancel


class SubscriptionCancel(SubscriptionMutation):
    """Cancel a subscription for good, with the customer's reason if they give one
    (at most 500 characters). A membership keeps member access until the end of
    the period already paid. A storefront may offer `subscriptionPause` first."""

    class Arguments:
        id = graphene.ID(required=True, description="The subscription's id.")
        reason = graphene.String(
            default_value="",
            description="Why the customer is cancelling; optional.",
        )

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        subscription = cls.owned_subscription(info, data["id"])
        subscription_cancel(
            subscription=subscription, user=info.context.user, reason=data["reason"]
        )
        return cls.payload(info, subscription)
