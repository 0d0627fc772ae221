"""Subscriptions: adding to the cart, starting, self-service changes, renewals.

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
import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, TypedDict

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from prices import TaxedMoney

from common.errors import DomainError
from common.money import zero_money
from storefront.accounts.addresses import address_validate
from storefront.accounts.models import ADDRESS_FIELDS, Address
from storefront.catalogue.models import (
    ProductChannelListing,
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.checkout.calculations import tax_rate_for_country, taxed_from_entered
from storefront.checkout.models import Checkout, CheckoutLine
from storefront.inventory.allocation import stock_available_quantities
from storefront.orders.models import Order
from storefront.payments.errors import PaymentError
from storefront.payments.models import Payment, PaymentStatus
from storefront.shipping.models import ShippingMethod, ShippingMethodChannelListing
from storefront.subscriptions.errors import (
    SubscriptionError,
    SubscriptionErrorCode,
    SubscriptionNotAvailableInRegionError,
    SubscriptionPermissionDenied,
    SubscriptionWrongStatusError,
)
from storefront.subscriptions.models import (
    Interval,
    RenewalStatus,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventType,
    SubscriptionLine,
    SubscriptionOrder,
    SubscriptionPlan,
    SubscriptionRenewal,
    SubscriptionStatus,
)
from storefront.subscriptions.pricing import (
    interval_advance,
    interval_label,
    plan_discounts_for_products,
    subscribe_and_save_amount,
)

logger = logging.getLogger(__name__)

Code = SubscriptionErrorCode
DUMMY_TOKEN_PREFIX = "dummy_pm_"  # noqa: S105 (a prefix, not a secret)
# Stripe's own test number for "attaches to a customer, but every charge fails".
DUMMY_CARD_CHARGE_FAILS = "4000000000000341"
MAX_QUANTITY = 50
CANCEL_REASON_MAX = 500


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
    user: AbstractBaseUser | AnonymousUser | None = None,
    **parameters: Any,
) -> None:
    SubscriptionEvent.objects.create(
        subscription=subscription,
        type=type_,
        user=user if getattr(user, "pk", None) else None,
        parameters={k: str(v) for k, v in parameters.items()},
    )


# --- the cart --------------------------------------------------------------------


def plan_get(*, product_id: int, channel_id: int) -> SubscriptionPlan | None:
    """The active subscription plan of a product in a channel, if it has one."""
    return SubscriptionPlan.objects.filter(
        product_id=product_id, channel_id=channel_id, is_active=True
    ).first()


def subscription_line_add(
    *,
    checkout: Checkout,
    variant_id: object,
    quantity: object,
    purchase: str,
    interval: str | None,
) -> CheckoutLine:
    """Add a variant to the cart once (``purchase="once"``) or on subscription.

    A subscription line is a checkout line with ``is_subscription`` and the interval
    set; the checkout's totals give it the plan's discount. Subscribing needs a
    signed-in customer, since the subscription is managed from the account.

    Raises:
        ValidationError: ``purchase`` is neither "once" nor "subscribe"; the product
            has no plan in the channel (``purchase``); ``interval`` missing or not
            offered; the customer is not signed in (``purchase``); and the errors
            of ``checkout.services.checkout_line_add``.
        ProductNotAvailableInRegionError, InsufficientStockError: from
            ``checkout_line_add``.
    """
    from storefront.checkout.services import checkout_line_add

    if purchase in ("", "once", None):
        return checkout_line_add(
            checkout=checkout, variant_id=variant_id, quantity=quantity
        )
    if purchase != "subscribe":
        raise _invalid("purchase", "Choose one-time or subscribe.", Code.INVALID)
    try:
        variant = ProductVariant.objects.get(pk=int(str(variant_id)))
    except (ValueError, ProductVariant.DoesNotExist):
        raise _invalid("variant", "Choose a product option.", Code.NOT_FOUND) from None
    plan = plan_get(product_id=variant.product_id, channel_id=checkout.channel_id)
    if plan is None:
        raise _invalid(
            "purchase", "This product cannot be bought on subscription.", Code.NO_PLAN
        )
    if not interval:
        raise _invalid("interval", "Choose how often to receive it.", Code.REQUIRED)
    if interval not in plan.intervals:
        raise _invalid(
            "interval",
            "Choose one of the delivery frequencies offered.",
            Code.INTERVAL_NOT_OFFERED,
        )
    if checkout.user_id is None:
        if plan.is_membership:
            # A membership is granted to an account: there must be one to grant.
            raise _invalid(
                "purchase",
                "Sign in or create an account to become a member; your membership "
                "belongs to your account.",
                Code.REQUIRED,
            )
        raise _invalid(
            "purchase",
            "Sign in or create an account to subscribe; you manage it from there.",
            Code.REQUIRED,
        )
    with transaction.atomic():
        line = checkout_line_add(
            checkout=checkout,
            variant_id=variant.pk,
            quantity=quantity,
            is_subscription=True,
            subscription_interval=interval,
        )
        if line.subscription_interval != interval:
            line.subscription_interval = interval
            line.save(update_fields=["subscription_interval"])
    return line


# --- starting a subscription --------------------------------------------------------


class PaymentSaveOptions(TypedDict, total=False):
    customer_id: str
    setup_future_usage: str


def subscription_payment_options(
    *, checkout: Checkout, gateway: str
) -> PaymentSaveOptions:
    """Extra ``payment_authorize`` arguments when a checkout starts a subscription.

    With Stripe the first payment saves the card for off-session renewals: the
    intent gets a customer (the one of the customer's earlier Stripe subscription,
    else a new one) and ``setup_future_usage="off_session"``. The dummy gateway
    needs nothing: its token is made from the first payment. Without subscription
    lines the answer is empty.

    Raises:
        PaymentGatewayError: Stripe could not create the customer.
    """
    if gateway != "stripe" or checkout.user_id is None:
        return {}
    if not checkout.lines.filter(is_subscription=True).exists():
        return {}
    from storefront.payments import stripe_client

    customer = (
        Subscription.objects.filter(user_id=checkout.user_id, gateway="stripe")
        .exclude(payment_customer_ref="")
        .values_list("payment_customer_ref", flat=True)
        .first()
    )
    if not customer:
        customer = stripe_client.customer_create(
            email=checkout.email, idempotency_key=f"customer-{checkout.token}"
        )["id"]
    return PaymentSaveOptions(
        customer_id=str(customer), setup_future_usage="off_session"
    )


def _address_copy(address: Address | None) -> Address | None:
    if address is None:
        return None
    return Address.objects.create(
        user=None, **{name: getattr(address, name) for name in ADDRESS_FIELDS}
    )


def _saved_method_from_payment(payment: Payment) -> tuple[str, str, str]:
    """(payment method ref, customer ref, label) of the card that paid ``payment``."""
    if payment.gateway == "dummy":
        return (
            f"{DUMMY_TOKEN_PREFIX}{payment.psp_reference or payment.token}",
            "",
            ("the card used for your first order"),
        )
    if payment.gateway == "stripe" and payment.psp_reference:
        from storefront.payments import stripe_client

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
    plans = {
        plan.product_id: plan
        for plan in SubscriptionPlan.objects.filter(
            channel_id=order.channel_id,
            product_id__in={line.variant.product_id for line in lines},
        )
    }
    groups: dict[tuple[str, bool], list[Any]] = defaultdict(list)
    for line in lines:
        plan = plans.get(line.variant.product_id)
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
                else _address_copy(order.shipping_address),
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


# --- self-service -------------------------------------------------------------------


def _authorize(
    subscription: Subscription, user: AbstractBaseUser | AnonymousUser | None
) -> None:
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


def subscription_skip(
    *, subscription: Subscription, user: AbstractBaseUser | AnonymousUser | None
) -> Subscription:
    """Skip the next delivery: the next renewal moves one interval later.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        SubscriptionWrongStatusError: it is not active.
    """
    _authorize(subscription, user)
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(locked, SubscriptionStatus.ACTIVE, action="skipped")
        skipped = locked.next_renewal_date
        locked.next_renewal_date = interval_advance(skipped, locked.interval)
        locked.retry_on = None
        locked.save(update_fields=["next_renewal_date", "retry_on", "updated_at"])
        _event(
            locked,
            SubscriptionEventType.SKIPPED,
            user,
            skipped=skipped,
            next=locked.next_renewal_date,
        )
    return _refresh(subscription)


def subscription_pause(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    until: object,
) -> Subscription:
    """Pause until a date; nothing is ordered or charged until then.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: ``until`` missing, not a date, not in the future or more
            than a year away.
        SubscriptionWrongStatusError: it is not active.
    """
    _authorize(subscription, user)
    if isinstance(until, date):
        day = until
    else:
        try:
            day = date.fromisoformat(str(until or "").strip())
        except ValueError:
            raise _invalid(
                "until", "Enter the date to pause until.", Code.INVALID
            ) from None
    today = _today()
    if day <= today:
        raise _invalid("until", "Choose a date after today.", Code.INVALID)
    if day > today + timedelta(days=365):
        raise _invalid("until", "Pause for at most a year.", Code.INVALID)
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(locked, SubscriptionStatus.ACTIVE, action="paused")
        locked.status = SubscriptionStatus.PAUSED
        locked.paused_until = day
        locked.retry_on = None
        locked.save(update_fields=["status", "paused_until", "retry_on", "updated_at"])
        _event(locked, SubscriptionEventType.PAUSED, user, until=day)
    return _refresh(subscription)


def subscription_resume(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    today: date | None = None,
) -> Subscription:
    """Resume a paused subscription; a renewal date already passed becomes today.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        SubscriptionWrongStatusError: it is not paused.
    """
    _authorize(subscription, user)
    with transaction.atomic():
        locked = _locked(subscription)
        _resume_locked(locked, today or _today(), user)
    return _refresh(subscription)


def _resume_locked(
    locked: Subscription, today: date, user: AbstractBaseUser | AnonymousUser | None
) -> None:
    _require_status(locked, SubscriptionStatus.PAUSED, action="resumed")
    locked.status = SubscriptionStatus.ACTIVE
    locked.paused_until = None
    locked.next_renewal_date = max(locked.next_renewal_date, today)
    locked.save(
        update_fields=["status", "paused_until", "next_renewal_date", "updated_at"]
    )
    _event(locked, SubscriptionEventType.RESUMED, user, next=locked.next_renewal_date)


def _plans_for(subscription: Subscription) -> dict[int, SubscriptionPlan]:
    product_ids = subscription.lines.values_list("variant__product_id", flat=True)
    return {
        plan.product_id: plan
        for plan in SubscriptionPlan.objects.filter(
            channel_id=subscription.channel_id, product_id__in=list(product_ids)
        )
    }


def subscription_interval_change(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    interval: str,
) -> Subscription:
    """Change how often it renews; the next renewal date stays as it is.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: ``interval`` not offered by every product's plan.
        SubscriptionWrongStatusError: it is cancelled.
    """
    _authorize(subscription, user)
    plans = _plans_for(subscription)
    if (
        not interval
        or interval not in Interval.values
        or not plans
        or any(interval not in plan.intervals for plan in plans.values())
    ):
        raise _invalid(
            "interval",
            "Choose one of the delivery frequencies offered.",
            Code.INTERVAL_NOT_OFFERED,
        )
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(
            locked,
            *_OPEN_STATUSES,
            action="changed",
        )
        before = locked.interval
        locked.interval = interval
        locked.save(update_fields=["interval", "updated_at"])
        _event(
            locked,
            SubscriptionEventType.INTERVAL_CHANGED,
            user,
            before=interval_label(before),
            after=interval_label(interval),
        )
    return _refresh(subscription)


def subscription_line_change(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    line_id: object,
    quantity: object,
    variant_id: object | None = None,
) -> SubscriptionLine:
    """Change a line's quantity or swap it for another option of the same product.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: unknown ``line``; ``quantity`` not a whole number from 1
            to 50; ``variant`` unknown, of another product or not sold in the
            subscription's channel.
        SubscriptionWrongStatusError: it is cancelled.
    """
    _authorize(subscription, user)
    try:
        amount = int(str(quantity).strip())
    except (TypeError, ValueError):
        raise _invalid("quantity", "Enter a whole number.", Code.INVALID) from None
    if not 1 <= amount <= MAX_QUANTITY:
        raise _invalid(
            "quantity",
            "Choose between 1 and %(max)d.",
            Code.INVALID,
            max=MAX_QUANTITY,
        )
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(
            locked,
            *_OPEN_STATUSES,
            action="changed",
        )
        try:
            line = SubscriptionLine.objects.select_related("variant").get(
                subscription=locked, pk=int(str(line_id))
            )
        except (ValueError, SubscriptionLine.DoesNotExist):
            raise _invalid(
                "line", "This item is not part of the subscription.", Code.NOT_FOUND
            ) from None
        before = (line.variant.sku, line.quantity)
        if variant_id not in (None, "", line.variant_id, str(line.variant_id)):
            try:
                variant = ProductVariant.objects.get(pk=int(str(variant_id)))
            except (ValueError, ProductVariant.DoesNotExist):
                raise _invalid(
                    "variant", "Choose a product option.", Code.NOT_FOUND
                ) from None
            if variant.product_id != line.variant.product_id:
                raise _invalid(
                    "variant",
                    "Choose an option of the same product.",
                    Code.VARIANT_OF_OTHER_PRODUCT,
                )
            if not ProductVariantChannelListing.objects.filter(
                variant=variant, channel_id=locked.channel_id
            ).exists():
                raise _invalid(
                    "variant",
                    "This option is not sold in your shop's channel.",
                    Code.NOT_FOUND,
                )
            line.variant = variant
        line.quantity = amount
        line.save(update_fields=["variant", "quantity"])
        _event(
            locked,
            SubscriptionEventType.LINE_CHANGED,
            user,
            before=f"{before[1]} x {before[0]}",
            after=f"{line.quantity} x {line.variant.sku}",
        )
    return line


def _region_check(
    subscription: Subscription, region: str, on_date: date | None = None
) -> None:
    """Raise when a line may no longer be sold to ``region``."""
    from compliance.regions import availability_decide

    for line in subscription.lines.select_related("variant__product"):
        product = line.variant.product
        if not product.regulated_class or product.regulated_class == "general":
            continue
        decision = availability_decide(
            product_class=product.regulated_class, region=region, on_date=on_date
        )
        if not decision.allowed:
            raise SubscriptionNotAvailableInRegionError(
                f"{product.name} cannot be delivered to this address: {decision.reason}"
            )


def subscription_address_change(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    data: dict[str, Any],
) -> Subscription:
    """Deliver to a new address, after checking it and the rules for its region.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: the address is invalid (its field named), outside the
            channel's countries or not served by any delivery method (``country``).
        SubscriptionNotAvailableInRegionError: a product may not be sold there.
        SubscriptionWrongStatusError: it is cancelled or a membership.
    """
    _authorize(subscription, user)
    if subscription.is_membership:
        raise SubscriptionWrongStatusError("A membership has no delivery address.")
    cleaned = address_validate(data=data)
    candidate = Address(**cleaned)
    channel = subscription.channel
    allowed = [c.code for c in channel.countries] or [channel.default_country.code]
    if candidate.country.code not in allowed:
        raise _invalid(
            "country",
            "This shop does not deliver to that country.",
            Code.NOT_AVAILABLE_IN_REGION,
        )
    region = candidate.region
    _region_check(subscription, region)
    method = _shipping_method_for(
        channel_id=channel.pk,
        country=candidate.country.code,
        preferred=subscription.shipping_method_id,
    )
    if method is None:
        raise _invalid(
            "country",
            "No delivery option serves that country.",
            Code.NOT_AVAILABLE_IN_REGION,
        )
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(
            locked,
            *_OPEN_STATUSES,
            action="changed",
        )
        locked.shipping_address = Address.objects.create(user=None, **cleaned)
        locked.region = region
        locked.shipping_method = method
        locked.save(
            update_fields=[
                "shipping_address",
                "region",
                "shipping_method",
                "updated_at",
            ]
        )
        _event(locked, SubscriptionEventType.ADDRESS_CHANGED, user, region=region)
    return _refresh(subscription)


def _shipping_method_for(
    *, channel_id: int, country: str, preferred: int | None
) -> ShippingMethod | None:
    listings = list(
        ShippingMethodChannelListing.objects.filter(
            channel_id=channel_id,
            shipping_method__zone__channels__id=channel_id,
            shipping_method__zone__countries__contains=country,
        )
        .select_related("shipping_method")
        .order_by("price_amount", "shipping_method__name")
    )
    for listing in listings:
        if listing.shipping_method_id == preferred:
            return listing.shipping_method
    return listings[0].shipping_method if listings else None


CARD_SETUP_PURPOSE = "subscription_card_update"
_ATTEMPT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True)
class CardSetup:
    """A started card change of a Stripe subscription, for the Payment Element."""

    setup_intent_id: str
    client_secret: str


@dataclass(frozen=True)
class CardUpdateResult:
    """The subscription with its new card and, if it was past due, the retry."""

    subscription: Subscription
    renewal: "RenewalOutcome | None" = None


def _card_setup_metadata(subscription: Subscription) -> dict[str, str]:
    return {"subscription_id": str(subscription.pk), "purpose": CARD_SETUP_PURPOSE}


def _stripe_customer_for(subscription: Subscription) -> str:
    """The subscription's Stripe customer, made (and kept on it) if it has none."""
    from storefront.payments import stripe_client

    if subscription.payment_customer_ref:
        return subscription.payment_customer_ref
    customer = (
        Subscription.objects.filter(user_id=subscription.user_id, gateway="stripe")
        .exclude(payment_customer_ref="")
        .values_list("payment_customer_ref", flat=True)
        .first()
    ) or str(
        stripe_client.customer_create(
            email=subscription.email,
            idempotency_key=f"subscription-{subscription.pk}-customer",
        )["id"]
    )
    with transaction.atomic():
        locked = _locked(subscription)
        if not locked.payment_customer_ref:
            locked.payment_customer_ref = customer
            locked.save(update_fields=["payment_customer_ref", "updated_at"])
    subscription.refresh_from_db()
    return subscription.payment_customer_ref


