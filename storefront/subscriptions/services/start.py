"""Starting subscriptions from a first, paid order."""

import logging
from collections import defaultdict
from typing import Any

from django.db import transaction
from django.utils import timezone

from storefront.accounts.addresses import address_copy
from storefront.orders.models import Order
from storefront.payments import stripe_client
from storefront.payments.errors import PaymentError
from storefront.payments.models import Payment
from storefront.subscriptions.models import (
    Interval,
    Subscription,
    SubscriptionEventType,
    SubscriptionLine,
    SubscriptionOrder,
    SubscriptionPlan,
)
from storefront.subscriptions.pricing import interval_advance
from storefront.subscriptions.services.base import _event

logger = logging.getLogger(__name__)


DUMMY_TOKEN_PREFIX = "dummy_pm_"  # noqa: S105 (a prefix, not a secret)


def _saved_method_from_payment(payment: Payment) -> tuple[str, str, str]:
    """(payment method ref, customer ref, label) of the card that paid ``payment``."""
    if payment.gateway == "dummy":
        return (
            f"{DUMMY_TOKEN_PREFIX}{payment.psp_reference or payment.token}",
            "",
            ("the card used for your first order"),
        )
    if payment.gateway == "stripe" and payment.psp_reference:
        try:
            intent = stripe_client.payment_intent_retrieve(
                intent_id=payment.psp_reference
            )
        except PaymentError as exc:
            logger.warning("Could not read the saved card: %s", exc.message)
            return "", "", ""
        method = intent.get("payment_method") or ""
        if isinstance(method, dict):
            method = method.get("id", "")
        customer = intent.get("customer") or ""
        if isinstance(customer, dict):
            customer = customer.get("id", "")
        if method and customer:
            return str(method), str(customer), "your saved card"
    return "", "", ""


def subscription_create_from_order(
    *, order: Order, payment: Payment | None = None
) -> list[Subscription]:
    """Start a subscription for the subscription lines of a first, paid order.

    One subscription per interval (and one for a membership); each copies the
    shipping address, keeps the card that paid (a dummy token, or Stripe's customer
    and payment method when the intent saved them) and renews one interval after
    the order. Idempotent: an order that already started subscriptions returns them.
    Call inside the order's transaction, after it has been paid.
    """
    existing = list(
        Subscription.objects.filter(
            subscription_orders__order=order, subscription_orders__is_first=True
        )
    )
    if existing:
        return existing
    lines = [
        line
        for line in order.lines.select_related("variant__product").order_by("pk")
        if line.is_subscription and line.variant is not None
    ]
    if not lines:
        return []
    if order.user_id is None:
        logger.warning("Order %s has subscription lines but no customer", order.pk)
        return []
    product_of = {
        line.pk: line.variant.product_id for line in lines if line.variant is not None
    }
    plans = {
        plan.product_id: plan
        for plan in SubscriptionPlan.objects.filter(
            channel_id=order.channel_id, product_id__in=set(product_of.values())
        )
    }
    groups: dict[tuple[str, bool], list[Any]] = defaultdict(list)
    for line in lines:
        plan = plans.get(product_of[line.pk])
        interval = line.subscription_interval or Interval.MONTHLY
        groups[(interval, bool(plan and plan.is_membership))].append(line)
    method_ref, customer_ref, label = (
        _saved_method_from_payment(payment) if payment is not None else ("", "", "")
    )
    start = timezone.localdate(order.created_at)
    created = []
    with transaction.atomic():
        for (interval, is_membership), group in groups.items():
            next_date = interval_advance(start, interval)
            subscription = Subscription.objects.create(
                user_id=order.user_id,
                channel_id=order.channel_id,
                interval=interval,
                is_membership=is_membership,
                email=order.user_email,
                region=order.region,
                shipping_address=None
                if is_membership
                else address_copy(order.shipping_address),
                shipping_method=None if is_membership else order.shipping_method,
                gateway=payment.gateway if payment is not None else "",
                payment_method_ref=method_ref,
                payment_customer_ref=customer_ref,
                card_label=label,
                started_on=start,
                next_renewal_date=next_date,
                paid_until=next_date,
            )
            SubscriptionLine.objects.bulk_create(
                [
                    SubscriptionLine(
                        subscription=subscription,
                        variant=line.variant,
                        quantity=line.quantity,
                    )
                    for line in group
                ]
            )
            SubscriptionOrder.objects.create(
                subscription=subscription,
                order=order,
                period_start=start,
                is_first=True,
            )
            _event(
                subscription,
                SubscriptionEventType.CREATED,
                order=order.number,
                interval=interval,
            )
            created.append(subscription)
    return created
