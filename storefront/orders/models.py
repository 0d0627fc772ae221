"""Orders, after Saleor: lines copied from the checkout, fulfilments and events."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django_prices.models import MoneyField, TaxedMoneyField

from common.models import TimeStampedModel


class OrderStatus(models.TextChoices):
    UNCONFIRMED = "unconfirmed", "Unconfirmed"
    UNFULFILLED = "unfulfilled", "Unfulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled", "Partially fulfilled"
    FULFILLED = "fulfilled", "Fulfilled"
    CANCELED = "canceled", "Cancelled"


class Order(TimeStampedModel):
    number = models.CharField(max_length=20, unique=True, null=True, blank=True)
    status = models.CharField(
        max_length=32, choices=OrderStatus.choices, default=OrderStatus.UNFULFILLED
    )
    channel = models.ForeignKey(
        "channels.Channel", related_name="orders", on_delete=models.PROTECT
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        related_name="orders",
        on_delete=models.SET_NULL,
    )
    user_email = models.EmailField()
    checkout_token = models.UUIDField(
        null=True,
        blank=True,
        unique=True,
        help_text="The checkout this order came from; one order per checkout.",
    )
    region = models.CharField(max_length=10, blank=True)
    shipping_address = models.ForeignKey(
        "accounts.Address",
        null=True,
        blank=True,
        related_name="+",
        on_delete=models.PROTECT,
    )
    billing_address = models.ForeignKey(
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
        related_name="orders",
        on_delete=models.SET_NULL,
    )
    shipping_method_name = models.CharField(max_length=255, blank=True)
    voucher = models.ForeignKey(
        "discounts.Voucher",
        null=True,
        blank=True,
        related_name="orders",
        on_delete=models.SET_NULL,
    )
    voucher_code = models.CharField(max_length=40, blank=True)
    currency = models.CharField(max_length=3)
    subtotal_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    subtotal_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    subtotal = TaxedMoneyField(
        net_amount_field="subtotal_net_amount",
        gross_amount_field="subtotal_gross_amount",
        currency_field="currency",
    )
    discount_amount = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    discount = MoneyField(amount_field="discount_amount", currency_field="currency")
    shipping_price_net_amount = models.DecimalField(
        max_digits=12, decimal_places=2, default=0
    )
    shipping_price_gross_amount = models.DecimalField(
        max_digits=12, decimal_places=2, default=0
    )
    shipping_price = TaxedMoneyField(
        net_amount_field="shipping_price_net_amount",
        gross_amount_field="shipping_price_gross_amount",
        currency_field="currency",
    )
    total_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total = TaxedMoneyField(
        net_amount_field="total_net_amount",
        gross_amount_field="total_gross_amount",
        currency_field="currency",
    )
    total_charged_amount = models.DecimalField(
        max_digits=12, decimal_places=2, default=0
    )
    total_refunded_amount = models.DecimalField(
        max_digits=12, decimal_places=2, default=0
    )
    requires_adult_signature = models.BooleanField(default=False)
    customer_note = models.TextField(blank=True)
    metadata = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        permissions = [
            ("manage_orders", "Can fulfil and cancel orders"),
            ("refund_order", "Can refund orders"),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self) -> str:
        return self.number or f"Order {self.pk}"

    @property
    def is_digital(self) -> bool:
        """Nothing to deliver: the order has neither a shipping address nor a method."""
        return self.shipping_address_id is None and self.shipping_method_id is None

    @property
    def status_label(self) -> str:
        """The status in the words a customer reads; digital orders have their own."""
        if self.is_digital and self.status == OrderStatus.FULFILLED:
            return "Delivered digitally"
        return str(self.get_status_display())

    @property
    def is_paid(self) -> bool:
        return self.total_charged_amount >= self.total_gross_amount


class OrderLine(models.Model):
    order = models.ForeignKey(Order, related_name="lines", on_delete=models.CASCADE)
    variant = models.ForeignKey(
        "catalogue.ProductVariant",
        null=True,
        blank=True,
        related_name="order_lines",
        on_delete=models.SET_NULL,
    )
    product_name = models.CharField(max_length=386)
    variant_name = models.CharField(max_length=255, blank=True)
    product_sku = models.CharField(max_length=64, blank=True)
    regulated_class = models.CharField(max_length=32, blank=True)
    min_age = models.PositiveIntegerField(null=True, blank=True)
    quantity = models.PositiveIntegerField()
    quantity_fulfilled = models.PositiveIntegerField(default=0)
    currency = models.CharField(max_length=3)
    unit_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    unit_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    unit_price = TaxedMoneyField(
        net_amount_field="unit_price_net_amount",
        gross_amount_field="unit_price_gross_amount",
        currency_field="currency",
    )
    total_price_net_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total_price_gross_amount = models.DecimalField(max_digits=12, decimal_places=2)
    total_price = TaxedMoneyField(
        net_amount_field="total_price_net_amount",
        gross_amount_field="total_price_gross_amount",
        currency_field="currency",
    )
    tax_rate = models.DecimalField(max_digits=5, decimal_places=4, default=0)
    is_subscription = models.BooleanField(default=False)
    subscription_interval = models.CharField(max_length=32, null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(quantity_fulfilled__lte=F("quantity")),
                name="order_line_not_overfulfilled",
            ),
            models.CheckConstraint(
                condition=Q(quantity__gte=1), name="order_line_quantity_positive"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.quantity} x {self.product_name}"

    @property
    def quantity_unfulfilled(self) -> int:
        return self.quantity - self.quantity_fulfilled


class Allocation(models.Model):
    """Units of a stock row promised to an order line until shipped or cancelled."""

    order_line = models.ForeignKey(
        OrderLine, related_name="allocations", on_delete=models.CASCADE
    )
    stock = models.ForeignKey(
        "inventory.Stock", related_name="allocations", on_delete=models.PROTECT
    )
    quantity_allocated = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["order_line", "stock"], name="allocation_unique_line_stock"
            )
        ]

    def __str__(self) -> str:
        return f"{self.quantity_allocated} of stock {self.stock_id}"


class Fulfillment(models.Model):
    order = models.ForeignKey(
        Order, related_name="fulfillments", on_delete=models.CASCADE
    )
    fulfillment_order = models.PositiveIntegerField()
    tracking_number = models.CharField(max_length=255, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.order}-{self.fulfillment_order}"


class FulfillmentLine(models.Model):
    fulfillment = models.ForeignKey(
        Fulfillment, related_name="lines", on_delete=models.CASCADE
    )
    order_line = models.ForeignKey(
        OrderLine, related_name="fulfillment_lines", on_delete=models.CASCADE
    )
    quantity = models.PositiveIntegerField()

    def __str__(self) -> str:
        return f"{self.quantity} x {self.order_line_id}"


class OrderEventType(models.TextChoices):
    PLACED = "placed", "Order placed"
    PAYMENT_CAPTURED = "payment_captured", "Payment captured"
    CONFIRMATION_SENT = "confirmation_sent", "Confirmation email sent"
    FULFILLED = "fulfilled", "Lines fulfilled"
    CANCELED = "canceled", "Order cancelled"
    REFUNDED = "refunded", "Payment refunded"
    NOTE = "note", "Note"


class OrderEvent(models.Model):
    order = models.ForeignKey(Order, related_name="events", on_delete=models.CASCADE)
    type = models.CharField(max_length=32, choices=OrderEventType.choices)
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
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_type_display()} ({self.created_at:%Y-%m-%d %H:%M})"
