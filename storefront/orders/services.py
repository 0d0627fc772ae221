"""Orders: creation in one transaction, fulfilment, cancellation and refunds."""

import logging
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from prices import Money, TaxedMoney

from common.mail import email_queue
from common.models import OutboundEmail
from common.urls import absolute_url
from storefront.accounts.addresses import address_copies
from storefront.accounts.models import Address, User
from storefront.catalogue.models import ProductVariant
from storefront.catalogue.regulation import line_decide
from storefront.channels.models import Channel
from storefront.discounts.models import Voucher
from storefront.discounts.services import voucher_usage_lock_and_count
from storefront.orders.allocation import (
    AllocationRequest,
    stock_allocate,
    stock_release,
    stock_ship,
)
from storefront.orders.errors import (
    OrderCannotCancelError,
    OrderCannotFulfilError,
    OrderCannotRefundError,
    OrderErrorCode,
    OrderLineNotAvailableInRegionError,
    OrderPermissionDenied,
)
from storefront.orders.legality import order_lines_prohibited_today
from storefront.orders.models import (
    Fulfillment,
    FulfillmentLine,
    Order,
    OrderEvent,
    OrderEventType,
    OrderLine,
    OrderStatus,
)
from storefront.payments.models import Payment
from storefront.payments.services import payment_attach_to_order, payment_refund
from storefront.shipping.models import ShippingMethod

logger = logging.getLogger(__name__)

# Order numbers are digits, as Saleor's are (clients show them as "#100042").
ORDER_NUMBER_OFFSET = 100000
GUEST_LINK_SALT = "orders.guest-link"


@dataclass(frozen=True)
class OrderLineInput:
    """One line of a new order, with its price fixed by the caller."""

    variant: ProductVariant
    quantity: int
    unit_price: TaxedMoney
    tax_rate: Decimal = Decimal(0)
    product_name: str = ""
    variant_name: str = ""
    sku: str = ""
    regulated_class: str = ""
    is_subscription: bool = False
    subscription_interval: str | None = None


@dataclass(frozen=True)
class OrderTotalsInput:
    subtotal: TaxedMoney
    shipping: TaxedMoney
    discount: Money
    total: TaxedMoney


@dataclass(frozen=True)
class VoucherUse:
    voucher: Voucher
    customer_email: str


@dataclass(frozen=True)
class OrderCreateOptions:
    checkout_token: uuid.UUID | None = None
    voucher_use: VoucherUse | None = None
    customer_note: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)


