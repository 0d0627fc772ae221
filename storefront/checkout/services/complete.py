"""Turning a paid checkout into its order, exactly once."""

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from common.errors import DomainError
from storefront.checkout.age import checkout_age_requirement
from storefront.checkout.calculations import CheckoutTotals, checkout_totals_calculate
from storefront.checkout.errors import (
    CheckoutError,
    TotalChangedError,
)
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import (
    CheckoutInfo,
    checkout_info_fetch,
)
from storefront.checkout.services.validation import checkout_validate_for_payment
from storefront.orders.models import Order
from storefront.orders.services import (
    OrderCreateOptions,
    OrderLineInput,
    OrderTotalsInput,
    VoucherUse,
    order_create,
    order_payment_attach,
)
from storefront.payments.models import Payment, PaymentStatus
from storefront.payments.services import payment_capture, payment_release
from storefront.subscriptions.services.start import subscription_create_from_order


def checkout_complete(
    *,
    checkout_token: uuid.UUID,
    payment: Payment,
    info: CheckoutInfo | None = None,
) -> Order:
    """Turn a checkout whose payment succeeded into its order, exactly once.

    Idempotent per checkout and payment: the browser's return and Stripe's webhook
    may both call it, in any order or at the same time. The checkout row is locked
    first; a second caller finds the order already made and gets it back. The
    checkout is deleted in the order's transaction. An authorised payment is
    captured inside that transaction after the stock is allocated, so a failure
    takes no money; on any failure the payment is voided or refunded.

    Returns the ``orders.Order``.

    Raises:
        CheckoutError: the checkout is gone and never became an order, its total
            changed after paying, or it cannot be bought (stock, region, age).
        InsufficientStockError: the last units went to someone else.
        PaymentError: capturing failed.

    ``info`` is what the caller loaded and validated just before paying; it is
    used as it is when the locked checkout has not changed since (every change
    to a checkout moves ``last_change``), and loaded and validated again
    otherwise. Stock and the region's law are checked again under lock while the
    order is created either way.
    """

    try:
        with transaction.atomic():
            checkout = (
                Checkout.objects.select_for_update(of=("self",))
                .select_related(
                    "channel",
                    "shipping_address",
                    "billing_address",
                    "shipping_method",
                    "voucher",
                )
                .filter(pk=checkout_token)
                .first()
            )
            existing = Order.objects.filter(checkout_token=checkout_token).first()
            locked_payment = Payment.objects.select_for_update().get(pk=payment.pk)
            if existing is not None:
                if locked_payment.order_id == existing.pk:
                    return existing
                # A second payment for a checkout already paid: give it back.
                raise CheckoutError("This cart has already been paid for.")
            if checkout is None:
                raise CheckoutError("This cart no longer exists.", field="checkout")
            if locked_payment.status not in {
                PaymentStatus.AUTHORIZED,
                PaymentStatus.CHARGED,
            }:
                raise CheckoutError("The payment has not succeeded.", field="payment")
            if info is None or info.checkout.last_change != checkout.last_change:
                info = checkout_info_fetch(checkout=checkout)
                checkout_validate_for_payment(info=info)
            totals = checkout_totals_calculate(info=info)
            if totals.total.gross != locked_payment.amount:
                raise TotalChangedError()
            order = order_create_from_checkout(info=info, totals=totals)
            if locked_payment.status == PaymentStatus.AUTHORIZED:
                # After the stock is allocated, in the order's transaction: a
                # refused capture leaves no order behind.
                payment_capture(payment=locked_payment)
            order_payment_attach(order_id=order.pk, payment=locked_payment)

            if any(line.line.is_subscription for line in info.lines):
                subscription_create_from_order(order=order, payment=locked_payment)
            checkout.delete()
    except DomainError as exc:
        payment_release(payment=payment, reason=exc.message)
        raise
    except ValidationError as exc:
        payment_release(payment=payment, reason="; ".join(exc.messages))
        raise
    order.refresh_from_db()
    return order


def order_create_from_checkout(*, info: CheckoutInfo, totals: CheckoutTotals) -> Order:
    """Build the order inputs from a locked, validated checkout and create it.

    Precondition: the caller holds the checkout's row lock in a transaction.
    Returns the ``orders.Order`` (see ``orders.services.order_create``).
    """

    checkout = info.checkout
    # Nothing to deliver: the order keeps no shipping address or method.
    shipping_required = info.shipping_required
    unit_prices = {line.line_id: line.unit_price for line in totals.lines}
    lines = [
        OrderLineInput(
            variant=line.variant,
            quantity=line.line.quantity,
            unit_price=unit_prices[line.line.pk],
            tax_rate=totals.tax_rate,
            product_name=line.product.name,
            variant_name=line.variant.name,
            sku=line.variant.sku,
            regulated_class=line.product.regulated_class,
            is_subscription=line.line.is_subscription,
            subscription_interval=line.line.subscription_interval,
        )
        for line in info.lines
    ]
    voucher_use = None
    if checkout.voucher is not None and totals.discount.amount > 0:
        voucher_use = VoucherUse(
            voucher=checkout.voucher, customer_email=checkout.email
        )
    return order_create(
        channel=checkout.channel,
        user=checkout.user,
        email=checkout.email,
        lines=lines,
        shipping_address=checkout.shipping_address if shipping_required else None,
        billing_address=checkout.billing_address,
        shipping_method=checkout.shipping_method if shipping_required else None,
        totals=OrderTotalsInput(
            subtotal=totals.subtotal,
            shipping=totals.shipping,
            discount=totals.discount,
            total=totals.total,
        ),
        region=info.region,
        options=OrderCreateOptions(
            checkout_token=checkout.token,
            voucher_use=voucher_use,
            metadata=_age_metadata(info),
        ),
    )


def _age_metadata(info: CheckoutInfo) -> dict[str, Any]:
    """What the order keeps about the age check: the level on file, never a date."""

    evidence = checkout_age_requirement(info.checkout, info=info).evidence
    return {} if evidence is None else {"age_assurance": evidence.level}
