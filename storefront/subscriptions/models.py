"""Subscribe-and-save plans, subscriptions, their renewals, orders and events."""

from django.conf import settings
from django.db import models
from django.db.models import Q

from common.models import TimeStampedModel


class Interval(models.TextChoices):
    """How often a subscription renews. Weeks are exact; months follow the calendar."""

    EVERY_2_WEEKS = "2w", "every 2 weeks"
    EVERY_4_WEEKS = "4w", "every 4 weeks"
    EVERY_8_WEEKS = "8w", "every 8 weeks"
    MONTHLY = "1m", "monthly"
    YEARLY = "1y", "yearly"


PRODUCT_INTERVALS = [
    Interval.EVERY_2_WEEKS,
    Interval.EVERY_4_WEEKS,
    Interval.EVERY_8_WEEKS,
    Interval.MONTHLY,
]
MEMBERSHIP_INTERVALS = [Interval.MONTHLY, Interval.YEARLY]


def _product_intervals() -> list[str]:
    return [str(i.value) for i in PRODUCT_INTERVALS]


class SubscriptionPlan(TimeStampedModel):
    """A product may be bought on subscription in a channel, at a discount."""

    product = models.ForeignKey(
        "catalogue.Product", related_name="subscription_plans", on_delete=models.CASCADE
    )
    channel = models.ForeignKey(
        "channels.Channel", related_name="subscription_plans", on_delete=models.CASCADE
    )
    discount_percent = models.DecimalField(
        max_digits=5,
        decimal_places=2,
        default=0,
        help_text="Subscribe-and-save: taken off the channel price at every order.",
    )
    intervals = models.JSONField(
        default=_product_intervals,
        help_text='Intervals offered, from "2w", "4w", "8w", "1m" and "1y".',
    )
    is_membership = models.BooleanField(
        default=False, help_text="Grants paid-member access to articles while paid."
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["product_id", "channel_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["product", "channel"], name="subscription_plan_product_channel"
            ),
            models.CheckConstraint(
                condition=Q(discount_percent__gte=0) & Q(discount_percent__lt=100),
                name="subscription_plan_discount_range",
            ),
        ]

    def __str__(self) -> str:
        return f"Plan for product {self.product_id} in channel {self.channel_id}"


class SubscriptionStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PAUSED = "paused", "Paused"
    PAST_DUE = "past_due", "Payment overdue"
    CANCELLED = "cancelled", "Cancelled"


class Subscription(TimeStampedModel):
    """Goods (or member access) ordered again every interval with a saved card."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, related_name="subscriptions", on_delete=models.PROTECT
    )
    channel = models.ForeignKey(
        "channels.Channel", related_name="subscriptions", on_delete=models.PROTECT
    )
    status = models.CharField(
        max_length=16,
        choices=SubscriptionStatus.choices,
        default=SubscriptionStatus.ACTIVE,
    )
    interval = models.CharField(max_length=4, choices=Interval.choices)
    is_membership = models.BooleanField(default=False)
    email = models.EmailField()
    region = models.CharField(max_length=10)
    shipping_address = models.ForeignKey(
        "accounts.Address",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    shipping_method = models.ForeignKey(
        "shipping.ShippingMethod",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    gateway = models.CharField(max_length=32)
    payment_method_ref = models.CharField(
        max_length=255,
        blank=True,
        help_text="Saved card: a gateway token, never a PAN.",
    )
    payment_customer_ref = models.CharField(max_length=255, blank=True)
    card_label = models.CharField(max_length=64, blank=True)
    started_on = models.DateField()
    next_renewal_date = models.DateField(
        help_text="Start of the next period to be ordered and charged."
    )
    paid_until = models.DateField(help_text="End of the last period paid for.")
    retry_on = models.DateField(
        null=True, blank=True, help_text="When a failed or postponed renewal retries."
    )
    paused_until = models.DateField(null=True, blank=True)
    reminder_sent_for = models.DateField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_renewal_date"])]
        permissions = [
            ("manage_subscriptions", "Can pause, resume, skip and cancel subscriptions")
        ]

    def __str__(self) -> str:
        return f"Subscription {self.pk}"


class SubscriptionLine(models.Model):
    subscription = models.ForeignKey(
        Subscription, related_name="lines", on_delete=models.CASCADE
    )
    variant = models.ForeignKey(
        "catalogue.ProductVariant", related_name="+", on_delete=models.PROTECT
    )
    quantity = models.PositiveIntegerField()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="subscription_line_quantity_positive"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.variant_id}"


class RenewalStatus(models.TextChoices):
    PENDING = "pending", "Waiting"
    CHARGING = "charging", "Charging the card"
    PAID = "paid", "Paid and ordered"
    FAILED = "failed", "Payment failed, will retry"
    ABANDONED = "abandoned", "Given up"
    BLOCKED = "blocked", "Stopped by the rules"


class SubscriptionRenewal(TimeStampedModel):
    """One billing period of a subscription; the unique pair makes it happen once."""

    subscription = models.ForeignKey(
        Subscription, related_name="renewals", on_delete=models.CASCADE
    )
    period_start = models.DateField()
    status = models.CharField(
        max_length=16, choices=RenewalStatus.choices, default=RenewalStatus.PENDING
    )
    attempts = models.PositiveIntegerField(default=0, help_text="Charges tried.")
    failures = models.PositiveIntegerField(default=0, help_text="Charges refused.")
    first_failed_on = models.DateField(null=True, blank=True)
    payment = models.ForeignKey(
        "payments.Payment",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    order = models.ForeignKey(
        "orders.Order",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    charging_since = models.DateTimeField(null=True, blank=True)
    last_error = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "period_start"],
                name="subscription_renewal_once_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"Renewal of {self.subscription_id} for {self.period_start}"


class SubscriptionOrder(models.Model):
    """Every order a subscription produced: the first one and each renewal."""

    subscription = models.ForeignKey(
        Subscription, related_name="subscription_orders", on_delete=models.CASCADE
    )
    order = models.ForeignKey(
        "orders.Order", related_name="subscription_links", on_delete=models.PROTECT
    )
    period_start = models.DateField()
    is_first = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["subscription", "order"], name="subscription_order_unique"
            )
        ]

    def __str__(self) -> str:
        return f"Order {self.order_id} of subscription {self.subscription_id}"


class SubscriptionEventType(models.TextChoices):
    CREATED = "created", "Started"
    RENEWED = "renewed", "Renewed"
    PAYMENT_FAILED = "payment_failed", "Payment failed"
    RETRY_SCHEDULED = "retry_scheduled", "Retry scheduled"
    OUT_OF_STOCK = "out_of_stock", "Postponed: out of stock"
    BLOCKED = "blocked", "Paused by the rules"
    SKIPPED = "skipped", "Delivery skipped"
    PAUSED = "paused", "Paused"
    RESUMED = "resumed", "Resumed"
    INTERVAL_CHANGED = "interval_changed", "Frequency changed"
    LINE_CHANGED = "line_changed", "Item changed"
    ADDRESS_CHANGED = "address_changed", "Address changed"
    CARD_UPDATED = "card_updated", "Card updated"
    ORDERED_NOW = "ordered_now", "Ordered early"
    REMINDER_SENT = "reminder_sent", "Reminder sent"
    CANCELLED = "cancelled", "Cancelled"


class SubscriptionEvent(models.Model):
    subscription = models.ForeignKey(
        Subscription, related_name="events", on_delete=models.CASCADE
    )
    type = models.CharField(max_length=32, choices=SubscriptionEventType.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.SET_NULL,
    )
    parameters = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.get_type_display()
