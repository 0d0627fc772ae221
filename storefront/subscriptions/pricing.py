"""Pure rules of subscriptions: period arithmetic and subscribe-and-save prices.

Kept free of the checkout so that the checkout's totals can ask it for discounts.
"""

import calendar
from collections.abc import Iterable
from datetime import date, timedelta
from decimal import Decimal

from common.money import quantize_price
from storefront.subscriptions.models import Interval, SubscriptionPlan

_WEEKS = {
    Interval.EVERY_2_WEEKS: 2,
    Interval.EVERY_4_WEEKS: 4,
    Interval.EVERY_8_WEEKS: 8,
}
# Renewals per month, for monthly recurring revenue: 52 weeks / 12 months.
_PER_MONTH = {
    Interval.EVERY_2_WEEKS: Decimal(52) / Decimal(2 * 12),
    Interval.EVERY_4_WEEKS: Decimal(52) / Decimal(4 * 12),
    Interval.EVERY_8_WEEKS: Decimal(52) / Decimal(8 * 12),
    Interval.MONTHLY: Decimal(1),
    Interval.YEARLY: Decimal(1) / Decimal(12),
}


def _add_months(day: date, months: int) -> date:
    month_index = day.month - 1 + months
    year = day.year + month_index // 12
    month = month_index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def interval_advance(day: date, interval: str, times: int = 1) -> date:
    """The date ``times`` intervals after ``day`` (month ends are clamped)."""
    value = Interval(interval)
    if value in _WEEKS:
        return day + timedelta(weeks=_WEEKS[value] * times)
    if value == Interval.MONTHLY:
        return _add_months(day, times)
    return _add_months(day, 12 * times)


def interval_label(interval: str | None) -> str:
    """``"every 4 weeks"`` for ``"4w"``; empty for an unknown value."""
    try:
        return str(Interval(interval or "").label)
    except ValueError:
        return ""


def renewals_per_month(interval: str) -> Decimal:
    """How many renewals an interval makes in an average month."""
    return _PER_MONTH[Interval(interval)]


def subscribe_and_save_amount(
    amount: Decimal, *, discount_percent: Decimal | None, currency: str
) -> Decimal:
    """The entered unit price after the plan's discount, rounded to the currency."""
    if not discount_percent:
        return amount
    return quantize_price(amount * (100 - discount_percent) / Decimal(100), currency)


def plan_discounts_for_products(
    *, channel_id: int, product_ids: Iterable[int]
) -> dict[int, Decimal]:
    """Discount percentages of the active plans of some products in a channel.

    One query; no query at all for an empty list.
    """
    ids = list(set(product_ids))
    if not ids:
        return {}
    return dict(
        SubscriptionPlan.objects.filter(
            channel_id=channel_id, product_id__in=ids, is_active=True
        ).values_list("product_id", "discount_percent")
    )


def plan_discounts_by_channel() -> dict[tuple[int, int], Decimal]:
    """Discount percentages of every active plan by (channel id, product id).

    One query; a deactivated plan gives no discount anywhere.
    """
    return {
        (channel_id, product_id): percent
        for channel_id, product_id, percent in SubscriptionPlan.objects.filter(
            is_active=True
        ).values_list("channel_id", "product_id", "discount_percent")
    }


def checkout_subscription_discounts(*, info: object) -> dict[int, Decimal]:
    """Plan discounts for the subscription lines of a ``CheckoutInfo`` by product id.

    Runs no query when the checkout has no subscription line.
    """
    lines = getattr(info, "lines", ())
    product_ids = [li.product.pk for li in lines if li.line.is_subscription]
    if not product_ids:
        return {}
    channel_id = info.checkout.channel_id  # type: ignore[attr-defined]
    return plan_discounts_for_products(channel_id=channel_id, product_ids=product_ids)