def order_create(
    *,
    channel: Channel,
    user: User | None,
    email: str,
    lines: Sequence[OrderLineInput],
    shipping_address: Address | None,
    billing_address: Address | None,
    shipping_method: ShippingMethod | None,
    totals: OrderTotalsInput,
    region: str,
    options: OrderCreateOptions | None = None,
) -> Order:
    """Create an order with its lines, allocate its stock, and queue the email.

    The lower-level entry point: checkout completion and subscription renewals
    both call it with prices already computed. Runs in ONE transaction (the
    caller's when it holds one, without a savepoint); the region's rules are
    decided again first (the last guard), stock rows are locked by pk and the
    voucher row is locked before its usage is counted.
    Addresses are copied so later edits never change the order. An order of
    goods that need no delivery (a membership) has no shipping address or method;
    ``region`` is then where the buyer is (the billing address's region), and the
    order is fulfilled at once: its status is the digital "Delivered digitally".

    Raises:
        ValidationError: no lines, a non-positive quantity, or no email.
        OrderLineNotAvailableInRegionError: a line may not ship to ``region``.
        InsufficientStockError: not enough units left; nothing is written.
        VoucherNotApplicableError: the voucher's usage limit was reached meanwhile
            or the customer already used it.
    """
    options = options or OrderCreateOptions()
    if not lines:
        raise ValidationError(
            {
                "lines": ValidationError(
                    "An order needs at least one line.",
                    code=OrderErrorCode.NO_LINES.value,
                )
            }
        )
    if not email:
        raise ValidationError(
            {
                "email": ValidationError(
                    "An email address is required.", code=OrderErrorCode.REQUIRED.value
                )
            }
        )
    for line in lines:
        if line.quantity < 1:
            raise ValidationError(
                {
                    "quantity": ValidationError(
                        "Quantities must be at least 1.",
                        code=OrderErrorCode.INVALID.value,
                    )
                }
            )
    currency = totals.total.currency
    # The last, authoritative guard: the law may have changed since the cart.
    # An order with nothing to deliver (no shipping address) is judged where
    # its buyer is: ``region`` is then the billing address's.
    decisions = {}
    for line in lines:
        decision = line_decide(product_class=line.regulated_class, region=region)
        if decision.prohibited:
            if shipping_address is None and shipping_method is None:
                raise OrderLineNotAvailableInRegionError(
                    f"{line.product_name} cannot be sold to this billing "
                    f"address: {decision.reason}",
                    field="billing_address",
                )
            raise OrderLineNotAvailableInRegionError(
                f"{line.product_name} cannot be shipped to this address: "
                f"{decision.reason}",
                field="shipping_address",
            )
        decisions[id(line)] = decision
    # Inside the caller's transaction (checkout completion, a renewal's savepoint)
    # no savepoint of its own: a failure here undoes the caller's block.
    with transaction.atomic(savepoint=False):
        digital = shipping_address is None and shipping_method is None
        shipping_copy, billing_copy = address_copies(
            [shipping_address, billing_address or shipping_address]
        )
        # The money fields are django-prices composites, unknown to django-stubs.
        order = Order.objects.create(  # type: ignore[misc]
            channel=channel,
            user=user if user is not None and user.is_authenticated else None,
            user_email=email,
            checkout_token=options.checkout_token,
            region=region,
            shipping_address=shipping_copy,
            billing_address=billing_copy,
            shipping_method=shipping_method,
            shipping_method_name=shipping_method.name if shipping_method else "",
            voucher=options.voucher_use.voucher if options.voucher_use else None,
            voucher_code=options.voucher_use.voucher.code
            if options.voucher_use
            else "",
            currency=currency,
            subtotal=totals.subtotal,
            discount=totals.discount,
            shipping_price=totals.shipping,
            total=totals.total,
            requires_adult_signature=any(decisions[id(line)].min_age for line in lines),
            customer_note=options.customer_note,
            metadata=options.metadata,
            # Nothing to ship: access is granted as soon as the order exists (it is
            # created only once paid), so it never waits in the fulfilment queue.
            status=OrderStatus.FULFILLED if digital else OrderStatus.UNFULFILLED,
        )
        order.number = str(ORDER_NUMBER_OFFSET + order.pk)
        Order.objects.filter(pk=order.pk).update(number=order.number)
        order_lines = OrderLine.objects.bulk_create(
            [
                OrderLine(  # type: ignore[misc]
                    order=order,
                    variant=line.variant,
                    product_name=line.product_name or line.variant.product.name,
                    variant_name=line.variant_name or line.variant.name,
                    product_sku=line.sku or line.variant.sku,
                    regulated_class=line.regulated_class,
                    min_age=decisions[id(line)].min_age,
                    quantity=line.quantity,
                    currency=currency,
                    unit_price=line.unit_price,
                    total_price=line.unit_price * line.quantity,
                    tax_rate=line.tax_rate,
                    is_subscription=line.is_subscription,
                    subscription_interval=line.subscription_interval,
                    quantity_fulfilled=line.quantity if digital else 0,
                )
                for line in lines
            ]
        )
        stock_allocate(
            channel_id=channel.pk,
            requests=[
                AllocationRequest(
                    order_line=order_line,
                    variant_id=line.variant.pk,
                    sku=order_line.product_sku,
                    quantity=line.quantity,
                    track_inventory=line.variant.track_inventory,
                )
                for order_line, line in zip(order_lines, lines, strict=True)
            ],
        )
        if options.voucher_use is not None:
            voucher_usage_lock_and_count(
                voucher_id=options.voucher_use.voucher.pk,
                customer_email=options.voucher_use.customer_email,
            )
        OrderEvent.objects.create(
            order=order,
            type=OrderEventType.PLACED,
            user=order.user,
            parameters={
                "lines": len(order_lines),
                "total": str(order.total_gross_amount),
            },
        )
        if digital:
            OrderEvent.objects.create(
                order=order,
                type=OrderEventType.FULFILLED,
                user=order.user,
                parameters={"digital": True, "lines": len(order_lines)},
            )
        order_confirmation_send(order=order, lines=order_lines)
    return order


def order_guest_link(*, order: Order) -> str:
    """A signed path that shows the order without signing in."""
    token = signing.dumps({"o": order.pk, "n": order.number}, salt=GUEST_LINK_SALT)
    return reverse("orders:guest_detail", kwargs={"token": token})


ORDER_CONFIRMATION_EMAIL = "order_confirmation"


def order_confirmation_send(*, order: Order, lines: Sequence[OrderLine]) -> None:
    """Queue the order confirmation email in the order's transaction.

    Takes the order and lines just created, as they are in memory: the email
    reads nothing else. The outbox sends it once the order commits and retries
    while mail is down; the order records "confirmation sent" when it has
    actually gone.
    """
    link = absolute_url(order_guest_link(order=order))
    context = {"order": order, "lines": list(lines), "link": link}
    email_queue(
        to=[order.user_email],
        subject=f"Your Verdant Field order {order.number}",
        body=render_to_string("orders/email/confirmation.txt", context),
        kind=ORDER_CONFIRMATION_EMAIL,
        reference=str(order.pk),
    )


