"""Emails to subscribers: reminders, renewals, failures."""

from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.template.loader import render_to_string
from django.urls import reverse

from common.mail import email_queue
from common.urls import storefront_base_url
from storefront.subscriptions.models import (
    Subscription,
    SubscriptionEventType,
    SubscriptionStatus,
)
from storefront.subscriptions.pricing import interval_label
from storefront.subscriptions.services.base import _event, _today

EMAIL_SUBJECTS = {
    "reminder": "Your Verdant Field subscription renews soon",
    "renewed": "Your Verdant Field subscription has renewed",
    "payment_failed": "We could not charge your card",
    "blocked": "Your Verdant Field subscription is paused",
    "cancelled": "Your Verdant Field subscription is cancelled",
}


def _email_on_commit(subscription_id: int, kind: str, **extra: Any) -> None:
    # Rendered after commit so the email shows the committed change; robust, so a
    # failure to write it never undoes the answer the customer already has.
    transaction.on_commit(
        lambda: subscription_email_send(
            subscription_id=subscription_id, kind=kind, extra=extra
        ),
        robust=True,
    )


def subscription_email_send(
    *, subscription_id: int, kind: str, extra: dict[str, Any] | None = None
) -> None:
    """Send one of the subscription emails (after the change has been committed)."""
    subscription = (
        Subscription.objects.select_related("channel", "shipping_address")
        .prefetch_related("lines__variant__product")
        .get(pk=subscription_id)
    )
    base = storefront_base_url()
    context = {
        "subscription": subscription,
        "lines": list(subscription.lines.all()),
        "interval": interval_label(subscription.interval),
        "link": base + reverse("subscriptions:detail", args=[subscription.pk]),
        "card_link": base
        + reverse("subscriptions:payment_method", args=[subscription.pk]),
        **(extra or {}),
    }
    email_queue(
        subject=EMAIL_SUBJECTS[kind],
        body=render_to_string(f"subscriptions/email/{kind}.txt", context),
        to=[subscription.email],
    )


def subscription_reminders_send(*, today: date | None = None) -> int:
    """Remind customers whose renewal is due in SUBSCRIPTIONS_REMINDER_DAYS days.

    Each renewal date is reminded once. Returns how many reminders were queued.
    """
    today = today or _today()
    days = int(getattr(settings, "SUBSCRIPTIONS_REMINDER_DAYS", 3))
    sent = 0
    candidates = Subscription.objects.filter(
        status=SubscriptionStatus.ACTIVE,
        next_renewal_date__gt=today,
        next_renewal_date__lte=today + timedelta(days=days),
    ).exclude(reminder_sent_for=F("next_renewal_date"))
    for pk in candidates.values_list("pk", flat=True).order_by("pk"):
        with transaction.atomic():
            locked = (
                Subscription.objects.select_for_update(skip_locked=True)
                .filter(pk=pk, status=SubscriptionStatus.ACTIVE)
                .first()
            )
            if locked is None or locked.reminder_sent_for == locked.next_renewal_date:
                continue
            locked.reminder_sent_for = locked.next_renewal_date
            locked.save(update_fields=["reminder_sent_for", "updated_at"])
            _event(
                locked,
                SubscriptionEventType.REMINDER_SENT,
                date=locked.next_renewal_date,
            )
            _email_on_commit(locked.pk, "reminder")
            sent += 1
    return sent
