"""Payments as Saleor's transactions: amounts per state, and an event per change."""

import uuid
from decimal import Decimal

from django.db import models
from django.db.models import Q
from django_prices.models import MoneyField

from common.models import TimeStampedModel


class PaymentStatus(models.TextChoices):
    PENDING = "pending", "Pending"
    ACTION_REQUIRED = "action_required", "Waiting for the customer"
    AUTHORIZED = "authorized", "Authorised"
    CHARGED = "charged", "Charged"
    PARTIALLY_REFUNDED = "partially_refunded", "Partially refunded"
    REFUNDED = "refunded", "Refunded"
    FAILED = "failed", "Failed"
    CANCELED = "canceled", "Voided"


class Payment(TimeStampedModel):
    """One attempt to take money for a checkout or an order (a TransactionItem)."""

    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    gateway = models.CharField(max_length=32)
    psp_reference = models.CharField(max_length=255, null=True, blank=True, unique=True)
    status = models.CharField(
        max_length=32, choices=PaymentStatus.choices, default=PaymentStatus.PENDING
    )
    checkout_token = models.UUIDField(null=True, blank=True, db_index=True)
    order = models.ForeignKey(
        "orders.Order",
        null=True,
        blank=True,
        related_name="payments",
        on_delete=models.PROTECT,
    )
    customer_email = models.EmailField(blank=True)
    currency = models.CharField(max_length=3)
    amount_value = models.DecimalField(max_digits=12, decimal_places=2)
    amount = MoneyField(amount_field="amount_value", currency_field="currency")
    authorized_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    charged_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    refunded_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    client_secret = models.CharField(max_length=255, blank=True)
    error = models.CharField(max_length=255, blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(refunded_value__lte=models.F("charged_value")),
                name="payment_not_overrefunded",
            )
        ]

    def __str__(self) -> str:
        return f"{self.gateway} {self.psp_reference or self.token}"

    @property
    def refundable_value(self) -> Decimal:
        return self.charged_value - self.refunded_value


class TransactionEventType(models.TextChoices):
    AUTHORIZATION_REQUEST = "authorization_request", "Authorisation requested"
    AUTHORIZATION_SUCCESS = "authorization_success", "Authorised"
    AUTHORIZATION_FAILURE = "authorization_failure", "Authorisation failed"
    AUTHORIZATION_ACTION_REQUIRED = "authorization_action_required", "Action required"
    CHARGE_SUCCESS = "charge_success", "Charged"
    CHARGE_FAILURE = "charge_failure", "Charge failed"
    CANCEL_SUCCESS = "cancel_success", "Voided"
    REFUND_SUCCESS = "refund_success", "Refunded"
    REFUND_FAILURE = "refund_failure", "Refund failed"
    INFO = "info", "Information"


class TransactionEvent(models.Model):
    payment = models.ForeignKey(
        Payment, related_name="events", on_delete=models.CASCADE
    )
    type = models.CharField(max_length=40, choices=TransactionEventType.choices)
    currency = models.CharField(max_length=3)
    amount_value = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    psp_reference = models.CharField(max_length=255, blank=True)
    message = models.CharField(max_length=512, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} {self.amount_value} {self.currency}"


class StripeWebhookEvent(TimeStampedModel):
    """Every Stripe event received, once: the id makes handling idempotent."""

    class Status(models.TextChoices):
        RECEIVED = "received", "Received"
        SUCCEEDED = "succeeded", "Handled"
        IGNORED = "ignored", "Not relevant"
        FAILED = "failed", "Handler failed"

    event_id = models.CharField(max_length=255, unique=True)
    type = models.CharField(max_length=100)
    status = models.CharField(
        max_length=16, choices=Status.choices, default=Status.RECEIVED
    )
    error = models.TextField(blank=True)
    payload = models.JSONField(default=dict)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.type} {self.event_id}"
