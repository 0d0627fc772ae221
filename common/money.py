"""Money helpers: Decimal amounts with a currency, and conversions at the edges."""

from decimal import ROUND_HALF_UP, Decimal

from prices import Money

# ISO 4217 currencies without minor units that the shop could meet.
_ZERO_DECIMAL_CURRENCIES = {"JPY", "KRW", "VND", "CLP", "ISK", "HUF"}


def currency_exponent(currency: str) -> int:
    return 0 if currency.upper() in _ZERO_DECIMAL_CURRENCIES else 2


def quantize_price(amount: Decimal, currency: str) -> Decimal:
    exponent = currency_exponent(currency)
    return amount.quantize(Decimal(1).scaleb(-exponent), rounding=ROUND_HALF_UP)


def money_to_minor_units(money: Money) -> int:
    """Amount in the currency's smallest unit, as payment providers expect it."""
    exponent = currency_exponent(money.currency)
    return int(quantize_price(money.amount, money.currency).scaleb(exponent))


def money_from_minor_units(amount: int, currency: str) -> Money:
    exponent = currency_exponent(currency)
    return Money(Decimal(amount).scaleb(-exponent), currency.upper())


def zero_money(currency: str) -> Money:
    return Money(Decimal(0), currency)
