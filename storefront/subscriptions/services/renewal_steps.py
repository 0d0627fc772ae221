"""One renewal step by step: compliance, quote, charge, order, and failures."""

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from typing import Any, cast

from django.core.exceptions import ValidationError
from django.db import transaction
from prices import TaxedMoney

from common.errors import DomainError
from common.money import zero_money
from compliance.age.selectors import age_assurance_for
from compliance.regions import availability_decide
from storefront.catalogue.models import (
    ProductChannelListing,
    ProductVariantChannelListing,
)
from storefront.channels.taxes import tax_rate_for_country, taxed_from_entered
from storefront.orders.services import (
    OrderCreateOptions,
    OrderLineInput,
    OrderTotalsInput,
    order_create,
    order_payment_attach,
)
from storefront.payments.errors import PaymentError
from storefront.payments.models import Payment, PaymentStatus
from storefront.payments.services import (
    payment_authorize,
    payment_capture,
    payment_release,
)
from storefront.shipping.models import ShippingMethodChannelListing
from storefront.shipping.pricing import shipping_price_entered
from storefront.subscriptions.models import (
    RenewalStatus,
    Subscription,
    SubscriptionEventType,
    SubscriptionLine,
    SubscriptionOrder,
    SubscriptionRenewal,
    SubscriptionStatus,
)
from storefront.subscriptions.pricing import (
    interval_advance,
    plan_discounts_for_products,
    subscribe_and_save_amount,
)
from storefront.subscriptions.services.base import _dunning_days, _event, _today
from storefront.subscriptions.services.lifecycle import _cancel_locked
from storefront.subscriptions.services.notifications import _email_on_commit


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


def _age_ok(subscription: Subscription, min_age: int | None, assurance: str) -> bool:
    if not min_age and assurance in ("", "none"):
        return True

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
                f"{decision.explained}"
            )
        assurance = str(getattr(decision.assurance, "value", decision.assurance))
        if not _age_ok(subscription, decision.min_age, assurance):
            raise _Blocked(
                f"{product.name} now needs proof that you are {decision.min_age} "
                "or over before we can send it."
            )


@dataclass(frozen=True)
class RenewalPreview:
    """What ordering now would charge, or why it cannot be ordered now."""

    quote: RenewalQuote | None
    blocked_reason: str = ""

    @property
    def rows(self) -> list[tuple[str, int, TaxedMoney, TaxedMoney]]:
        """(name, quantity, unit price, line total) of each line of the quote."""
        if self.quote is None:
            return []
        return [
            (
                f"{line.product_name} ({line.variant_name})"
                if line.variant_name
                else line.product_name,
                line.quantity,
                line.unit_price,
                line.unit_price * line.quantity,
            )
            for line in self.quote.lines
        ]


def subscription_renewal_preview(*, subscription: Subscription) -> RenewalPreview:
    """Price the next order as a renewal would, without charging or writing.

    For the "Order now" confirmation: the same rules, prices, delivery and tax
    as the renewal itself, so the page shows what will be charged. A line the
    rules now stop, or that is no longer sold, gives ``blocked_reason`` instead.
    """
    lines = list(
        SubscriptionLine.objects.filter(subscription=subscription)
        .select_related("variant__product")
        .order_by("pk")
    )
    try:
        _renewal_compliance(subscription, lines, _today())
        return RenewalPreview(quote=_renewal_quote(subscription, lines))
    except _Blocked as blocked:
        return RenewalPreview(quote=None, blocked_reason=blocked.reason)


def _renewal_quote(subscription: Subscription, lines: list[Any]) -> RenewalQuote:
    """Price the renewal: the plan discount on today's channel price, plus delivery.

    Uses the checkout's tax and rounding rules, so an order is priced the same way
    whether it came from the cart or from a renewal.
    """

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
        shipping_listing = ShippingMethodChannelListing.objects.filter(
            shipping_method_id=subscription.shipping_method_id, channel=channel
        ).first()
        if shipping_listing is None:
            raise _Blocked("Your delivery option is no longer offered; choose again.")
        shipping_entered = shipping_price_entered(
            listing=shipping_listing, subtotal_entered=subtotal_entered
        )

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


def _payment_give_back(payment: Payment, reason: str) -> None:
    payment_release(payment=payment, reason=reason)


def _charge(subscription: Subscription, payment: Payment, quote: RenewalQuote) -> str:
    """Charge the saved card off-session; returns why it failed, or "" when paid."""

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
    release_reason = ""
    with transaction.atomic():
        subscription = Subscription.objects.select_for_update().get(pk=subscription_id)
        renewal = SubscriptionRenewal.objects.select_for_update().get(pk=renewal_id)
        # A renewal being charged always has its payment.
        payment = Payment.objects.select_for_update().get(
            pk=cast(int, renewal.payment_id)
        )
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
