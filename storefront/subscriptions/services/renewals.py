"""Renewals: which subscriptions are due, renewing one, and the scheduled run.

Renewal design (at most once per subscription and period, nothing ships unpaid):

1. Under ``select_for_update(skip_locked=True)`` on the due subscription, the
   renewal row for its period start is got or created (unique on subscription and
   period start), the rules are checked again (a prohibited product or an unmet age
   pauses the subscription and nothing is charged), the price is quoted, stock is
   checked and a pending payment is recorded; the renewal is marked ``charging``.
   A second runner that meets a ``charging`` renewal leaves it alone.
2. Outside any transaction the saved card is charged off-session (the payment's
   idempotency key is stable, so a resumed attempt is never charged twice).
3. Under the subscription's lock again: when the money is there the order is
   created through ``orders.services.order_create`` (the same service checkout
   uses; it allocates stock under row locks) and the payment is captured and
   attached. The order is only created once paid, so no unpaid renewal ever holds
   stock or ships. A refused card makes the subscription past due and schedules
   the dunning retries (SUBSCRIPTIONS_DUNNING_RETRY_DAYS after the first failure);
   after the last one it is cancelled.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from storefront.inventory.selectors import stock_available_quantities
from storefront.payments.errors import PaymentError
from storefront.payments.services import payment_create
from storefront.subscriptions.models import (
    RenewalStatus,
    Subscription,
    SubscriptionLine,
    SubscriptionRenewal,
    SubscriptionStatus,
)
from storefront.subscriptions.services.base import _today
from storefront.subscriptions.services.lifecycle import _resume_locked
from storefront.subscriptions.services.renewal_steps import (
    RenewalOutcome,
    RenewalQuote,
    _advance,
    _block,
    _Blocked,
    _charge,
    _payment_give_back,
    _postpone,
    _renewal_compliance,
    _renewal_finish,
    _renewal_quote,
)

logger = logging.getLogger(__name__)


def _due_q(today: date) -> Q:
    return (
        Q(status__in=[SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE])
        & Q(next_renewal_date__lte=today)
        & (Q(retry_on__isnull=True) | Q(retry_on__lte=today))
    )


def subscriptions_due(*, today: date | None = None) -> "QuerySet[Subscription, int]":
    """Ids of subscriptions to renew on ``today`` (or whose renewal stalled)."""
    today = today or _today()
    stale = timezone.now() - _stale_after()
    stalled = SubscriptionRenewal.objects.filter(
        status=RenewalStatus.CHARGING, charging_since__lt=stale
    ).values("subscription_id")
    return (
        Subscription.objects.filter(_due_q(today) | Q(pk__in=stalled))
        .order_by("next_renewal_date", "pk")
        .values_list("pk", flat=True)
    )


def _stale_after() -> timedelta:
    return timedelta(
        seconds=int(getattr(settings, "SUBSCRIPTIONS_CHARGING_STALE_SECONDS", 900))
    )


def _stock_short(
    subscription: Subscription, quote: RenewalQuote, lines: list[Any]
) -> str:
    tracked = {line.variant_id for line in lines if line.variant.track_inventory}
    if not tracked:
        return ""
    available = stock_available_quantities(
        channel_id=subscription.channel_id, variant_ids=tracked
    )
    for line in lines:
        if line.variant_id in tracked and (
            available.get(line.variant_id, 0)
            < quote.variant_quantities[line.variant_id]
        ):
            return f"{line.variant.product.name} is out of stock."
    return ""


def _lines_of(subscription: Subscription) -> list[SubscriptionLine]:
    return list(
        SubscriptionLine.objects.filter(subscription=subscription)
        .select_related("variant__product")
        .order_by("pk")
    )


def subscription_renew(
    *, subscription_id: int, today: date | None = None, early: bool = False
) -> RenewalOutcome | None:
    """Renew one subscription for its next period, at most once per period.

    See the module docstring for the three steps. Returns ``None`` when the
    subscription is not due, is being renewed by another worker right now, or its
    period is already paid. ``early`` renews an active subscription before its date
    (order now); a refused card then changes nothing but the outcome.
    """

    today = today or _today()
    now = timezone.now()
    with transaction.atomic():
        query = (
            Subscription.objects.select_for_update(skip_locked=True, of=("self",))
            .select_related("channel", "shipping_address", "shipping_method", "user")
            .filter(pk=subscription_id)
        )
        if early:
            query = query.filter(status=SubscriptionStatus.ACTIVE)
        else:
            stalled = SubscriptionRenewal.objects.filter(
                subscription_id=subscription_id,
                status=RenewalStatus.CHARGING,
                charging_since__lt=now - _stale_after(),
            ).values("subscription_id")
            query = query.filter(_due_q(today) | Q(pk__in=stalled))
        subscription = query.filter(pk=subscription_id).first()
        if subscription is None:
            return None
        renewal, _ = SubscriptionRenewal.objects.get_or_create(
            subscription=subscription, period_start=subscription.next_renewal_date
        )
        if renewal.status == RenewalStatus.PAID:
            # The period was paid but the dates did not move on (should not happen).
            _advance(subscription, renewal, today, early=False)
            return None
        lines = _lines_of(subscription)
        if renewal.status == RenewalStatus.CHARGING:
            if renewal.charging_since and renewal.charging_since > now - _stale_after():
                return None  # another worker is charging this period right now
            payment = renewal.payment
        else:
            payment = None
        try:
            if payment is None:
                _renewal_compliance(subscription, lines, today)
            quote = _renewal_quote(subscription, lines)
        except _Blocked as blocked:
            if payment is not None:
                reason = blocked.reason
                transaction.on_commit(
                    lambda: _payment_give_back(payment, reason)  # type: ignore[arg-type]
                )
            return _block(subscription, renewal, blocked.reason)
        if payment is None:
            short = _stock_short(subscription, quote, lines)
            if short:
                return _postpone(subscription, renewal, short, today)
            payment = payment_create(
                gateway=subscription.gateway or "dummy",
                amount=quote.total.gross,
                customer_email=subscription.email,
                metadata={
                    "subscription_id": str(subscription.pk),
                    "period_start": subscription.next_renewal_date.isoformat(),
                },
            )
            renewal.attempts += 1
        renewal.status = RenewalStatus.CHARGING
        renewal.payment = payment
        renewal.charging_since = now
        renewal.save()

    failure = _charge(subscription, payment, quote)
    return _renewal_finish(
        subscription_id=subscription.pk,
        renewal_id=renewal.pk,
        quote=quote,
        failure=failure,
        today=today,
        early=early,
    )


@dataclass
class RenewalRunSummary:
    resumed: int = 0
    outcomes: list[RenewalOutcome] = field(default_factory=list)

    def count(self, result: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.result == result)


def subscriptions_resume_due(*, today: date | None = None) -> int:
    """Resume subscriptions whose pause ends on or before ``today``."""
    today = today or _today()
    resumed = 0
    ids = Subscription.objects.filter(
        status=SubscriptionStatus.PAUSED, paused_until__lte=today
    ).values_list("pk", flat=True)
    for pk in list(ids):
        with transaction.atomic():
            locked = (
                Subscription.objects.select_for_update(skip_locked=True)
                .filter(
                    pk=pk, status=SubscriptionStatus.PAUSED, paused_until__lte=today
                )
                .first()
            )
            if locked is None:
                continue
            _resume_locked(locked, today, None)
            resumed += 1
    return resumed


def subscription_renewals_run(
    *, today: date | None = None, limit: int | None = None
) -> RenewalRunSummary:
    """Resume ended pauses, then renew every due subscription once.

    Safe to run twice or from several workers at once: each subscription is
    claimed with ``skip_locked`` and each period has a unique renewal row.
    """
    today = today or _today()
    summary = RenewalRunSummary(resumed=subscriptions_resume_due(today=today))
    due = subscriptions_due(today=today)
    ids: Iterable[int] = list(due[:limit] if limit else due)
    for pk in ids:
        try:
            outcome = subscription_renew(subscription_id=pk, today=today)
        except PaymentError as exc:
            # Recording a payment failed at the provider; the next run retries.
            logger.error("Renewal of subscription %s failed: %s", pk, exc.message)
            continue
        if outcome is not None:
            summary.outcomes.append(outcome)
    return summary
