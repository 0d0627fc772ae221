"""Orders as the customer sees them."""

from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Prefetch, QuerySet
from prices import Money as PricesMoney

from common.graphql.connection import connection_type
from common.graphql.ids import to_global_id
from storefront.graphql.account.types import Address
from storefront.graphql.channel.types import Channel
from storefront.graphql.checkout.types import DeliveryMethod, shipping_method_data
from storefront.graphql.core.enums import (
    FulfillmentStatus,
    OrderAuthorizeStatusEnum,
    OrderChargeStatusEnum,
    OrderDiscountType,
    OrderStatus,
    PaymentChargeStatusEnum,
    ThumbnailFormatEnum,
)
from storefront.graphql.core.types import Image, Money, TaxedMoney, media_url
from storefront.graphql.product.types import ProductVariant
from storefront.orders import models as order_models
from storefront.payments.selectors import (
    PaymentShares,
    payment_charge_status,
    payment_shares,
)


def orders_of_user(user: Any) -> QuerySet[Any]:
    """The customer's orders, newest first, ready for the account pages."""
    return order_queryset(order_models.Order.objects.filter(user=user)).order_by(
        "-created_at", "-pk"
    )


def order_queryset(orders: QuerySet[Any]) -> QuerySet[Any]:
    return orders.select_related(
        "channel", "shipping_address", "billing_address", "shipping_method", "voucher"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=order_models.OrderLine.objects.select_related("variant__product"),
        ),
        Prefetch(
            "fulfillments",
            queryset=order_models.Fulfillment.objects.prefetch_related("lines"),
        ),
    )


def order_global_id(order: Any) -> str:
    """The order's id: by checkout token when it has one (unguessable), else pk."""
    return to_global_id("Order", order.checkout_token or order.pk)


class Voucher(graphene.ObjectType):
    """A discount code."""

    code = graphene.String(description="The code.")


