"""Vouchers: which code applies where, and counting its uses."""

from django.core.exceptions import ValidationError
from django.db.models import F
from django.utils import timezone

from storefront.discounts.errors import DiscountErrorCode
from storefront.discounts.models import Voucher, VoucherChannelListing, VoucherCustomer


def voucher_invalid(message: str, **params: object) -> ValidationError:
    """The error for a voucher code that cannot be used, on field ``voucher_code``."""
    return ValidationError(
        {
            "voucher_code": ValidationError(
                message,
                code=DiscountErrorCode.VOUCHER_NOT_APPLICABLE.value,
                params=params or None,
            )
        }
    )


def voucher_get_for_channel(
    *, code: str, channel_id: int, customer_email: str
) -> tuple[Voucher, VoucherChannelListing]:
    """The active voucher with this code and its value in a channel.

    Checks the dates, the channel, the usage limit and, for a voucher usable once
    per customer, whether ``customer_email`` has used it. The minimum spend is
    the caller's check: it needs the cart's subtotal.

    Raises:
        ValidationError: ``voucher_code`` unknown, expired, not valid in the
            channel, used up, or already used by this customer.
    """
    voucher = Voucher.objects.filter(code__iexact=code, is_active=True).first()
    now = timezone.now()
    if voucher is None:
        raise voucher_invalid("This voucher code is not valid.")
    if (voucher.starts_at and voucher.starts_at > now) or (
        voucher.ends_at and voucher.ends_at < now
    ):
        raise voucher_invalid("This voucher code has expired.")
    listing = VoucherChannelListing.objects.filter(
        voucher=voucher, channel_id=channel_id
    ).first()
    if listing is None:
        raise voucher_invalid("This voucher code cannot be used in this shop.")
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        raise voucher_invalid("This voucher code has been used up.")
    if (
        voucher.apply_once_per_customer
        and customer_email
        and VoucherCustomer.objects.filter(
            voucher=voucher, customer_email=customer_email.lower()
        ).exists()
    ):
        raise voucher_invalid("You have already used this voucher code.")
    return voucher, listing


def voucher_usage_lock_and_count(*, voucher_id: int, customer_email: str) -> None:
    """Count one use of a voucher; must run inside the order's transaction.

    Locks the voucher row, so concurrent orders cannot exceed the usage limit.

    Raises:
        ValidationError: ``voucher_code`` used up or already used by the customer.
    """
    voucher = Voucher.objects.select_for_update().get(pk=voucher_id)
    if voucher.usage_limit is not None and voucher.used >= voucher.usage_limit:
        raise voucher_invalid("This voucher code has been used up.")
    if voucher.apply_once_per_customer:
        email = customer_email.lower()
        if VoucherCustomer.objects.filter(
            voucher=voucher, customer_email=email
        ).exists():
            raise voucher_invalid("You have already used this voucher code.")
        VoucherCustomer.objects.create(voucher=voucher, customer_email=email)
    Voucher.objects.filter(pk=voucher.pk).update(used=F("used") + 1)
