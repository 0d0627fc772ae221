"""The customer's own changes: skip, pause, resume, frequency, lines, cancel."""

from datetime import date, timedelta
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from compliance.regions import availability_decide
from storefront.accounts.addresses import address_validate
from storefront.accounts.models import Address, User
from storefront.catalogue.models import (
    ProductVariant,
    ProductVariantChannelListing,
)
from storefront.channels.selectors import channel_allowed_countries
from storefront.shipping.models import ShippingMethod, ShippingMethodChannelListing
from storefront.subscriptions.errors import (
    SubscriptionError,
    SubscriptionNotAvailableInRegionError,
    SubscriptionWrongStatusError,
)
from storefront.subscriptions.models import (
    Interval,
    Subscription,
    SubscriptionEventType,
    SubscriptionLine,
    SubscriptionPlan,
    SubscriptionStatus,
)
from storefront.subscriptions.pricing import (
    interval_advance,
    interval_label,
)
from storefront.subscriptions.services.base import (
    _OPEN_STATUSES,
    Code,
    _authorize,
    _event,
    _invalid,
    _locked,
    _refresh,
    _require_status,
    _today,
)
from storefront.subscriptions.services.lifecycle import _cancel_locked, _resume_locked
from storefront.subscriptions.services.renewal_steps import (
    RenewalOutcome,
    RenewalResult,
)
from storefront.subscriptions.services.renewals import subscription_renew

MAX_QUANTITY = 50


CANCEL_REASON_MAX = 500


def subscription_skip(
    *, subscription: Subscription, user: User | AnonymousUser | None
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
    user: User | AnonymousUser | None,
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
    user: User | AnonymousUser | None,
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
    user: User | AnonymousUser | None,
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
    user: User | AnonymousUser | None,
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

    for line in subscription.lines.select_related("variant__product"):
        product = line.variant.product
        if not product.regulated_class or product.regulated_class == "general":
            continue
        decision = availability_decide(
            product_class=product.regulated_class, region=region, on_date=on_date
        )
        if not decision.allowed:
            raise SubscriptionNotAvailableInRegionError(
                f"{product.name} cannot be delivered to this address: "
                f"{decision.explained}"
            )


def subscription_address_change(
    *,
    subscription: Subscription,
    user: User | AnonymousUser | None,
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
    allowed = channel_allowed_countries(channel=channel)
    if str(candidate.country) not in allowed:
        raise _invalid(
            "country",
            "This shop does not deliver to that country.",
            Code.NOT_AVAILABLE_IN_REGION,
        )
    region = candidate.region
    _region_check(subscription, region)
    method = _shipping_method_for(
        channel_id=channel.pk,
        country=str(candidate.country),
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


def subscription_cancel(
    *,
    subscription: Subscription,
    user: User | AnonymousUser | None,
    reason: str,
) -> Subscription:
    """Cancel for good, with the customer's reason if they give one. A membership
    keeps member access until the end of the period already paid.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: ``reason`` longer than 500 characters.
        SubscriptionWrongStatusError: it is already cancelled.
    """
    _authorize(subscription, user)
    # Giving a reason is the customer's choice; leaving never depends on it.
    text = (reason or "").strip()
    if len(text) > CANCEL_REASON_MAX:
        raise _invalid(
            "reason", "Use at most %(max)d characters.", Code.INVALID, max=500
        )
    with transaction.atomic():
        locked = _locked(subscription)
        _cancel_locked(locked, text, user)
    return _refresh(subscription)


def subscription_order_now(
    *,
    subscription: Subscription,
    user: User | AnonymousUser | None,
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