class OrderLine(graphene.ObjectType):
    """A line of an order, copied from the checkout when it was placed."""

    id = graphene.ID(required=True, description="Global id.")
    product_name = graphene.String(required=True, description="Product name.")
    variant_name = graphene.String(required=True, description="Variant name.")
    product_sku = graphene.String(description="SKU.")
    quantity = graphene.Int(required=True, description="Units ordered.")
    quantity_fulfilled = graphene.Int(required=True, description="Units shipped.")
    thumbnail = graphene.Field(
        Image,
        size=graphene.Int(description="Wanted size in pixels."),
        format=graphene.Argument(
            ThumbnailFormatEnum, default_value=ThumbnailFormatEnum.ORIGINAL.value
        ),
        description="The product's first picture, if the product still exists.",
    )
    unit_price = graphene.Field(
        TaxedMoney, required=True, description="Price of a unit."
    )
    undiscounted_unit_price = graphene.Field(
        TaxedMoney, required=True, description="Price of a unit before discounts."
    )
    total_price = graphene.Field(TaxedMoney, required=True, description="Line total.")
    variant = graphene.Field(
        ProductVariant, description="The variant, if it still exists."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("OrderLine", root.pk)

    @staticmethod
    def resolve_product_sku(root: Any, info: Any) -> str | None:
        return root.product_sku or None

    @staticmethod
    def resolve_thumbnail(
        root: Any, info: Any, size: int | None = None, format: Any = None
    ) -> Any:
        variant = root.variant
        if variant is None:
            return None
        media = list(variant.product.media.all())
        if not media:
            return None
        path = media[0].thumbnail.name or media[0].image.name
        return {"url": media_url(info, path), "alt": media[0].alt or root.product_name}

    @staticmethod
    def resolve_undiscounted_unit_price(root: Any, info: Any) -> Any:
        return root.unit_price


class FulfillmentLine(graphene.ObjectType):
    """Units of an order line in a shipment."""

    id = graphene.ID(required=True, description="Global id.")
    quantity = graphene.Int(required=True, description="Units.")
    order_line = graphene.Field(OrderLine, description="The order line.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("FulfillmentLine", root.pk)


class Fulfillment(graphene.ObjectType):
    """A shipment of (part of) an order."""

    id = graphene.ID(required=True, description="Global id.")
    status = graphene.Field(FulfillmentStatus, required=True, description="State.")
    tracking_number = graphene.String(required=True, description="Tracking number.")
    created = graphene.DateTime(required=True, description="When it was shipped.")
    lines = graphene.List(
        graphene.NonNull(FulfillmentLine), description="What it holds."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("Fulfillment", root.pk)

    @staticmethod
    def resolve_status(root: Any, info: Any) -> str:
        return getattr(root, "status", "fulfilled") or "fulfilled"

    @staticmethod
    def resolve_created(root: Any, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_lines(root: Any, info: Any) -> list:
        return list(root.lines.all())


class OrderDiscount(graphene.ObjectType):
    """A discount on the order."""

    type = graphene.Field(
        OrderDiscountType, required=True, description="Where it came from."
    )
    name = graphene.String(description="Name (the voucher code).")
    amount = graphene.Field(
        Money,
        required=True,
        description="Amount taken off.",
        deprecation_reason="Use `total` instead.",
    )
    total = graphene.Field(Money, required=True, description="Amount taken off.")


class Order(graphene.ObjectType):
    """A placed order."""

    id = graphene.ID(required=True, description="Global id.")
    created = graphene.DateTime(required=True, description="When it was placed.")
    status = graphene.Field(OrderStatus, required=True, description="Where it is.")
    billing_address = graphene.Field(Address, description="Billing address.")
    shipping_address = graphene.Field(Address, description="Shipping address.")
    channel = graphene.Field(Channel, required=True, description="The channel.")
    fulfillments = graphene.List(
        graphene.NonNull(Fulfillment), required=True, description="Shipments."
    )
    lines = graphene.List(
        graphene.NonNull(OrderLine), required=True, description="Lines."
    )
    number = graphene.String(required=True, description="Order number.")
    is_paid = graphene.Boolean(required=True, description="Whether it is fully paid.")
    payment_status = graphene.Field(
        PaymentChargeStatusEnum, required=True, description="Charge state."
    )
    authorize_status = graphene.Field(
        OrderAuthorizeStatusEnum, required=True, description="Authorised share."
    )
    charge_status = graphene.Field(
        OrderChargeStatusEnum, required=True, description="Charged share."
    )
    total = graphene.Field(TaxedMoney, required=True, description="Total.")
    shipping_price = graphene.Field(TaxedMoney, required=True, description="Shipping.")
    voucher = graphene.Field(Voucher, description="Voucher used.")
    subtotal = graphene.Field(TaxedMoney, required=True, description="Lines' total.")
    status_display = graphene.String(required=True, description="Status in words.")
    total_captured = graphene.Field(
        Money,
        required=True,
        description="Amount charged.",
        deprecation_reason="Use `totalCharged` instead.",
    )
    total_charged = graphene.Field(Money, required=True, description="Amount charged.")
    total_balance = graphene.Field(
        Money, required=True, description="Charged minus total (negative: still owed)."
    )
    user_email = graphene.String(description="Customer's email address.")
    delivery_method = graphene.Field(DeliveryMethod, description="Shipping method.")
    discounts = graphene.List(
        graphene.NonNull(OrderDiscount), required=True, description="Discounts."
    )
    requires_adult_signature = graphene.Boolean(
        required=True, description="Whether delivery needs an adult's signature."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return order_global_id(root)

    @staticmethod
    def resolve_created(root: Any, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_fulfillments(root: Any, info: Any) -> list:
        return list(root.fulfillments.all())

    @staticmethod
    def resolve_lines(root: Any, info: Any) -> list:
        return list(root.lines.all())

    @staticmethod
    def resolve_number(root: Any, info: Any) -> str:
        return root.number or str(root.pk)

    @staticmethod
    def resolve_payment_status(root: Any, info: Any) -> str:
        return payment_charge_status(
            charged=root.total_charged_amount,
            refunded=root.total_refunded_amount,
            total=root.total_gross_amount,
        )

    @staticmethod
    def resolve_authorize_status(root: Any, info: Any) -> str:
        return _order_payment_shares(root).authorize_status

    @staticmethod
    def resolve_charge_status(root: Any, info: Any) -> str:
        return _order_payment_shares(root).charge_status

    @staticmethod
    def resolve_voucher(root: Any, info: Any) -> Any:
        return {"code": root.voucher_code} if root.voucher_code else None

    @staticmethod
    def resolve_status_display(root: Any, info: Any) -> str:
        return root.status_label

    @staticmethod
    def resolve_total_captured(root: Any, info: Any) -> Any:
        return PricesMoney(root.total_charged_amount, root.currency)

    @staticmethod
    def resolve_total_charged(root: Any, info: Any) -> Any:
        return PricesMoney(root.total_charged_amount, root.currency)

    @staticmethod
    def resolve_total_balance(root: Any, info: Any) -> Any:
        return PricesMoney(
            root.total_charged_amount - root.total_gross_amount, root.currency
        )

    @staticmethod
    def resolve_delivery_method(root: Any, info: Any) -> Any:
        if root.shipping_method is None:
            return None
        return shipping_method_data(root.shipping_method, root.shipping_price.gross)

    @staticmethod
    def resolve_discounts(root: Any, info: Any) -> list:
        if not root.discount_amount:
            return []
        amount = PricesMoney(root.discount_amount, root.currency)
        return [
            {
                "type": "voucher",
                "name": root.voucher_code or None,
                "amount": amount,
                "total": amount,
            }
        ]


OrderCountableConnection = connection_type("Order", Order)


def _order_payment_shares(order: Any) -> PaymentShares:
    # An order keeps only what was charged; money taken is also money authorised.
    return payment_shares(
        authorized=Decimal(0),
        charged=order.total_charged_amount,
        total=order.total_gross_amount,
    )