def subscription_card_setup_start(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    attempt: str,
) -> CardSetup:
    """Start replacing the saved card of a subscription that pays through Stripe.

    Creates a SetupIntent on the subscription's Stripe customer
    (``usage="off_session"``, idempotency key ``subscription-<id>-card-<attempt>``,
    the subscription id in its metadata); nothing is charged and the saved card is
    unchanged until ``subscription_card_setup_finish``. A subscription without a
    Stripe customer (its first card was not saved) gets the customer of the
    shopper's other Stripe subscriptions, or a new one.

    Args:
        subscription: the subscription whose card changes.
        user: who asks; the subscription's customer or staff allowed to manage it.
        attempt: one card-change attempt (lowercase letters, digits and dashes,
            at most 64); repeating it repeats the same Stripe request.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        SubscriptionError: it does not pay through Stripe.
        SubscriptionWrongStatusError: it is cancelled.
        ValidationError: ``attempt`` is malformed.
        PaymentGatewayError: Stripe failed or is not configured.
    """
    from storefront.payments.services import payment_method_setup_start

    _authorize(subscription, user)
    if subscription.gateway != "stripe":
        raise SubscriptionError(
            "This subscription does not pay through Stripe.", field="card"
        )
    _require_status(
        subscription,
        SubscriptionStatus.ACTIVE,
        SubscriptionStatus.PAUSED,
        SubscriptionStatus.PAST_DUE,
        action="changed",
    )
    if not attempt or len(attempt) > 64 or not set(attempt) <= _ATTEMPT_CHARS:
        raise _invalid("attempt", "This card change is not valid.", Code.INVALID)
    setup = payment_method_setup_start(
        customer_id=_stripe_customer_for(subscription),
        idempotency_key=f"subscription-{subscription.pk}-card-{attempt}",
        metadata=_card_setup_metadata(subscription),
    )
    return CardSetup(setup_intent_id=setup.setup_id, client_secret=setup.client_secret)


