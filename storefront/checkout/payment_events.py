"""What the payment provider's events mean for the shop.

Payments records what the provider says about a payment and knows no checkout or
order; a payment that succeeded for a checkout becomes an order here, above both.
Each event is verified, stored once and then acted on.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.db import IntegrityError, transaction

from common.errors import DomainError
from storefront.checkout.services.complete import checkout_complete
from storefront.orders.services import order_amounts_refresh
from storefront.payments import stripe_client
from storefront.payments.models import Payment, StripeWebhookEvent
from storefront.payments.selectors import payment_get_by_psp_reference
from storefront.payments.services import (
    payment_charge_record,
    payment_failure_record,
    payment_refund_total_record,
    payment_report_check,
)

logger = logging.getLogger(__name__)


def stripe_webhook_handle(*, payload: bytes, signature: str) -> StripeWebhookEvent:
    """Verify, store once and act on a Stripe event.

    A duplicate delivery of an event already handled changes nothing. Handlers are
    idempotent themselves, so two deliveries racing each other are also harmless.

    Raises:
        WebhookSignatureError: bad or missing signature; nothing is stored.
        WebhookPayloadError: the body is not an event; nothing is stored.
    """
    event = stripe_client.webhook_event_construct(payload=payload, signature=signature)
    try:
        with transaction.atomic():
            row, _created = StripeWebhookEvent.objects.get_or_create(
                event_id=event["id"],
                defaults={"type": event["type"], "payload": event},
            )
    except IntegrityError:
        row = StripeWebhookEvent.objects.get(event_id=event["id"])
    if row.status in {
        StripeWebhookEvent.Status.SUCCEEDED,
        StripeWebhookEvent.Status.IGNORED,
    }:
        return row
    handler = _HANDLERS.get(event["type"])
    if handler is None:
        row.status = StripeWebhookEvent.Status.IGNORED
        row.save(update_fields=["status", "updated_at"])
        return row
    try:
        handled = handler(event["data"]["object"])
    except DomainError as exc:
        row.status = StripeWebhookEvent.Status.FAILED
        row.error = exc.message
        row.save(update_fields=["status", "error", "updated_at"])
        return row
    row.status = (
        StripeWebhookEvent.Status.SUCCEEDED
        if handled
        else StripeWebhookEvent.Status.IGNORED
    )
    row.error = ""
    row.save(update_fields=["status", "error", "updated_at"])
    return row


def payment_order_place(*, payment: Payment) -> None:
    """Turn a succeeded checkout payment into its order, exactly once.

    Payments without a checkout (renewals) or already linked to an order are left
    alone; when the checkout can no longer become an order the money goes back.
    """
    if payment.order_id or payment.checkout_token is None:
        return
    try:
        checkout_complete(checkout_token=payment.checkout_token, payment=payment)
    except DomainError as exc:
        # checkout_complete has already released the payment; record why.
        logger.warning("Paid checkout could not become an order: %s", exc.message)


def _stripe_payment(psp_reference: object) -> Payment | None:
    if not isinstance(psp_reference, str) or not psp_reference:
        return None
    return payment_get_by_psp_reference(gateway="stripe", psp_reference=psp_reference)


def _on_intent_succeeded(intent: dict[str, Any]) -> bool:
    payment = _stripe_payment(intent.get("id"))
    if payment is None:
        return False
    payment = payment_charge_record(
        payment=payment,
        psp_reference=intent["id"],
        amount=stripe_client.amount_received(intent),
    )
    payment_order_place(payment=payment)
    return True


def _on_intent_failed(intent: dict[str, Any]) -> bool:
    payment = _stripe_payment(intent.get("id"))
    if payment is None:
        return False
    payment_report_check(
        payment=payment,
        amount=stripe_client.amount_from_intent(intent, "amount"),
        what="the failed attempt",
    )
    error = intent.get("last_payment_error")
    message = (error.get("message") if isinstance(error, dict) else None) or (
        "The payment failed."
    )
    payment_failure_record(payment=payment, message=str(message))
    return True


def _on_charge_refunded(charge: dict[str, Any]) -> bool:
    payment = _stripe_payment(charge.get("payment_intent"))
    if payment is None:
        return False
    payment_report_check(
        payment=payment,
        amount=stripe_client.amount_from_intent(charge, "amount"),
        what="the refunded charge",
    )
    refunded = stripe_client.amount_from_intent(charge, "amount_refunded").amount
    changed = payment_refund_total_record(
        payment=payment, refunded_total=refunded, message="Refunded at Stripe"
    )
    if changed and payment.order_id:
        order_amounts_refresh(order_id=payment.order_id)
    return True


_HANDLERS: dict[str, Callable[[dict[str, Any]], bool]] = {
    "payment_intent.succeeded": _on_intent_succeeded,
    "payment_intent.payment_failed": _on_intent_failed,
    "charge.refunded": _on_charge_refunded,
}
