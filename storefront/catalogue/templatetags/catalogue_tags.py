from decimal import Decimal

from django import template

from common.money import quantize_price

register = template.Library()

_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£"}


@register.filter
def money(amount: Decimal | None, currency: str) -> str:
    """``24`` and ``"USD"`` → ``$24.00``; unknown currencies get their code."""
    if amount is None:
        return ""
    value = quantize_price(Decimal(amount), currency)
    symbol = _SYMBOLS.get(currency.upper())
    return f"{symbol}{value:,}" if symbol else f"{value:,} {currency.upper()}"


@register.simple_tag
def price_range(low: Decimal | None, high: Decimal | None, currency: str) -> str:
    """A single price, or the lowest and highest joined by an en dash."""
    if low is None:
        return ""
    if high is None or high == low:
        return money(low, currency)
    return f"{money(low, currency)} \u2013 {money(high, currency)}"


@register.filter
def media_url(path: str | None) -> str:
    """The public URL of a stored file path (annotations carry bare paths)."""
    if not path:
        return ""
    from django.core.files.storage import default_storage

    return default_storage.url(str(path))
