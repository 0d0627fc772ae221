"""Helpers shared by the subscription services: errors, events, locks, permissions."""

from datetime import date
from typing import Any

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.utils import timezone

from storefront.accounts.models import User
from storefront.subscriptions.errors import (
    SubscriptionErrorCode,
    SubscriptionPermissionDenied,
    SubscriptionWrongStatusError,
)
from storefront.subscriptions.models import (
    Subscription,
    SubscriptionEvent,
    SubscriptionStatus,
)

Code = SubscriptionErrorCode


def _invalid(
    field_name: str, message: str, code: Code, **params: Any
) -> ValidationError:
    return ValidationError(
        {field_name: ValidationError(message, code=code.value, params=params or None)}
    )


def _today() -> date:
    return timezone.localdate()


def _dunning_days() -> list[int]:
    return list(getattr(settings, "SUBSCRIPTIONS_DUNNING_RETRY_DAYS", [1, 3, 7]))


def _event(
    subscription: Subscription,
    type_: str,
    user: User | AnonymousUser | None = None,
    **parameters: Any,
) -> None:
    SubscriptionEvent.objects.create(
        subscription=subscription,
        type=type_,
        user=user if isinstance(user, User) and user.pk else None,
        parameters={k: str(v) for k, v in parameters.items()},
    )


def _authorize(subscription: Subscription, user: User | AnonymousUser | None) -> None:
    if user is None or not user.is_authenticated or not user.is_active:
        raise SubscriptionPermissionDenied("Sign in to manage your subscriptions.")
    if subscription.user_id == user.pk:
        return
    if user.has_perm("subscriptions.manage_subscriptions"):
        return
    raise SubscriptionPermissionDenied("This subscription is not yours to change.")


def _locked(subscription: Subscription) -> Subscription:
    return Subscription.objects.select_for_update().get(pk=subscription.pk)


# A subscription the customer can still change: not cancelled.
_OPEN_STATUSES = (
    SubscriptionStatus.ACTIVE,
    SubscriptionStatus.PAUSED,
    SubscriptionStatus.PAST_DUE,
)


def _require_status(subscription: Subscription, *allowed: str, action: str) -> None:
    if subscription.status not in allowed:
        raise SubscriptionWrongStatusError(
            f"A subscription that is {subscription.get_status_display().lower()} "
            f"cannot be {action}."
        )


def _refresh(subscription: Subscription) -> Subscription:
    subscription.refresh_from_db()
    return subscription
