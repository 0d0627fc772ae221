"""Which plan a product can be subscribed on, as the cart asks."""

from storefront.subscriptions.models import SubscriptionPlan


def plan_get(*, product_id: int, channel_id: int) -> SubscriptionPlan | None:
    """The active subscription plan of a product in a channel, if it has one."""
    return SubscriptionPlan.objects.filter(
        product_id=product_id, channel_id=channel_id, is_active=True
    ).first()
