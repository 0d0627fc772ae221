"""The only module that imports ``stripe``: calls, error mapping, webhook checks.

Callers get plain dicts back and only our own errors: a card refusal becomes
``PaymentDeclinedError``, any other Stripe failure ``PaymentGatewayError``.
"""

import json
import logging
import re
from typing import Any

import stripe
from django.conf import settings
from prices import Money

from common.money import money_from_minor_units, money_to_minor_units
from storefront.payments.errors import (
    PaymentDeclinedError,
    PaymentGatewayError,
    PaymentMethodSetupNotFoundError,
    WebhookPayloadError,
    WebhookSignatureError,
)

logger = logging.getLogger(__name__)


def _configure() -> None:
    if not settings.STRIPE_SECRET_KEY:
        raise PaymentGatewayError("Stripe is not configured.")
    stripe.api_key = settings.STRIPE_SECRET_KEY
    if settings.STRIPE_API_BASE:
        stripe.api_base = settings.STRIPE_API_BASE
    stripe.max_network_retries = 2


def _call(operation: str, func: Any, *args: Any, **kwargs: Any) -> dict[str, Any]:
    _configure()
    try:
        result = func(*args, **kwargs)
    except stripe.CardError as exc:
        logger.info("Stripe declined a card", extra={"operation": operation})
        raise PaymentDeclinedError(
            exc.user_message or "Your card was declined."
        ) from exc
    except stripe.StripeError as exc:
        logger.error(
            "Stripe call failed: %s", operation, extra={"stripe_error": str(exc)}
        )
        raise PaymentGatewayError() from exc
    return _to_dict(result)


def _to_dict(obj: Any) -> dict[str, Any]:
    if hasattr(obj, "to_dict_recursive"):
        return obj.to_dict_recursive()
    if hasattr(obj, "to_dict"):
        return obj.to_dict()
    return dict(obj)


def payment_intent_create(
    *,
    amount: Money,
    idempotency_key: str,
    metadata: dict[str, str],
    receipt_email: str = "",
    payment_method: str = "",
    customer: str = "",
    confirm: bool = False,
    off_session: bool = False,
    return_url: str = "",
    setup_future_usage: str = "",
) -> dict[str, Any]:
    params: dict[str, Any] = {
        "amount": money_to_minor_units(amount),
        "currency": amount.currency.lower(),
        "metadata": metadata,
    }
    if receipt_email:
        # The shop sends its own confirmation; the address only helps staff at Stripe.
        params["metadata"] = {**metadata, "customer_email": receipt_email}
    if customer:
        params["customer"] = customer
    if payment_method:
        params["payment_method"] = payment_method
        params["payment_method_types"] = ["card"]
    else:
        params["automatic_payment_methods"] = {"enabled": True}
    if confirm:
        params["confirm"] = True
        if return_url:
            params["return_url"] = return_url
    if off_session:
        params["off_session"] = True
    if setup_future_usage:
        # Saves the card on ``customer`` for later charges (subscription renewals).
        params["setup_future_usage"] = setup_future_usage
    return _call(
        "payment_intent_create",
        stripe.PaymentIntent.create,
        idempotency_key=idempotency_key,
        **params,
    )


def customer_create(*, email: str, idempotency_key: str) -> dict[str, Any]:
    """Create a Stripe customer to keep a saved card on (subscriptions)."""
    return _call(
        "customer_create",
        stripe.Customer.create,
        email=email,
        idempotency_key=idempotency_key,
    )


def payment_intent_retrieve(*, intent_id: str) -> dict[str, Any]:
    return _call("payment_intent_retrieve", stripe.PaymentIntent.retrieve, intent_id)


def payment_intent_capture(
    *, intent_id: str, amount: Money, idempotency_key: str
) -> dict[str, Any]:
    return _call(
        "payment_intent_capture",
        stripe.PaymentIntent.capture,
        intent_id,
        amount_to_capture=money_to_minor_units(amount),
        idempotency_key=idempotency_key,
    )


def payment_intent_cancel(*, intent_id: str) -> dict[str, Any]:
    return _call("payment_intent_cancel", stripe.PaymentIntent.cancel, intent_id)


def refund_create(
    *, intent_id: str, amount: Money, idempotency_key: str
) -> dict[str, Any]:
    return _call(
        "refund_create",
        stripe.Refund.create,
        payment_intent=intent_id,
        amount=money_to_minor_units(amount),
        idempotency_key=idempotency_key,
    )


def setup_intent_create(
    *,
    customer_id: str,
    idempotency_key: str,
    metadata: dict[str, str],
    usage: str = "off_session",
) -> dict[str, Any]:
    """Start saving a card on ``customer_id`` without charging it (a SetupIntent).

    Cards only: renewals charge the saved method off-session as a card, so the
    Payment Element must not offer methods that could not be charged that way.

    Raises:
        PaymentGatewayError: Stripe refused the request or could not be reached.
    """
    return _call(
        "setup_intent_create",
        stripe.SetupIntent.create,
        customer=customer_id,
        usage=usage,
        payment_method_types=["card"],
        metadata=metadata,
        idempotency_key=idempotency_key,
    )