def subscription_payment_method_update(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    card_number: str = "",
    setup_intent_id: str = "",
) -> Subscription:
    """Save a new card for the next charges; a past-due subscription is due again
    today (the next run retries it, or ``subscription_card_setup_finish`` at once).

    The dummy gateway takes ``card_number`` (only a token and the last four digits
    are kept, never the number). Stripe takes ``setup_intent_id``, the SetupIntent
    the customer confirmed in the Payment Element: it must be one started by
    ``subscription_card_setup_start`` for this subscription, on its customer, and
    have succeeded; its payment method becomes the saved card. The change is
    recorded as a ``card_updated`` event. Finishing the same SetupIntent again
    changes nothing. The previous Stripe card stays on the customer (another
    subscription of the shopper may still use it).

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: ``card_number`` is not a valid card number.
        SubscriptionError: a card number for a Stripe subscription, or a
            SetupIntent for one that does not pay through Stripe.
        SubscriptionWrongStatusError: it is cancelled.
        PaymentMethodSetupNotFoundError: the SetupIntent is unknown, malformed,
            or another customer's or subscription's; nothing changed.
        PaymentMethodSetupIncompleteError: the new card was not confirmed.
        PaymentGatewayError: Stripe failed or is not configured.
    """
    _authorize(subscription, user)
    if setup_intent_id:
        return _stripe_card_store(subscription, user, setup_intent_id)
    if subscription.gateway not in ("dummy", ""):
        raise SubscriptionError(
            "This subscription pays through Stripe: enter the new card in the "
            "card form.",
            field="card_number",
        )
    from storefront.payments.gateways.dummy import (
        card_number_clean,
        card_number_is_valid,
    )

    number = card_number_clean(card_number)
    if not card_number_is_valid(number):
        raise _invalid("card_number", "Enter a valid card number.", Code.INVALID)
    kind = "fails" if number == DUMMY_CARD_CHARGE_FAILS else "ok"
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(
            locked,
            *_OPEN_STATUSES,
            action="changed",
        )
        if locked.gateway not in ("dummy", ""):
            raise SubscriptionError(
                "This subscription pays through Stripe: enter the new card in the "
                "card form.",
                field="card_number",
            )
        locked.gateway = "dummy"
        locked.payment_method_ref = f"{DUMMY_TOKEN_PREFIX}{kind}_{uuid.uuid4().hex}"
        locked.card_label = f"card ending {number[-4:]}"
        _card_saved_locked(locked, user)
    return _refresh(subscription)


