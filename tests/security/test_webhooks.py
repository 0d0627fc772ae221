"""Webhooks: money and state add up, malformed signed bodies are 400s with nothing
changed, and age decisions outside the time window are refused."""

import hashlib
import hmac
import json
import time
from datetime import timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.utils import timezone

from common.models import OutboundEmail
from compliance.age.providers import webhook_sign
from compliance.age.services import age_verification_start
from compliance.models import AgeResult, AgeVerification
from storefront.accounts.models import User
from storefront.checkout.models import Checkout
from storefront.orders.models import Order
from storefront.payments.models import (
    Payment,
    PaymentStatus,
    StripeWebhookEvent,
    TransactionEvent,
)

STRIPE_SECRET = "whsec_test_secret"
AGE_WEBHOOK = "/compliance/age/webhook/test/"


def _stripe_post(client, payload, *, raw: bytes | None = None):
    body = raw if raw is not None else json.dumps(payload).encode()
    timestamp = int(time.time())
    digest = hmac.new(
        STRIPE_SECRET.encode(), f"{timestamp}.".encode() + body, hashlib.sha256
    ).hexdigest()
    return client.post(
        "/webhooks/stripe/",
        body,
        content_type="application/json",
        HTTP_STRIPE_SIGNATURE=f"t={timestamp},v1={digest}",
    )


def _event(event_id, type_, obj):
    return {
        "id": event_id,
        "object": "event",
        "type": type_,
        "created": int(time.time()),
        "data": {"object": obj},
    }


def _intent(reference, amount=1295, currency="usd", **extra):
    return {
        "id": reference,
        "object": "payment_intent",
        "amount": amount,
        "amount_received": amount,
        "currency": currency,
        **extra,
    }


@pytest.fixture
def stripe_payment(ready_checkout):
    """A Stripe payment of 25.00 USD for the ready checkout, awaiting the webhook."""
    return Payment.objects.create(
        gateway="stripe",
        psp_reference="pi_test_1",
        status=PaymentStatus.ACTION_REQUIRED,
        checkout_token=ready_checkout.token,
        customer_email="ada@example.com",
        currency="USD",
        amount_value=Decimal("25.00"),
    )


@pytest.fixture
def charged_and_partly_refunded(db):
    return Payment.objects.create(
        gateway="stripe",
        psp_reference="pi_test_2",
        status=PaymentStatus.PARTIALLY_REFUNDED,
        customer_email="ada@example.com",
        currency="USD",
        amount_value=Decimal("12.95"),
        charged_value=Decimal("12.95"),
        refunded_value=Decimal("5.00"),
    )


def test_a_late_failure_does_not_undo_a_charged_payment(
    client, charged_and_partly_refunded
):
    # when
    response = _stripe_post(
        client,
        _event(
            "evt_late_fail",
            "payment_intent.payment_failed",
            _intent("pi_test_2", last_payment_error={"message": "Card declined"}),
        ),
    )

    # then
    payment = Payment.objects.get()
    assert response.status_code == 200
    assert payment.status == PaymentStatus.PARTIALLY_REFUNDED
    assert (payment.charged_value, payment.refunded_value) == (
        Decimal("12.95"),
        Decimal("5.00"),
    )
    assert list(payment.events.values_list("type", flat=True)) == ["info"]


def test_a_one_cent_success_places_no_order_and_alerts_staff(
    client, stripe_payment, django_capture_on_commit_callbacks
):
    # given a superuser to alert
    User.objects.create_superuser("boss@example.com", "a-long-pass-phrase-42")

    # when Stripe reports 0.01 USD received for a 25.00 USD payment
    with django_capture_on_commit_callbacks(execute=True):
        response = _stripe_post(
            client,
            _event("evt_cent", "payment_intent.succeeded", _intent("pi_test_1", 1)),
        )

    # then
    payment = Payment.objects.get()
    assert response.status_code == 200
    assert response.json()["status"] == "failed"
    assert Order.objects.count() == 0
    assert Checkout.objects.count() == 1
    assert payment.charged_value == Decimal(0)
    assert payment.status == PaymentStatus.ACTION_REQUIRED
    assert "0.01 USD" in payment.metadata["held_for_review"]
    event = payment.events.get()
    assert (event.type, event.amount_value) == ("info", Decimal("0.01"))
    assert [m.to for m in mail.outbox] == [["boss@example.com"]]
    assert "needs review" in mail.outbox[0].subject


def test_a_success_in_another_currency_places_no_order(client, stripe_payment):
    # when
    response = _stripe_post(
        client,
        _event(
            "evt_eur", "payment_intent.succeeded", _intent("pi_test_1", 2500, "eur")
        ),
    )

    # then
    assert response.status_code == 200
    assert Order.objects.count() == 0
    assert Payment.objects.get().charged_value == Decimal(0)


def test_a_matching_success_places_the_order(client, stripe_payment):
    # when
    response = _stripe_post(
        client,
        _event("evt_ok", "payment_intent.succeeded", _intent("pi_test_1", 2500)),
    )

    # then
    assert response.status_code == 200
    assert response.json()["status"] == "succeeded"
    order = Order.objects.get()
    assert order.total_charged_amount == Decimal("25.00")