def setup_intent_retrieve(*, setup_intent_id: str) -> dict[str, Any]:
    """A SetupIntent with its payment method expanded (for the card's last digits).

    Raises:
        PaymentMethodSetupNotFoundError: Stripe knows no SetupIntent with this id.
        PaymentGatewayError: any other Stripe failure.
    """
    _configure()
    try:
        result = stripe.SetupIntent.retrieve(setup_intent_id, expand=["payment_method"])
    except stripe.InvalidRequestError as exc:
        if exc.http_status == 404 or exc.code == "resource_missing":
            raise PaymentMethodSetupNotFoundError() from exc
        logger.error(
            "Stripe call failed: %s",
            "setup_intent_retrieve",
            extra={"stripe_error": str(exc)},
        )
        raise PaymentGatewayError() from exc
    except stripe.StripeError as exc:
        logger.error(
            "Stripe call failed: %s",
            "setup_intent_retrieve",
            extra={"stripe_error": str(exc)},
        )
        raise PaymentGatewayError() from exc
    return _to_dict(result)


def amount_from_intent(intent: dict[str, Any], key: str = "amount") -> Money:
    return money_from_minor_units(int(intent.get(key) or 0), intent["currency"])


def amount_received(intent: dict[str, Any]) -> Money:
    """What a succeeded PaymentIntent took.

    ``amount_received`` when the event has it (every current API version); for an
    automatic capture without it, the intent's whole amount.
    """
    key = "amount_received" if intent.get("amount_received") is not None else "amount"
    return amount_from_intent(intent, key)


# What a Stripe id looks like ("evt_1Nx…", "pi_3Ab…"); anything else in a signed
# body is refused before it reaches the database (NUL, 10,000 characters…).
_STRIPE_ID = re.compile(r"^[A-Za-z0-9_]{1,255}$")
_CURRENCY = re.compile(r"^[A-Za-z]{3}$")
# The fields each handled event's object must carry, and what they must be.
_AMOUNT_FIELDS = {
    "payment_intent.succeeded": ("amount",),
    "payment_intent.payment_failed": ("amount",),
    "charge.refunded": ("amount", "amount_refunded"),
}
# Checked when present: current API versions always send amount_received.
_OPTIONAL_AMOUNT_FIELDS = {"payment_intent.succeeded": ("amount_received",)}
_INTENT_FIELD = {"charge.refunded": "payment_intent"}


def _payload_check(data: object) -> dict[str, Any]:
    """The event as a dict, or WebhookPayloadError when it is not one we can use."""
    if not isinstance(data, dict):
        raise WebhookPayloadError()
    event_id, event_type = data.get("id"), data.get("type")
    if not isinstance(event_id, str) or not _STRIPE_ID.match(event_id):
        raise WebhookPayloadError()
    if not isinstance(event_type, str) or not 0 < len(event_type) <= 100:
        raise WebhookPayloadError()
    obj = (
        (data.get("data") or {}).get("object")
        if isinstance(data.get("data"), dict)
        else None
    )
    if not isinstance(obj, dict):
        raise WebhookPayloadError()
    if event_type in _AMOUNT_FIELDS:
        reference = obj.get(_INTENT_FIELD.get(event_type, "id"))
        if not isinstance(reference, str) or not _STRIPE_ID.match(reference):
            raise WebhookPayloadError()
        currency = obj.get("currency")
        if not isinstance(currency, str) or not _CURRENCY.match(currency):
            raise WebhookPayloadError()
        optional = _OPTIONAL_AMOUNT_FIELDS.get(event_type, ())
        for field in (*_AMOUNT_FIELDS[event_type], *optional):
            value = obj.get(field)
            if value is None and field in optional:
                continue
            # bool is an int in Python; Stripe never sends one as an amount.
            if isinstance(value, bool) or not isinstance(value, int) or value < 0:
                raise WebhookPayloadError()
    return data


def webhook_event_construct(*, payload: bytes, signature: str) -> dict[str, Any]:
    """Verify a webhook's signature with the endpoint secret and parse it.

    The signature is checked first; then the body must be an event whose id,
    type and, for the events the shop acts on, object id, currency and amounts
    are well formed.

    Raises:
        WebhookSignatureError: missing or wrong signature, or a stale timestamp.
        WebhookPayloadError: the body is not a well-formed Stripe event.
    """
    secret = settings.STRIPE_WEBHOOK_SECRET
    if not secret or not signature:
        raise WebhookSignatureError()
    try:
        text = payload.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise WebhookPayloadError() from exc
    try:
        stripe.WebhookSignature.verify_header(text, signature, secret)
    except stripe.SignatureVerificationError as exc:
        raise WebhookSignatureError() from exc
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise WebhookPayloadError() from exc
    return _payload_check(data)