def _card_saved_locked(
    locked: Subscription, user: AbstractBaseUser | AnonymousUser | None, **extra: str
) -> None:
    """Under the subscription's lock: save the new card fields, audit, make a
    past-due subscription due again today."""
    if locked.status == SubscriptionStatus.PAST_DUE:
        locked.retry_on = _today()
    locked.save(
        update_fields=[
            "gateway",
            "payment_method_ref",
            "card_label",
            "retry_on",
            "updated_at",
        ]
    )
    _event(
        locked,
        SubscriptionEventType.CARD_UPDATED,
        user,
        card=locked.card_label,
        **extra,
    )


def _stripe_card_store(
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    setup_intent_id: str,
) -> Subscription:
    from storefront.payments.services import payment_method_setup_finish

    if subscription.gateway != "stripe":
        raise SubscriptionError(
            "This subscription does not pay through Stripe.", field="card"
        )
    _require_status(
        subscription,
        SubscriptionStatus.ACTIVE,
        SubscriptionStatus.PAUSED,
        SubscriptionStatus.PAST_DUE,
        action="changed",
    )
    customer = subscription.payment_customer_ref
    # Asked outside the lock: Stripe is a network call. Checked against the
    # customer the subscription had then, which is re-checked under the lock.
    saved = payment_method_setup_finish(
        setup_id=setup_intent_id,
        customer_id=customer,
        metadata=_card_setup_metadata(subscription),
    )
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(
            locked,
            *_OPEN_STATUSES,
            action="changed",
        )
        if locked.gateway != "stripe" or locked.payment_customer_ref != customer:
            raise SubscriptionError(
                "The subscription's payment details changed meanwhile; "
                "enter your new card again.",
                field="card",
            )
        if locked.payment_method_ref == saved.payment_method_id:
            return _refresh(subscription)  # this card change already done
        locked.payment_method_ref = saved.payment_method_id
        locked.card_label = saved.label
        _card_saved_locked(locked, user, setup_intent=setup_intent_id)
    return _refresh(subscription)