@pytest.mark.parametrize(
    "raw",
    [
        b"[1, 2, 3]",
        json.dumps(
            _event("evt_1", "payment_intent.succeeded", {"id": "pi_test_1"})
        ).encode(),
        json.dumps(
            _event(
                "evt_1",
                "payment_intent.succeeded",
                {"id": "pi_test_1", "amount": 2500, "amount_received": 2500},
            )
        ).encode(),
        json.dumps(
            _event(
                "evt_1",
                "payment_intent.succeeded",
                _intent("pi_test_1", "twenty-five"),
            )
        ).encode(),
        json.dumps(
            _event("evt_1", "payment_intent.succeeded", _intent("pi_test_1", True))
        ).encode(),
        json.dumps(
            _event("evt_\u0000", "payment_intent.succeeded", _intent("pi_test_1"))
        ).encode(),
        json.dumps(
            _event("evt_1", "payment_intent.succeeded", _intent("pi_\u0000test_1"))
        ).encode(),
        json.dumps(
            _event(
                "evt_" + "x" * 10_000,
                "payment_intent.succeeded",
                _intent("pi_test_1"),
            )
        ).encode(),
        json.dumps(
            _event("evt_1", "payment_intent.succeeded", _intent("pi_" + "x" * 10_000))
        ).encode(),
        json.dumps(_event("evt_1", "charge.refunded", {"id": "ch_1"})).encode(),
        b"\xff\xfe not text",
    ],
    ids=[
        "json-list",
        "missing-amount-and-currency",
        "missing-currency",
        "non-numeric-amount",
        "boolean-amount",
        "nul-in-event-id",
        "nul-in-intent-id",
        "long-event-id",
        "long-intent-id",
        "refund-without-intent",
        "not-utf8",
    ],
)
def test_signed_but_malformed_stripe_bodies_are_400_with_nothing_changed(
    client, stripe_payment, raw
):
    # when
    response = _stripe_post(client, None, raw=raw)

    # then
    assert response.status_code == 400
    assert response.json() == {
        "error": "The webhook body is not a valid event.",
        "field": "body",
    }
    assert StripeWebhookEvent.objects.count() == 0
    assert TransactionEvent.objects.count() == 0
    assert Payment.objects.get().status == PaymentStatus.ACTION_REQUIRED
    assert Order.objects.count() == 0


# --- the age provider's webhook ---------------------------------------------------


@pytest.fixture
def age_session(db):
    return age_verification_start(
        provider="test", subject_ref=9, threshold=21, return_url="/cart/"
    )


def _age_post(client, payload=None, *, raw: bytes | None = None):
    from django.conf import settings

    body = raw if raw is not None else json.dumps(payload).encode()
    signature = webhook_sign(body, settings.COMPLIANCE_AGE_WEBHOOK_SECRET)
    return client.post(
        AGE_WEBHOOK,
        data=body,
        content_type="application/json",
        headers={"X-HMAC-SIGNATURE": signature},
    )


def _decision(reference, *, decided_at=None, **fields):
    return {
        "status": "success",
        "verification": {
            "id": reference,
            "status": "approved",
            "method": "id_document",
            "decisionTime": (decided_at or timezone.now()).isoformat(),
            **fields,
        },
    }


@pytest.mark.parametrize(
    "age",
    [timedelta(hours=2), -timedelta(minutes=30)],
    ids=["replayed-two-hours-later", "dated-in-the-future"],
)
def test_age_decisions_outside_the_time_window_are_refused(client, age_session, age):
    # when
    response = _age_post(
        client,
        _decision(age_session.reference, decided_at=timezone.now() - age),
    )

    # then
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_webhook"}
    check = AgeVerification.objects.get(pk=age_session.verification_id)
    assert check.result == AgeResult.PENDING


def test_an_age_decision_inside_the_window_is_recorded(client, age_session):
    # when
    response = _age_post(
        client,
        _decision(
            age_session.reference, decided_at=timezone.now() - timedelta(minutes=5)
        ),
    )

    # then
    assert response.status_code == 200
    check = AgeVerification.objects.get(pk=age_session.verification_id)
    assert check.result == AgeResult.APPROVED


@pytest.mark.parametrize(
    "raw",
    [
        b"[1, 2]",
        b'{"verification": []}',
        json.dumps(_decision(["not", "a", "string"])).encode(),
        json.dumps(_decision("test-\u0000abc")).encode(),
        json.dumps(_decision("x" * 10_000)).encode(),
        json.dumps(_decision("test-abc", status=7)).encode(),
        json.dumps(_decision("test-abc", decisionTime="yesterday")).encode(),
        json.dumps(_decision("test-abc", decisionTime=None)).encode(),
    ],
    ids=[
        "json-list",
        "verification-not-an-object",
        "id-not-a-string",
        "nul-in-id",
        "long-id",
        "numeric-status",
        "unreadable-time",
        "missing-time",
    ],
)
def test_signed_but_malformed_age_bodies_are_400_with_nothing_changed(
    client, age_session, raw
):
    # when
    response = _age_post(client, raw=raw)

    # then
    assert response.status_code == 400
    assert response.json() == {"error": "invalid_webhook"}
    assert AgeVerification.objects.get().result == AgeResult.PENDING
    assert OutboundEmail.objects.count() == 0
