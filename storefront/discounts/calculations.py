"""What a voucher takes off an amount."""

from decimal import Decimal

from common.money import quantize_price
from storefront.discounts.models import Voucher


def voucher_discount_amount(
    *, voucher: Voucher, discount_value: Decimal, subtotal: Decimal, currency: str
) -> Decimal:
    """The discount a voucher gives on an entered subtotal, never above it."""
    if voucher.discount_type == Voucher.DiscountType.PERCENTAGE:
        amount = subtotal * discount_value / Decimal(100)
    else:
        amount = discount_value
    return quantize_price(min(amount, subtotal), currency)
