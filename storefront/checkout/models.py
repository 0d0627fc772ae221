"""The cart (Saleor's checkout) and its lines."""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q


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
        "discounts.Voucher",
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
