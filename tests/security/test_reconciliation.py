"""No stranded money: a payment that took money without an order is completed or
given back by reconciliation, and paying again reuses or voids the first attempt."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from storefront.checkout.models import Checkout
from storefront.checkout.reconciliation import payments_reconcile
from storefront.checkout.services.cart import checkout_line_add
from storefront.orders.models import Order, OrderEventType
from storefront.payments.gateways.dummy import CARD_3DS, CARD_SUCCESS
from storefront.payments.models import Payment, PaymentStatus
from storefront.payments.services import payment_authorize, payment_create

LATER = timedelta(minutes=10)


def _stranded(checkout, card=CARD_SUCCESS) -> Payment:
    """The payment a worker left behind when it died before making the order."""
    payment = payment_create(
        gateway="dummy",
        amount=Payment(amount_value=Decimal("25.00"), currency="USD").amount,
        customer_email=checkout.email,
        checkout_token=checkout.token,
    )
    return payment_authorize(payment=payment, card_number=card)


def _events(payment):
    return list(payment.events.values_list("type", "message"))


def test_reconciliation_completes_a_stranded_payment_once(ready_checkout):
    # given
    payment = _stranded(ready_checkout)
    assert payment.status == PaymentStatus.AUTHORIZED

    # when
    first = payments_reconcile(now=timezone.now() + LATER)
    second = payments_reconcile(now=timezone.now() + LATER)

    # then
    order = Order.objects.get()
    payment.refresh_from_db()
    assert first.completed == [order.pk]
    assert (second.completed, second.released) == ([], [])
    assert payment.status == PaymentStatus.CHARGED
    assert payment.order_id == order.pk
    assert order.total_charged_amount == Decimal("25.00")
    assert Checkout.objects.count() == 0
    assert order.events.filter(type=OrderEventType.NOTE).count() == 1
    assert _events(payment)[-1] == (
        "info",
        f"Reconciliation: order {order.number} placed from this payment.",
    )


def test_reconciliation_gives_the_money_back_when_the_cart_changed(
    ready_checkout, shop
):
    # given the cart changed after the money was taken
    payment = _stranded(ready_checkout)
    checkout_line_add(
        checkout=ready_checkout, variant_id=shop["variant"].pk, quantity=1
    )

    # when
    summary = payments_reconcile(now=timezone.now() + LATER)

    # then
    payment.refresh_from_db()
    assert summary.released == [payment.pk]
    assert Order.objects.count() == 0
    assert payment.status == PaymentStatus.CANCELED
    assert Checkout.objects.count() == 1
    kind, message = _events(payment)[-1]
    assert kind == "info"
    assert message.startswith("Reconciliation: no order could be placed")


def test_reconciliation_leaves_a_payment_still_being_completed(ready_checkout):
    # given
    payment = _stranded(ready_checkout)

    # when it runs within the grace period
    summary = payments_reconcile(now=timezone.now())

    # then
    assert (summary.completed, summary.released) == ([], [])
    payment.refresh_from_db()
    assert payment.status == PaymentStatus.AUTHORIZED
    assert Order.objects.count() == 0


def _pay(client, checkout, card):
    session = client.session
    session["checkout_token"] = str(checkout.token)
    session.save()
    return client.post("/cart/checkout/pay/", {"gateway": "dummy", "card_number": card})


def test_paying_again_reuses_the_payment_that_already_holds_the_money(
    client, ready_checkout
):
    # given
    first = _stranded(ready_checkout)

    # when the shopper pays again on the same cart
    response = _pay(client, ready_checkout, CARD_SUCCESS)

    # then one payment, one order, charged once
    assert response.status_code == 302
    assert Payment.objects.count() == 1
    order = Order.objects.get()
    first.refresh_from_db()
    assert first.order_id == order.pk
    assert first.status == PaymentStatus.CHARGED
    assert order.total_charged_amount == Decimal("25.00")


def test_paying_again_voids_an_abandoned_attempt(client, ready_checkout):
    # given a 3-D Secure attempt the shopper never finished
    abandoned = _stranded(ready_checkout, card=CARD_3DS)
    assert abandoned.status == PaymentStatus.ACTION_REQUIRED

    # when they pay again with another card
    response = _pay(client, ready_checkout, CARD_SUCCESS)

    # then the first is cancelled and the order uses the second
    assert response.status_code == 302
    abandoned.refresh_from_db()
    assert abandoned.status == PaymentStatus.CANCELED
    order = Order.objects.get()
    assert order.payments.get().status == PaymentStatus.CHARGED
    assert Payment.objects.count() == 2
