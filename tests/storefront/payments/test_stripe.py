"""Stripe over real HTTP against localstripe.

localstripe cannot confirm an existing PaymentIntent with a new payment method, nor
create one with automatic_payment_methods (the Payment Element path); these tests
create the intent with ``payment_method`` and ``confirm=True``, which it supports.
"""

import hashlib
import hmac
import json
import time
from decimal import Decimal

import pytest
import stripe

from storefront.accounts.models import User
from storefront.checkout.models import Checkout
from storefront.checkout.services.payment import checkout_payment_start
from storefront.orders.models import Order
from storefront.orders.services import order_refund
from storefront.payments.models import (
    Payment,
    PaymentStatus,
    StripeWebhookEvent,
    TransactionEvent,
)
from storefront.payments.services import payment_authorize, payment_create

pytestmark = pytest.mark.slow


def _card(number: str = "4242424242424242") -> str:
    method = stripe.PaymentMethod.create(
        type="card",
        card={"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
    )
    return method.id


WEBHOOK_SECRET = "whsec_test_secret"


def _signed(payload: dict, secret: str = WEBHOOK_SECRET) -> tuple[bytes, str]:
    body = json.dumps(payload).encode()
    timestamp = int(time.time())
    digest = hmac.new(
        secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return body, f"t={timestamp},v1={digest}"


def _event(event_id: str, type_: str, obj: dict) -> dict:
    return {
        "id": event_id,
        "object": "event",
        "type": type_,
        "created": int(time.time()),
        "data": {"object": obj},
    }


def test_paid_order_and_partial_refund(stripe_settings, ready_checkout):
    # when
    outcome = checkout_payment_start(
        checkout=ready_checkout, gateway="stripe", payment_method_id=_card()
    )
    # then
    order = Order.objects.get(pk=outcome.order_id)
    payment = Payment.objects.get()
    assert payment.psp_reference.startswith("pi_")
    assert (payment.status, payment.charged_value) == (
        PaymentStatus.CHARGED,
        Decimal("25.00"),
    )
    assert order.total_charged_amount == Decimal("25.00")
    intent = stripe.PaymentIntent.retrieve(payment.psp_reference)
    assert (intent.status, intent.amount, intent.currency) == ("succeeded", 2500, "usd")
    # when staff refund part of it
    manager = User.objects.create_superuser("boss@example.com", "x" * 12)
    order_refund(
        order=order, amount=Decimal("7.50"), reason="Late delivery", user=manager
    )
    # then
    payment.refresh_from_db()
    assert (payment.status, payment.refunded_value) == (
        PaymentStatus.PARTIALLY_REFUNDED,
        Decimal("7.50"),
    )
    refunds = stripe.Refund.list(payment_intent=payment.psp_reference)
    assert [r.amount for r in refunds.data] == [750]


def test_declined_card_keeps_cart(stripe_settings, ready_checkout):
    from storefront.payments.errors import PaymentDeclinedError

    with pytest.raises(PaymentDeclinedError):
        checkout_payment_start(
            checkout=ready_checkout,
            gateway="stripe",
            # localstripe declines this card when charged (Stripe: 4000000000000341).
            payment_method_id=_card("4000000000000341"),
        )
    assert Order.objects.count() == 0
    assert Checkout.objects.get().lines.count() == 1
    assert Payment.objects.get().status == PaymentStatus.FAILED


def test_webhook_before_browser_creates_order_once(
    stripe_settings, ready_checkout, client
):
    # given a payment that succeeded at Stripe; the browser never came back
    payment = payment_create(
        gateway="stripe",
        amount=Payment(amount_value=Decimal("25.00"), currency="USD").amount,
        customer_email="ada@example.com",
        checkout_token=ready_checkout.token,
    )
    payment = payment_authorize(payment=payment, payment_method_id=_card())
    intent = stripe.PaymentIntent.retrieve(payment.psp_reference).to_dict()
    body, signature = _signed(
        _event("evt_succeeded_1", "payment_intent.succeeded", intent)
    )
    # when the same event is delivered twice
    first = client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    events_after_first = TransactionEvent.objects.count()
    second = client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    # then one order, one stored event, and the second delivery changed nothing
    assert first.status_code == 200
    assert first.json() == {"id": "evt_succeeded_1", "status": "succeeded"}
    assert second.status_code == 200
    assert Order.objects.count() == 1
    assert Order.objects.get().checkout_token == ready_checkout.token
    assert StripeWebhookEvent.objects.count() == 1
    assert TransactionEvent.objects.count() == events_after_first
    assert Checkout.objects.count() == 0
    payment.refresh_from_db()
    assert payment.order_id == Order.objects.get().pk


def test_charge_refunded_webhook_is_idempotent(stripe_settings, ready_checkout, client):
    checkout_payment_start(
        checkout=ready_checkout, gateway="stripe", payment_method_id=_card()
    )
    payment = Payment.objects.get()
    charge = {
        "id": "ch_test_1",
        "object": "charge",
        "payment_intent": payment.psp_reference,
        "amount": 2500,
        "amount_refunded": 1000,
        "currency": "usd",
        "refunded": False,
    }
    body, signature = _signed(_event("evt_refund_1", "charge.refunded", charge))
    for _ in range(2):
        response = client.post(
            "/webhooks/stripe/",
            body,
            content_type="application/json",
            HTTP_STRIPE_SIGNATURE=signature,
        )
        assert response.status_code == 200
    payment.refresh_from_db()
    assert payment.refunded_value == Decimal("10.00")
    assert payment.events.filter(type="refund_success").count() == 1
    assert Order.objects.get().total_refunded_amount == Decimal("10.00")


def test_bad_signature_is_rejected_without_effect(
    stripe_settings, ready_checkout, client
):
    payment = payment_create(
        gateway="stripe",
        amount=Payment(amount_value=Decimal("25.00"), currency="USD").amount,
        customer_email="ada@example.com",
        checkout_token=ready_checkout.token,
    )
    payment = payment_authorize(payment=payment, payment_method_id=_card())
    intent = stripe.PaymentIntent.retrieve(payment.psp_reference).to_dict()
    body, signature = _signed(
        _event("evt_forged", "payment_intent.succeeded", intent), secret="whsec_wrong"
    )
    response = client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "The webhook signature is invalid.",
        "field": "Stripe-Signature",
    }
    assert StripeWebhookEvent.objects.count() == 0
    assert Order.objects.count() == 0


def test_signed_but_malformed_event(stripe_settings, client, db):
    body, signature = _signed(
        {"id": "evt_x", "type": "payment_intent.succeeded", "data": {}}
    )
    response = client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=signature,
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "The webhook body is not a valid event.",
        "field": "body",
    }
    assert StripeWebhookEvent.objects.count() == 0