def subscription_card_setup_finish(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    setup_intent_id: str,
    today: date | None = None,
) -> CardUpdateResult:
    """Save the Stripe card the customer just confirmed and, when the subscription
    is past due, retry its renewal at once with that card.

    The customer is there and has just confirmed the card with the bank, so the
    overdue renewal is charged now (off-session, through ``subscription_renew``)
    rather than at the next run: the answer is shown on the page, and a paid
    renewal ships without waiting a day. A refusal counts as one dunning attempt,
    exactly as if the next run had tried (after the last one it cancels).

    Raises:
        Everything ``subscription_payment_method_update`` raises; when one is
        raised nothing changed and nothing was charged.
    """
    from storefront.payments.errors import PaymentMethodSetupNotFoundError

    _authorize(subscription, user)
    if not setup_intent_id:
        raise PaymentMethodSetupNotFoundError()
    subscription = subscription_payment_method_update(
        subscription=subscription, user=user, setup_intent_id=setup_intent_id
    )
    if subscription.status != SubscriptionStatus.PAST_DUE:
        return CardUpdateResult(subscription=subscription)
    outcome = subscription_renew(subscription_id=subscription.pk, today=today)
    subscription.refresh_from_db()
    return CardUpdateResult(subscription=subscription, renewal=outcome)


def subscription_cancel(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    reason: str,
) -> Subscription:
    """Cancel for good, with the customer's reason. A membership keeps member
    access until the end of the period already paid.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: ``reason`` empty or longer than 500 characters.
        SubscriptionWrongStatusError: it is already cancelled.
    """
    _authorize(subscription, user)
    text = (reason or "").strip()
    if not text:
        raise _invalid("reason", "Tell us why you are cancelling.", Code.REQUIRED)
    if len(text) > CANCEL_REASON_MAX:
        raise _invalid(
            "reason", "Use at most %(max)d characters.", Code.INVALID, max=500
        )
    with transaction.atomic():
        locked = _locked(subscription)
        _cancel_locked(locked, text, user)
    return _refresh(subscription)


