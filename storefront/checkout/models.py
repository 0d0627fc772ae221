"""The cart (Saleor's checkout), its lines, and vouchers."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q

from common.models import TimeStampedModel


class Checkout(models.Model):
    """A shopper's cart and the choices made on the way to an order."""

    token = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_change = models.DateTimeField(auto_now=True, db_index=True)
    channel = models.ForeignKey(
        "channels.Channel", related_name="checkouts", on_delete=models.PROTECT
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="checkouts",
        on_delete=models.CASCADE,
    )
    email = models.EmailField(blank=True)
    currency = models.CharField(max_length=3)
    region = models.CharField(
        max_length=10,
        help_text="Where the shopper said they are; the shipping address wins later.",
    )
    shipping_address = models.ForeignKey(
        "accounts.Address",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    billing_address = models.ForeignKey(
        "accounts.Address",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    shipping_method = models.ForeignKey(
        "shipping.ShippingMethod",
        null=True,
        blank=True,
        related_name="checkouts",
        on_delete=models.SET_NULL,
    )
    voucher = models.ForeignKey(
        "checkout.Voucher",
        null=True,
        blank=True,
        related_name="checkouts",
        on_delete=models.SET_NULL,
    )
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-last_change"]

    def __str__(self) -> str:
        return f"Checkout {self.token}"


class CheckoutLine(models.Model):
    checkout = models.ForeignKey(
        Checkout, related_name="lines", on_delete=models.CASCADE
    )
    variant = models.ForeignKey(
        "catalogue.ProductVariant", related_name="+", on_delete=models.CASCADE
    )
    quantity = models.PositiveIntegerField(validators=[MinValueValidator(1)])
    # Reserved for subscriptions, which another issue builds on top of this.
    is_subscription = models.BooleanField(default=False)
    subscription_interval = models.CharField(max_length=32, null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="checkout_line_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"


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
        constraints = [
            models.UniqueConstraint(
                fields=["voucher", "customer_email"], name="voucher_customer_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.voucher} by {self.customer_email}"
