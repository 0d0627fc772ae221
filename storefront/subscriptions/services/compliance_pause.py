"""Pausing a subscription's renewals when the law changes under it."""

from django.db import transaction

from storefront.subscriptions.models import (
    Subscription,
    SubscriptionEvent,
    SubscriptionEventType,
    SubscriptionStatus,
)
from storefront.subscriptions.services.notifications import subscription_email_send

PAUSABLE = (SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE)


def subscription_compliance_pause(*, subscription_id: int, reason: str) -> bool:
    """Pause renewals (nothing is ordered or charged) and tell the customer why.

    The pause has no end date: the customer or staff resume it once the product may
    ship again. Pausing twice changes nothing and sends no second email.

    Returns:
        Whether the subscription was paused now.
    """
    with transaction.atomic():
        subscription = (
            Subscription.objects.select_for_update().filter(pk=subscription_id).first()
        )
        if subscription is None or subscription.status not in PAUSABLE:
            return False
        subscription.status = SubscriptionStatus.PAUSED
        subscription.paused_until = None
        subscription.retry_on = None
        subscription.save(
            update_fields=["status", "paused_until", "retry_on", "updated_at"]
        )
        SubscriptionEvent.objects.create(
            subscription=subscription,
            type=SubscriptionEventType.BLOCKED,
            parameters={"reason": reason},
        )
        transaction.on_commit(
            lambda: subscription_email_send(
                subscription_id=subscription_id,
                kind="blocked",
                extra={"reason": reason},
            )
        )
    return True
