from decimal import Decimal

import pytest
from django.core import mail

from storefront.checkout.models import Checkout
from storefront.checkout.services.complete import checkout_complete
from storefront.checkout.services.payment import checkout_payment_start
from storefront.inventory.errors import InsufficientStockError
from storefront.inventory.models import Stock
from storefront.orders.models import Order, OrderEvent, OrderStatus
from storefront.payments.errors import PaymentDeclinedError
from storefront.payments.gateways.dummy import CARD_3DS, CARD_DECLINED, CARD_SUCCESS
from storefront.payments.models import Payment, PaymentStatus, TransactionEvent


def test_dummy_card_creates_paid_order(
    ready_checkout, shop, django_capture_on_commit_callbacks
):
    # when
    with django_capture_on_commit_callbacks(execute=True):
        outcome = checkout_payment_start(
            checkout=ready_checkout, gateway="dummy", card_number=CARD_SUCCESS
        )
    # then
    order = Order.objects.get(pk=outcome.order_id)
    assert order.number == str(100000 + order.pk)
    assert order.status == OrderStatus.UNFULFILLED
    assert order.total_gross_amount == Decimal("25.00")
    assert order.total_charged_amount == Decimal("25.00")
    assert order.is_paid is True
    line = order.lines.get()
    assert (line.product_sku, line.quantity, line.unit_price_gross_amount) == (
        shop.variant.sku,
        2,
        Decimal("10.00"),
    )
    assert order.shipping_address.postal_code == "94043"
    assert order.shipping_address_id != ready_checkout.shipping_address_id
    stock = Stock.objects.get(product_variant=shop.variant)
    assert (stock.quantity, stock.quantity_allocated) == (10, 2)
    payment = Payment.objects.get()
    assert payment.status == PaymentStatus.CHARGED
    assert payment.order_id == order.pk
    assert list(payment.events.values_list("type", flat=True)) == [
        "authorization_request",
        "authorization_success",
        "charge_success",
    ]
    assert Checkout.objects.count() == 0
    assert len(mail.outbox) == 1
    assert mail.outbox[0].subject == f"Your Verdant Field order {order.number}"
    assert list(order.events.values_list("type", flat=True)) == [
        "placed",
        "confirmation_sent",
    ]


def test_declined_card_leaves_cart_and_stock(ready_checkout, shop):
    with pytest.raises(PaymentDeclinedError, match="declined"):
        checkout_payment_start(
            checkout=ready_checkout, gateway="dummy", card_number=CARD_DECLINED
        )
    assert Order.objects.count() == 0
    assert Checkout.objects.get().lines.get().quantity == 2
    assert Stock.objects.get(product_variant=shop.variant).quantity_allocated == 0
    assert Payment.objects.get().status == PaymentStatus.FAILED


def test_3ds_card_waits_for_confirmation(ready_checkout):
    outcome = checkout_payment_start(
        checkout=ready_checkout, gateway="dummy", card_number=CARD_3DS
    )
    payment = Payment.objects.get()
    assert outcome.order_id is None
    assert outcome.action_url == f"/payments/dummy/3ds/{payment.token}/"
    assert payment.status == PaymentStatus.ACTION_REQUIRED
    assert Order.objects.count() == 0


def test_complete_is_idempotent(ready_checkout):
    outcome = checkout_payment_start(
        checkout=ready_checkout, gateway="dummy", card_number=CARD_SUCCESS
    )
    payment = Payment.objects.get()
    # when the webhook or a reload calls it again
    again = checkout_complete(checkout_token=ready_checkout.token, payment=payment)
    # then
    assert again.pk == outcome.order_id
    assert Order.objects.count() == 1
    assert TransactionEvent.objects.filter(type="charge_success").count() == 1


def test_stock_taken_meanwhile_voids_authorisation(ready_checkout, shop):
    # given the shopper's 2 units are sold elsewhere after the page was shown
    Stock.objects.filter(product_variant=shop.variant).update(quantity_allocated=9)
    # when
    with pytest.raises(InsufficientStockError, match="not enough stock left for"):
        checkout_payment_start(
            checkout=ready_checkout, gateway="dummy", card_number=CARD_SUCCESS
        )
    # then nothing is authorised or charged, and no payment was even created
    assert Order.objects.count() == 0
    assert Payment.objects.count() == 0
    assert OrderEvent.objects.count() == 0