def order_confirmation_sent_record(email: OutboundEmail) -> None:
    """Record on the order that its confirmation email has been sent."""
    OrderEvent.objects.create(
        order_id=int(email.reference),
        type=OrderEventType.CONFIRMATION_SENT,
        parameters={"email": ", ".join(email.to)},
    )


def _require(user: User | AnonymousUser | None, perm: str) -> None:
    if user is None or not user.is_active or not user.has_perm(perm):
        raise OrderPermissionDenied(
            "You do not have permission to change orders this way."
        )


def _lines_check_shippable_today(
    order: Order, lines: dict[int, OrderLine], quantities: dict[int, int]
) -> None:
    prohibited = order_lines_prohibited_today(
        order=order,
        lines=[line for pk, line in lines.items() if quantities.get(pk, 0) > 0],
    )
    if prohibited:
        line_id, decision = min(prohibited.items())
        raise OrderLineNotAvailableInRegionError(
            f"{lines[line_id].product_name}: {decision.explained} It can no longer be "
            "shipped to this address; ship 0 of it and cancel or refund it instead.",
            field="quantity",
        )


def order_fulfil(
    *,
    order: Order,
    quantities: dict[int, int],
    tracking_number: str,
    user: User | AnonymousUser | None,
) -> Fulfillment:
    """Ship order lines: stock leaves the warehouse and the status moves on.

    ``quantities`` maps order line ids to the units shipped now.

    Raises:
        OrderPermissionDenied: ``user`` lacks ``orders.manage_orders``.
        ValidationError: an unknown line, a quantity below 1 or above what is left
            to ship (named by ``quantity``), or a tracking number over 255 chars.
        OrderCannotFulfilError: the order is cancelled, unconfirmed or unpaid, or
            held for compliance review.
        OrderLineNotAvailableInRegionError: a line to ship is prohibited in the
            shipping region by today's rules (the law changed after the sale);
            nothing ships.
    """
    _require(user, "orders.manage_orders")
    if len(tracking_number) > 255:
        raise ValidationError(
            {
                "tracking_number": ValidationError(
                    "Use at most 255 characters.", code=OrderErrorCode.INVALID.value
                )
            }
        )
    if not quantities or all(q == 0 for q in quantities.values()):
        raise ValidationError(
            {
                "quantity": ValidationError(
                    "Ship at least one unit.", code=OrderErrorCode.REQUIRED.value
                )
            }
        )
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in {
            OrderStatus.UNFULFILLED,
            OrderStatus.PARTIALLY_FULFILLED,
        }:
            state = locked.get_status_display().lower()
            raise OrderCannotFulfilError(
                f"An order that is {state} cannot be fulfilled."
            )
        hold = (locked.metadata or {}).get("compliance_hold")
        if hold:
            raise OrderCannotFulfilError(
                "This order is held for compliance review: " + str(hold["reason"])
            )
        if not locked.is_paid:
            raise OrderCannotFulfilError("The order has not been paid in full.")
        lines = {
            line.pk: line
            for line in OrderLine.objects.select_for_update(of=("self",))
            .select_related("variant")
            .filter(order=locked)
            .order_by("pk")
        }
        _lines_check_shippable_today(locked, lines, quantities)
        for line_id, quantity in quantities.items():
            line = lines.get(line_id)
            if line is None:
                raise ValidationError(
                    {
                        "quantity": ValidationError(
                            "This line is not part of the order.",
                            code=OrderErrorCode.NOT_FOUND.value,
                        )
                    }
                )
            if quantity < 0 or quantity > line.quantity_unfulfilled:
                raise ValidationError(
                    {
                        "quantity": ValidationError(
                            "Ship between 0 and %(left)d of %(name)s.",
                            code=OrderErrorCode.FULFILL_ORDER_LINE.value,
                            params={
                                "left": line.quantity_unfulfilled,
                                "name": line.product_name,
                            },
                        )
                    }
                )
        fulfillment = Fulfillment.objects.create(
            order=locked,
            fulfillment_order=locked.fulfillments.count() + 1,
            tracking_number=tracking_number.strip(),
        )
        for line_id, quantity in sorted(quantities.items()):
            if not quantity:
                continue
            line = lines[line_id]
            if line.variant is not None and line.variant.track_inventory:
                stock_ship(order_line_id=line.pk, quantity=quantity)
            FulfillmentLine.objects.create(
                fulfillment=fulfillment, order_line=line, quantity=quantity
            )
            OrderLine.objects.filter(pk=line.pk).update(
                quantity_fulfilled=F("quantity_fulfilled") + quantity
            )
        remaining = sum(
            line.quantity - line.quantity_fulfilled - quantities.get(line.pk, 0)
            for line in lines.values()
        )
        locked.status = (
            OrderStatus.FULFILLED if remaining == 0 else OrderStatus.PARTIALLY_FULFILLED
        )
        locked.save(update_fields=["status", "updated_at"])
        OrderEvent.objects.create(
            order=locked,
            type=OrderEventType.FULFILLED,
            user=user if isinstance(user, User) and user.pk else None,
            parameters={
                "tracking_number": fulfillment.tracking_number,
                "lines": {str(k): v for k, v in quantities.items() if v},
            },
        )
    order.refresh_from_db()
    return fulfillment


