"""Checkout prices: ONE function computes every total the shopper and the order see.

Taxes are flat rates per country (settings.CHECKOUT_TAX_RATES). Catalogue and
shipping prices are entered net or gross as the channel says
(``prices_entered_with_tax``); the voucher discount is taken off the entered
subtotal before tax is worked out.
"""

from dataclasses import dataclass
from decimal import Decimal

from prices import Money, TaxedMoney

from common.money import zero_money
from storefront.channels.taxes import tax_rate_for_country, taxed_from_entered
from storefront.checkout.selectors import CheckoutInfo
from storefront.discounts.calculations import voucher_discount_amount
from storefront.shipping.pricing import shipping_price_entered
from storefront.subscriptions.pricing import (
    checkout_subscription_discounts,
    subscribe_and_save_amount,
)


@dataclass(frozen=True)
class LineTotals:
    line_id: int
    unit_price: TaxedMoney
    total_price: TaxedMoney


@dataclass(frozen=True)
class CheckoutTotals:
    subtotal: TaxedMoney
    discount: Money
    shipping: TaxedMoney
    tax: Money
    total: TaxedMoney
    tax_rate: Decimal
    lines: tuple[LineTotals, ...]
    # The subtotal as the channel enters prices: what thresholds compare with.
    subtotal_entered: Money

    @property
    def currency(self) -> str:
        return self.total.currency


def checkout_totals_calculate(*, info: CheckoutInfo) -> CheckoutTotals:
    """Subtotal, discount, shipping, tax and total of a checkout.

    Lines that cannot be bought (see ``CheckoutLineInfo.problem``) are left out of
    every sum; they block completion anyway. A voucher whose minimum spend is not
    met gives no discount. Shipping is free when the subtotal reaches the method's
    threshold, and nothing when no line needs delivery. The tax rate is the one of
    ``info.country``: the shipping country, or the billing country for a cart of
    digital goods only.
    """
    checkout = info.checkout
    channel = checkout.channel
    currency = channel.currency_code
    entered_with_tax = channel.prices_entered_with_tax
    rate = tax_rate_for_country(info.country)

    # Subscribe-and-save: subscription lines get their plan's discount (no query
    # when the cart has none).
    subscription_discounts = checkout_subscription_discounts(info=info)
    line_totals = []
    subtotal_entered = Decimal(0)
    for line_info in info.lines:
        if line_info.problem is not None or line_info.listing is None:
            continue
        unit_entered = line_info.listing.price_amount
        if line_info.line.is_subscription:
            unit_entered = subscribe_and_save_amount(
                unit_entered,
                discount_percent=subscription_discounts.get(line_info.product.pk),
                currency=currency,
            )
        quantity = line_info.line.quantity
        unit = taxed_from_entered(
            unit_entered,
            currency=currency,
            rate=rate,
            entered_with_tax=entered_with_tax,
        )
        total = taxed_from_entered(
            unit_entered * quantity,
            currency=currency,
            rate=rate,
            entered_with_tax=entered_with_tax,
        )
        subtotal_entered += unit_entered * quantity
        line_totals.append(
            LineTotals(line_id=line_info.line.pk, unit_price=unit, total_price=total)
        )

    discount_entered = Decimal(0)
    listing = info.voucher_listing
    if checkout.voucher is not None and listing is not None:
        minimum = listing.min_spent_amount
        if minimum is None or subtotal_entered >= minimum:
            discount_entered = voucher_discount_amount(
                voucher=checkout.voucher,
                discount_value=listing.discount_value,
                subtotal=subtotal_entered,
                currency=currency,
            )

    shipping_entered = Decimal(0)
    shipping_listing = info.shipping_listing if info.shipping_required else None
    if shipping_listing is not None:
        shipping_entered = shipping_price_entered(
            listing=shipping_listing, subtotal_entered=subtotal_entered
        )

    subtotal = taxed_from_entered(
        subtotal_entered,
        currency=currency,
        rate=rate,
        entered_with_tax=entered_with_tax,
    )
    shipping = taxed_from_entered(
        shipping_entered,
        currency=currency,
        rate=rate,
        entered_with_tax=entered_with_tax,
    )
    total = taxed_from_entered(
        subtotal_entered - discount_entered + shipping_entered,
        currency=currency,
        rate=rate,
        entered_with_tax=entered_with_tax,
    )
    return CheckoutTotals(
        subtotal=subtotal,
        discount=Money(discount_entered, currency)
        if discount_entered
        else zero_money(currency),
        shipping=shipping,
        tax=total.gross - total.net,
        total=total,
        tax_rate=rate,
        lines=tuple(line_totals),
        subtotal_entered=Money(subtotal_entered, currency),
    )
