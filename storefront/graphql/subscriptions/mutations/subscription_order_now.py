"""`subscriptionOrderNow`: order the next delivery today."""

from typing import Any

import graphene

from storefront.graphql.order.types import Order, order_queryset
from storefront.graphql.subscriptions.mutations._base import SubscriptionMutation
from storefront.orders.models import Order as OrderModel
from storefront.subscriptions.services.self_service import subscription_order_now


class SubscriptionOrderNow(SubscriptionMutation):
    """Order the next delivery of an active subscription today, charged to the
    saved card; later renewals follow one interval after. When the card is refused
    or the order cannot be made, nothing is charged and the schedule stays."""

    class Arguments:
        id = graphene.ID(required=True, description="The subscription's id.")

    order = graphene.Field(Order, description="The order placed.")

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        subscription = cls.owned_subscription(info, data["id"])
        outcome = subscription_order_now(
            subscription=subscription, user=info.context.user
        )
        order = (
            order_queryset(OrderModel.objects.filter(pk=outcome.order_id)).first()
            if outcome.order_id is not None
            else None
        )
        return cls.payload(info, subscription, order=order)
