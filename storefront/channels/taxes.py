"""Taxes of a price: flat rates per country and prices entered net or gross.

Every price the shop shows or charges (catalogue, checkout, renewals, the API)
is taxed here, so that they all agree.
"""

from collections.abc import Callable
from decimal import Decimal

from django.conf import settings
from prices import Money, TaxedMoney

from common.money import quantize_price
from storefront.channels.models import Channel


def tax_rate_for_country(country: str) -> Decimal:
    """The flat rate (0.19 for 19 %) of a country; unknown countries pay none."""
    rates: dict[str, str] = getattr(settings, "CHECKOUT_TAX_RATES", {})
    return Decimal(str(rates.get(country.upper(), "0"))) / Decimal(100)


def taxed_from_entered(
    amount: Decimal, *, currency: str, rate: Decimal, entered_with_tax: bool
) -> TaxedMoney:
    """Net and gross of a price as entered in a channel."""
    if entered_with_tax:
        gross = quantize_price(amount, currency)
        net = quantize_price(gross / (1 + rate), currency)
    else:
        net = quantize_price(amount, currency)
        gross = quantize_price(net * (1 + rate), currency)
    return TaxedMoney(net=Money(net, currency), gross=Money(gross, currency))


def channel_price_taxed(
    amount: Decimal, *, channel: Channel, country: str = ""
) -> TaxedMoney:
    """Net and gross of a price entered in a channel, taxed for ``country``.

    Before a shipping address is known the channel's own country is the one whose
    tax applies; the checkout then taxes its lines the same way for the address.
    """
    return channel_price_taxer(channel=channel, country=country)(amount)


def channel_price_taxer(
    *, channel: Channel, country: str = ""
) -> Callable[[Decimal], TaxedMoney]:
    """``channel_price_taxed`` for many amounts of one channel and country, the
    rate looked up once (a listing taxes dozens of prices)."""
    currency = channel.currency_code
    rate = tax_rate_for_country(country or str(channel.default_country))
    entered_with_tax = channel.prices_entered_with_tax

    def taxed(amount: Decimal) -> TaxedMoney:
        return taxed_from_entered(
            amount, currency=currency, rate=rate, entered_with_tax=entered_with_tax
        )

    return taxed
