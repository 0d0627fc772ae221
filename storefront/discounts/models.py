"""Vouchers: codes that take money off a checkout, valued per channel.

The tables keep the names they had when vouchers lived in the checkout app.
"""

from django.db import models
from django.db.models import Q

from common.models import TimeStampedModel


class Voucher(TimeStampedModel):
    class DiscountType(models.TextChoices):
        PERCENTAGE = "percentage", "Percentage of the subtotal"
        FIXED = "fixed", "Fixed amount"

    code = models.CharField(max_length=40, unique=True)
    name = models.CharField(max_length=100, blank=True)
    discount_type = models.CharField(
        max_length=12, choices=DiscountType.choices, default=DiscountType.PERCENTAGE
    )
    usage_limit = models.PositiveIntegerField(null=True, blank=True)
    used = models.PositiveIntegerField(default=0)
    apply_once_per_customer = models.BooleanField(default=False)
    starts_at = models.DateTimeField(null=True, blank=True)
    ends_at = models.DateTimeField(null=True, blank=True)
    is_active = models.BooleanField(default=True)

    class Meta:
        db_table = "checkout_voucher"
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class VoucherChannelListing(models.Model):
    """The voucher's value in one channel: a percentage or an amount in its currency."""

    voucher = models.ForeignKey(
        Voucher, related_name="channel_listings", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        "channels.Channel", related_name="voucher_listings", on_delete=models.CASCADE
    )
    currency = models.CharField(max_length=3)
    discount_value = models.DecimalField(max_digits=12, decimal_places=2)
    min_spent_amount = models.DecimalField(
        max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        db_table = "checkout_voucherchannellisting"
        constraints = [
            models.UniqueConstraint(
                fields=["voucher", "channel"], name="voucher_listing_unique_channel"
            ),
            models.CheckConstraint(
                condition=Q(discount_value__gte=0), name="voucher_value_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.voucher} in {self.channel_id}"


class VoucherCustomer(models.Model):
    """A customer (by email) used a once-per-customer voucher."""

    voucher = models.ForeignKey(
        Voucher, related_name="customers", on_delete=models.CASCADE
    )
    customer_email = models.EmailField()

    class Meta:
        db_table = "checkout_vouchercustomer"
        constraints = [
            models.UniqueConstraint(
                fields=["voucher", "customer_email"], name="voucher_customer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.voucher} by {self.customer_email}"