def order_cancel(*, order: Order, user: User | AnonymousUser | None) -> Order:
    """Cancel an order that has shipped nothing and give its stock back.

    Money is not returned here: refunding is a separate decision (``order_refund``).

    Raises:
        OrderPermissionDenied: ``user`` lacks ``orders.manage_orders``.
        OrderCannotCancelError: something has shipped or it is already cancelled.
    """
    _require(user, "orders.manage_orders")
    with transaction.atomic():
        locked = Order.objects.select_for_update().get(pk=order.pk)
        if locked.status not in {OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED}:
            raise OrderCannotCancelError()
        stock_release(order_line_ids=list(locked.lines.values_list("pk", flat=True)))
        locked.status = OrderStatus.CANCELED
        locked.save(update_fields=["status", "updated_at"])
        OrderEvent.objects.create(
            order=locked,
            type=OrderEventType.CANCELED,
            user=user if isinstance(user, User) and user.pk else None,
        )
    order.refresh_from_db()
    return order


def order_refund(
    *,
    order: Order,
    amount: Decimal | None,
    reason: str,
    user: User | AnonymousUser | None,
) -> Order:
    """Refund part (``amount``) or all (``None``) of an order through its gateway.

    Takes the money back from the order's charged payments, newest first.

    Raises:
        OrderPermissionDenied: ``user`` lacks ``orders.refund_order``.
        ValidationError: the reason is empty (field ``reason``).
        OrderCannotRefundError: nothing to refund or the amount is too high.
        PaymentGatewayError: the provider failed; what was refunded stays recorded.
    """
    _require(user, "orders.refund_order")
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(
            {
                "reason": ValidationError(
                    "Say why the money is refunded.", code=OrderErrorCode.REQUIRED.value
                )
            }
        )
    payments = list(
        Payment.objects.filter(
            order=order, charged_value__gt=F("refunded_value")
        ).order_by("-pk")
    )
    refundable = sum((p.charged_value - p.refunded_value for p in payments), Decimal(0))
    wanted = refundable if amount is None else amount
    if wanted <= 0 or wanted > refundable:
        raise OrderCannotRefundError(
            f"Enter an amount between 0.01 and {refundable} {order.currency}."
        )
    left = wanted
    for payment in payments:
        if left <= 0:
            break
        part = min(left, payment.charged_value - payment.refunded_value)
        payment_refund(payment=payment, amount=part, reason=reason)
        order_amounts_refresh(order_id=order.pk)
        left -= part
    OrderEvent.objects.create(
        order=order,
        type=OrderEventType.REFUNDED,
        user=user if isinstance(user, User) and user.pk else None,
        parameters={
            "amount": str(wanted),
            "currency": order.currency,
            "reason": reason,
        },
    )
    order.refresh_from_db()
    return order


def order_amounts_refresh(*, order_id: int) -> None:
    """Set an order's charged and refunded totals from its payments.

    Run after any change to the amounts of a payment linked to the order.
    """
    payments = Payment.objects.filter(order_id=OuterRef("pk")).values("order_id")

    def summed(field: str) -> Coalesce:
        return Coalesce(
            Subquery(payments.annotate(total=Sum(field)).values("total")),
            Decimal(0),
        )

    # One statement: the sums are taken as the order row is written.
    Order.objects.filter(pk=order_id).update(
        total_charged_amount=summed("charged_value"),
        total_refunded_amount=summed("refunded_value"),
    )


def order_payment_attach(*, order_id: int, payment: Payment) -> None:
    """Link a payment to the order it paid for and refresh the order's totals.

    Precondition: the caller holds a transaction.
    """
    payment_attach_to_order(payment=payment, order_id=order_id)
    order_amounts_refresh(order_id=order_id)
