"""State changes shared by self-service and renewals; callers hold the row lock."""

from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from storefront.accounts.models import User
from storefront.subscriptions.models import (
    Subscription,
    SubscriptionEventType,
    SubscriptionStatus,
)
from storefront.subscriptions.services.base import (
    _OPEN_STATUSES,
    _event,
    _require_status,
)
from storefront.subscriptions.services.notifications import _email_on_commit


def _resume_locked(
    locked: Subscription, today: date, user: User | AnonymousUser | None
) -> None:
    _require_status(locked, SubscriptionStatus.PAUSED, action="resumed")
    locked.status = SubscriptionStatus.ACTIVE
    locked.paused_until = None
    locked.next_renewal_date = max(locked.next_renewal_date, today)
    locked.save(
        update_fields=["status", "paused_until", "next_renewal_date", "updated_at"]
    )
    _event(locked, SubscriptionEventType.RESUMED, user, next=locked.next_renewal_date)


def _cancel_locked(
    locked: Subscription, reason: str, user: User | AnonymousUser | None
) -> None:
    _require_status(
        locked,
        *_OPEN_STATUSES,
        action="cancelled",
    )
    locked.status = SubscriptionStatus.CANCELLED
    locked.cancel_reason = reason
    locked.cancelled_at = timezone.now()
    locked.retry_on = None
    locked.paused_until = None
    locked.save(
        update_fields=[
            "status",
            "cancel_reason",
            "cancelled_at",
            "retry_on",
            "paused_until",
            "updated_at",
        ]
    )
    _event(locked, SubscriptionEventType.CANCELLED, user, reason=reason)
    _email_on_commit(locked.pk, "cancelled")