def _cancel_locked(
    locked: Subscription, reason: str, user: AbstractBaseUser | AnonymousUser | None
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


def subscription_order_now(
    *,
    subscription: Subscription,
    user: AbstractBaseUser | AnonymousUser | None,
    today: date | None = None,
) -> "RenewalOutcome":
    """Order the next delivery today; later renewals follow one interval after.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        SubscriptionWrongStatusError: it is not active.
        SubscriptionError: the card was refused or the order could not be made;
            nothing was charged and the schedule is unchanged.
    """
    _authorize(subscription, user)
    _require_status(subscription, SubscriptionStatus.ACTIVE, action="ordered early")
    outcome = subscription_renew(
        subscription_id=subscription.pk, today=today or _today(), early=True
    )
    subscription.refresh_from_db()
    if outcome is None:
        raise SubscriptionError("A renewal is already under way; try again shortly.")
    if outcome.result != RenewalResult.RENEWED:
        raise SubscriptionError(outcome.message or "The order could not be placed.")
    return outcome


# --- emails ---------------------------------------------------------------------------


EMAIL_SUBJECTS = {
    "reminder": "Your Verdant Field subscription renews soon",
    "renewed": "Your Verdant Field subscription has renewed",
    "payment_failed": "We could not charge your card",
    "blocked": "Your Verdant Field subscription is paused",
    "cancelled": "Your Verdant Field subscription is cancelled",
}


def _email_on_commit(subscription_id: int, kind: str, **extra: Any) -> None:
    transaction.on_commit(
        lambda: subscription_email_send(
            subscription_id=subscription_id, kind=kind, extra=extra
        )
    )


def subscription_email_send(
    *, subscription_id: int, kind: str, extra: dict[str, Any] | None = None
) -> None:
    """Send one of the subscription emails (after the change has been committed)."""
    subscription = (
        Subscription.objects.select_related("channel")
        .prefetch_related("lines__variant__product")
        .get(pk=subscription_id)
    )
    base = settings.STOREFRONT_BASE_URL.rstrip("/")
    context = {
        "subscription": subscription,
        "lines": list(subscription.lines.all()),
        "interval": interval_label(subscription.interval),
        "link": base + reverse("subscriptions:detail", args=[subscription.pk]),
        "card_link": base
        + reverse("subscriptions:payment_method", args=[subscription.pk]),
        **(extra or {}),
    }
    send_mail(
        subject=EMAIL_SUBJECTS[kind],
        message=render_to_string(f"subscriptions/email/{kind}.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[subscription.email],
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


# --- renewals -------------------------------------------------------------------------


class RenewalResult:
    RENEWED = "renewed"
    FAILED = "failed"
    CANCELLED = "cancelled"
    BLOCKED = "blocked"
    POSTPONED = "postponed"


@dataclass(frozen=True)
class RenewalOutcome:
    subscription_id: int
    result: str
    order_id: int | None = None
    message: str = ""


@dataclass
class RenewalQuote:
    lines: list[Any]
    subtotal: TaxedMoney
    shipping: TaxedMoney
    total: TaxedMoney
    variant_quantities: dict[int, int] = field(default_factory=dict)


class _Blocked(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def _due_q(today: date) -> Q:
    return (
        Q(status__in=[SubscriptionStatus.ACTIVE, SubscriptionStatus.PAST_DUE])
        & Q(next_renewal_date__lte=today)
        & (Q(retry_on__isnull=True) | Q(retry_on__lte=today))
    )


def subscriptions_due(*, today: date | None = None) -> Any:
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


def _age_ok(subscription: Subscription, min_age: int | None, assurance: str) -> bool:
    if not min_age and assurance in ("", "none"):
        return True
    from compliance.age.selectors import age_assurance_for

    for subject in (subscription.user_id, subscription.email):
        try:
            if age_assurance_for(subject).satisfies(
                min_age=min_age, assurance=assurance or "none"
            ):
                return True
        except DomainError:
            continue
    return False


def _renewal_compliance(subscription: Subscription, lines: list[Any], on: date) -> None:
    """Raise ``_Blocked`` when the rules now stop a line (region or age)."""
    from compliance.regions import availability_decide

    for line in lines:
        product = line.variant.product
        if not product.regulated_class or product.regulated_class == "general":
            continue
        decision = availability_decide(
            product_class=product.regulated_class,
            region=subscription.region,
            on_date=on,
        )
        if not decision.allowed:
            raise _Blocked(
                f"{product.name} can no longer be delivered to your address: "
                f"{decision.reason}"
            )
        assurance = str(getattr(decision.assurance, "value", decision.assurance))
        if not _age_ok(subscription, decision.min_age, assurance):
            raise _Blocked(
                f"{product.name} now needs proof that you are {decision.min_age} "
                "or over before we can send it."
            )


def _renewal_quote(subscription: Subscription, lines: list[Any]) -> RenewalQuote:
    """Price the renewal: the plan discount on today's channel price, plus delivery.

    Uses the checkout's tax and rounding rules, so an order is priced the same way
    whether it came from the cart or from a renewal.
    """
    from storefront.orders.services import OrderLineInput

    channel = subscription.channel
    currency = channel.currency_code
    country = subscription.region.split("-", 1)[0]
    rate = tax_rate_for_country(country)
    with_tax = channel.prices_entered_with_tax
    variant_ids = [line.variant_id for line in lines]
    product_ids = {line.variant.product_id for line in lines}
    listings = {
        listing.variant_id: listing
        for listing in ProductVariantChannelListing.objects.filter(
            variant_id__in=variant_ids, channel=channel
        )
    }
    published = set(
        ProductChannelListing.objects.filter(
            product_id__in=product_ids, channel=channel, is_published=True
        ).values_list("product_id", flat=True)
    )
    discounts = plan_discounts_for_products(
        channel_id=channel.pk, product_ids=product_ids
    )
    order_lines = []
    subtotal_entered = Decimal(0)
    quantities: dict[int, int] = {}
    for line in lines:
        product = line.variant.product
        listing = listings.get(line.variant_id)
        if listing is None or product.pk not in published:
            raise _Blocked(f"{product.name} is no longer sold.")
        if product.pk not in discounts:
            raise _Blocked(f"{product.name} is no longer offered on subscription.")
        unit_entered = subscribe_and_save_amount(
            listing.price_amount,
            discount_percent=discounts[product.pk],
            currency=currency,
        )
        subtotal_entered += unit_entered * line.quantity
        quantities[line.variant_id] = quantities.get(line.variant_id, 0) + line.quantity
        order_lines.append(
            OrderLineInput(
                variant=line.variant,
                quantity=line.quantity,
                unit_price=taxed_from_entered(
                    unit_entered,
                    currency=currency,
                    rate=rate,
                    entered_with_tax=with_tax,
                ),
                tax_rate=rate,
                product_name=product.name,
                variant_name=line.variant.name,
                sku=line.variant.sku,
                regulated_class=product.regulated_class,
                is_subscription=True,
                subscription_interval=subscription.interval,
            )
        )
    shipping_entered = Decimal(0)
    if not subscription.is_membership and subscription.shipping_method_id:
        listing = ShippingMethodChannelListing.objects.filter(
            shipping_method_id=subscription.shipping_method_id, channel=channel
        ).first()
        if listing is None:
            raise _Blocked("Your delivery option is no longer offered; choose again.")
        threshold = listing.free_above_amount
        if threshold is None or subtotal_entered < threshold:
            shipping_entered = listing.price_amount

    def taxed(amount: Decimal) -> TaxedMoney:
        return taxed_from_entered(
            amount, currency=currency, rate=rate, entered_with_tax=with_tax
        )

    return RenewalQuote(
        lines=order_lines,
        subtotal=taxed(subtotal_entered),
        shipping=taxed(shipping_entered),
        total=taxed(subtotal_entered + shipping_entered),
        variant_quantities=quantities,
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
    from storefront.payments.services import payment_create

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


def _payment_give_back(payment: Payment, reason: str) -> None:
    from storefront.payments.services import payment_release

    payment_release(payment=payment, reason=reason)


def _charge(subscription: Subscription, payment: Payment, quote: RenewalQuote) -> str:
    """Charge the saved card off-session; returns why it failed, or "" when paid."""
    from storefront.payments.services import payment_authorize

    if payment.amount != quote.total.gross:
        return "The price changed while the renewal was being charged."
    payment.refresh_from_db()
    if payment.status in {PaymentStatus.AUTHORIZED, PaymentStatus.CHARGED}:
        return ""
    if payment.status != PaymentStatus.PENDING:
        return payment.error or "The payment did not go through."
    if not subscription.payment_method_ref:
        message = "There is no saved card for this subscription."
        Payment.objects.filter(pk=payment.pk).update(
            status=PaymentStatus.FAILED, error=message
        )
        return message
    try:
        payment = payment_authorize(
            payment=payment,
            payment_method_id=subscription.payment_method_ref,
            customer_id=subscription.payment_customer_ref,
            off_session=True,
        )
    except PaymentError as exc:
        return exc.message
    if payment.status not in {PaymentStatus.AUTHORIZED, PaymentStatus.CHARGED}:
        # Off-session there is nobody to complete 3-D Secure; ask for a new card.
        return "Your bank asked you to confirm the payment; update your card."
    return ""


def _renewal_finish(
    *,
    subscription_id: int,
    renewal_id: int,
    quote: RenewalQuote,
    failure: str,
    today: date,
    early: bool,
) -> RenewalOutcome:
    from storefront.orders.services import (
        OrderCreateOptions,
        OrderTotalsInput,
        order_create,
        order_payment_attach,
    )
    from storefront.payments.services import (
        payment_capture,
        payment_release,
    )

    release_reason = ""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription_id)
        renewal = SubscriptionRenewal.objects.select_for_update().get(pk=renewal_id)
        payment = Payment.objects.select_for_update().get(pk=renewal.payment_id)
        if failure:
            return _fail(subscription, renewal, failure, today, early=early)
        try:
            with transaction.atomic():
                order = order_create(
                    channel=subscription.channel,
                    user=subscription.user,
                    email=subscription.email,
                    lines=quote.lines,
                    shipping_address=subscription.shipping_address,
                    billing_address=subscription.shipping_address,
                    shipping_method=subscription.shipping_method,
                    totals=OrderTotalsInput(
                        subtotal=quote.subtotal,
                        shipping=quote.shipping,
                        discount=zero_money(quote.total.currency),
                        total=quote.total,
                    ),
                    region=subscription.region,
                    options=OrderCreateOptions(
                        metadata={
                            "subscription_id": subscription.pk,
                            "period_start": renewal.period_start.isoformat(),
                        }
                    ),
                )
                order_payment_attach(order_id=order.pk, payment=payment)
                if payment.status == PaymentStatus.AUTHORIZED:
                    payment_capture(payment=payment)
                    order_payment_attach(order_id=order.pk, payment=payment)
        except (DomainError, ValidationError) as exc:
            message = (
                exc.message if isinstance(exc, DomainError) else "; ".join(exc.messages)
            )
            release_reason = f"Renewal could not be ordered: {message}"
            renewal.status = RenewalStatus.PENDING
            renewal.payment = None
            renewal.charging_since = None
            renewal.last_error = message[:255]
            renewal.save()
            if not early:
                outcome = _postpone(subscription, renewal, message, today)
        else:
            renewal.status = RenewalStatus.PAID
            renewal.order = order
            renewal.last_error = ""
            renewal.charging_since = None
            renewal.save()
            SubscriptionOrder.objects.create(
                subscription=subscription,
                order=order,
                period_start=renewal.period_start,
            )
            _advance(subscription, renewal, today, early=early)
            _event(
                subscription,
                SubscriptionEventType.ORDERED_NOW
                if early
                else SubscriptionEventType.RENEWED,
                order=order.number,
                total=f"{order.total_gross_amount} {order.currency}",
            )
            _email_on_commit(subscription.pk, "renewed", order_number=order.number)
            outcome = RenewalOutcome(
                subscription_id=subscription.pk,
                result=RenewalResult.RENEWED,
                order_id=order.pk,
            )
    if release_reason:
        payment_release(payment=payment, reason=release_reason)
        if early:
            return RenewalOutcome(
                subscription_id=subscription_id,
                result=RenewalResult.FAILED,
                message=release_reason,
            )
    return outcome


def _advance(
    subscription: Subscription,
    renewal: SubscriptionRenewal,
    today: date,
    *,
    early: bool,
) -> None:
    start = today if early else renewal.period_start
    next_date = interval_advance(start, subscription.interval)
    while not early and next_date <= today:
        # A renewal that ran late does not bunch up orders: the next is in the future.
        next_date = interval_advance(next_date, subscription.interval)
    subscription.next_renewal_date = next_date
    subscription.paid_until = max(subscription.paid_until, next_date)
    subscription.status = SubscriptionStatus.ACTIVE
    subscription.retry_on = None
    subscription.save(
        update_fields=[
            "next_renewal_date",
            "paid_until",
            "status",
            "retry_on",
            "updated_at",
        ]
    )


def _fail(
    subscription: Subscription,
    renewal: SubscriptionRenewal,
    message: str,
    today: date,
    *,
    early: bool,
) -> RenewalOutcome:
    """A refused charge: past due with retries on the dunning schedule, then cancel."""
    renewal.charging_since = None
    renewal.last_error = message[:255]
    if early:
        # Ordering early is the customer's choice: a refusal leaves the schedule.
        renewal.status = RenewalStatus.PENDING
        renewal.payment = None
        renewal.save()
        return RenewalOutcome(
            subscription_id=subscription.pk,
            result=RenewalResult.FAILED,
            message=message,
        )
    renewal.failures += 1
    renewal.first_failed_on = renewal.first_failed_on or today
    schedule = _dunning_days()
    if renewal.failures <= len(schedule):
        retry_on = renewal.first_failed_on + timedelta(
            days=schedule[renewal.failures - 1]
        )
        renewal.status = RenewalStatus.FAILED
        renewal.save()
        subscription.status = SubscriptionStatus.PAST_DUE
        subscription.retry_on = retry_on
        subscription.save(update_fields=["status", "retry_on", "updated_at"])
        _event(
            subscription,
            SubscriptionEventType.PAYMENT_FAILED,
            reason=message,
            attempt=renewal.failures,
            retry_on=retry_on,
        )
        _email_on_commit(
            subscription.pk, "payment_failed", reason=message, retry_on=retry_on
        )
        return RenewalOutcome(
            subscription_id=subscription.pk,
            result=RenewalResult.FAILED,
            message=message,
        )
    renewal.status = RenewalStatus.ABANDONED
    renewal.save()
    _event(
        subscription,
        SubscriptionEventType.PAYMENT_FAILED,
        reason=message,
        attempt=renewal.failures,
    )
    _cancel_locked(
        subscription,
        f"Payment failed {renewal.failures} times: {message}",
        None,
    )
    return RenewalOutcome(
        subscription_id=subscription.pk,
        result=RenewalResult.CANCELLED,
        message=message,
    )


def _block(
    subscription: Subscription, renewal: SubscriptionRenewal, reason: str
) -> RenewalOutcome:
    """The rules stop the renewal: pause, tell the customer, charge nothing."""
    renewal.status = RenewalStatus.BLOCKED
    renewal.last_error = reason[:255]
    renewal.charging_since = None
    renewal.save()
    subscription.status = SubscriptionStatus.PAUSED
    subscription.paused_until = None
    subscription.retry_on = None
    subscription.save(
        update_fields=["status", "paused_until", "retry_on", "updated_at"]
    )
    _event(subscription, SubscriptionEventType.BLOCKED, reason=reason)
    _email_on_commit(subscription.pk, "blocked", reason=reason)
    return RenewalOutcome(
        subscription_id=subscription.pk, result=RenewalResult.BLOCKED, message=reason
    )


def _postpone(
    subscription: Subscription, renewal: SubscriptionRenewal, reason: str, today: date
) -> RenewalOutcome:
    """No stock (or no order possible) today: try again tomorrow, charge nothing."""
    renewal.last_error = reason[:255]
    renewal.save(update_fields=["last_error", "updated_at"])
    subscription.retry_on = today + timedelta(days=1)
    subscription.save(update_fields=["retry_on", "updated_at"])
    _event(subscription, SubscriptionEventType.OUT_OF_STOCK, reason=reason)
    return RenewalOutcome(
        subscription_id=subscription.pk,
        result=RenewalResult.POSTPONED,
        message=reason,
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
