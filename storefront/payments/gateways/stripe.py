"""Stripe PaymentIntents behind the gateway interface (calls go via stripe_client)."""

from prices import Money

from storefront.payments import stripe_client
from storefront.payments.errors import PaymentDeclinedError, PaymentGatewayError
from storefront.payments.gateways.base import (
    GatewayResponse,
    GatewayStatus,
    PaymentRequest,
)

_STATUS = {
    "succeeded": GatewayStatus.CHARGED,
    "requires_capture": GatewayStatus.AUTHORIZED,
    "requires_action": GatewayStatus.ACTION_REQUIRED,
    "requires_payment_method": GatewayStatus.PENDING,
    "requires_confirmation": GatewayStatus.PENDING,
    "processing": GatewayStatus.PENDING,
    "canceled": GatewayStatus.CANCELED,
}


def _response(intent: dict) -> GatewayResponse:
    status = _STATUS.get(intent.get("status", ""))
    if status is None:
        raise PaymentGatewayError()
    return GatewayResponse(
        status=status,
        psp_reference=intent["id"],
        amount=stripe_client.amount_from_intent(intent),
        client_secret=intent.get("client_secret") or "",
    )


class StripeGateway:
    """PaymentIntents with automatic capture.

    Without a payment method the intent waits for the Payment Element in the browser
    (status PENDING, client secret returned); with one it is confirmed at once, as
    for off-session renewals with a saved card.
    """

    name = "stripe"

    def authorize(self, request: PaymentRequest) -> GatewayResponse:
        intent = stripe_client.payment_intent_create(
            amount=request.amount,
            idempotency_key=request.idempotency_key,
            metadata={"payment_token": request.payment_token, **request.metadata},
            receipt_email=request.customer_email,
            payment_method=request.payment_method_id,
            customer=request.customer_id,
            confirm=bool(request.payment_method_id),
            off_session=request.off_session,
            return_url=request.return_url,
            setup_future_usage=request.setup_future_usage,
        )
        if intent.get("status") == "requires_payment_method" and (
            request.payment_method_id
        ):
            error = (intent.get("last_payment_error") or {}).get("message")
            raise PaymentDeclinedError(error or None)
        return _response(intent)

    def charge(
        self, *, psp_reference: str, amount: Money, idempotency_key: str
    ) -> GatewayResponse:
        intent = stripe_client.payment_intent_retrieve(intent_id=psp_reference)
        if intent.get("status") == "requires_capture":
            intent = stripe_client.payment_intent_capture(
                intent_id=psp_reference, amount=amount, idempotency_key=idempotency_key
            )
        return _response(intent)

    def confirm(self, *, psp_reference: str, data: dict[str, str]) -> GatewayResponse:
        intent = stripe_client.payment_intent_retrieve(intent_id=psp_reference)
        if intent.get("status") == "requires_payment_method" and intent.get(
            "last_payment_error"
        ):
            raise PaymentDeclinedError(intent["last_payment_error"].get("message"))
        return _response(intent)

    def refund(
        self, *, psp_reference: str, amount: Money, idempotency_key: str
    ) -> GatewayResponse:
        stripe_client.refund_create(
            intent_id=psp_reference, amount=amount, idempotency_key=idempotency_key
        )
        return GatewayResponse(
            status=GatewayStatus.REFUNDED, psp_reference=psp_reference, amount=amount
        )

    def void(self, *, psp_reference: str) -> GatewayResponse:
        intent = stripe_client.payment_intent_cancel(intent_id=psp_reference)
        return _response(intent)
