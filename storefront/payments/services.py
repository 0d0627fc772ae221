"""Payment state changes. Gateway calls happen outside row locks where possible;
every change of amounts or status writes a TransactionEvent."""

import logging
import re
import uuid
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from prices import Money

from common.mail import email_queue
from storefront.accounts.models import User
from storefront.payments import stripe_client
from storefront.payments.errors import (
    PaymentAmountMismatchError,
    PaymentDeclinedError,
    PaymentError,
    PaymentGatewayError,
    PaymentMethodSetupIncompleteError,
    PaymentMethodSetupNotFoundError,
    PaymentNotRefundableError,
)
from storefront.payments.gateways import gateway_get, gateways_enabled
from storefront.payments.gateways.base import (
    GatewayResponse,
    GatewayStatus,
    PaymentRequest,
)
from storefront.payments.models import (
    Payment,
    PaymentStatus,
    TransactionEvent,
)
from storefront.payments.models import TransactionEventType as EventType
from storefront.payments.states import payment_status_can_move

logger = logging.getLogger(__name__)


def _event(
    payment: Payment, type_: str, amount: Decimal = Decimal(0), message: str = ""
) -> None:
    TransactionEvent.objects.create(
        payment=payment,
        type=type_,
        currency=payment.currency,
        amount_value=amount,
        psp_reference=payment.psp_reference or "",
        message=message[:512],
    )


def payment_create(
    *,
    gateway: str,
    amount: Money,
    customer_email: str,
    checkout_token: uuid.UUID | None = None,
    order_id: int | None = None,
    metadata: dict[str, Any] | None = None,
) -> Payment:
    """Record a new payment attempt (status pending) before any gateway call.

    Only a gateway this shop has switched on may take money: the pages, the API
    and renewals all create their payments here.

    Raises:
        PaymentError: for an unknown or disabled gateway (field ``gateway``) or a
            non-positive amount.
    """
    gateway_get(gateway)
    if gateway not in gateways_enabled():
        raise PaymentError("This payment method is not available.", field="gateway")
    if amount.amount <= 0:
        raise PaymentError("There is nothing to pay.", field="amount")
    return Payment.objects.create(
        gateway=gateway,
        currency=amount.currency,
        amount_value=amount.amount,
        customer_email=customer_email,
        checkout_token=checkout_token,
        order_id=order_id,
        metadata=metadata or {},
    )


_RESPONSE_STATUS = {
    GatewayStatus.ACTION_REQUIRED: PaymentStatus.ACTION_REQUIRED,
    GatewayStatus.AUTHORIZED: PaymentStatus.AUTHORIZED,
    GatewayStatus.CHARGED: PaymentStatus.CHARGED,
    GatewayStatus.CANCELED: PaymentStatus.CANCELED,
}


def _apply_response(payment: Payment, response: GatewayResponse) -> Payment:
    """Store a gateway answer on the payment row; the caller holds a transaction.

    An answer that would move the payment backwards (a late report about an
    earlier step) is recorded as information and changes nothing else.
    """
    target = _RESPONSE_STATUS.get(response.status)
    if target is not None and not payment_status_can_move(
        current=payment.status, to=target
    ):
        _event(
            payment,
            EventType.INFO,
            payment.amount_value,
            f"Ignored a late {response.status} report: the payment is already "
            f"{payment.status}.",
        )
        return payment
    payment.psp_reference = response.psp_reference or payment.psp_reference
    if response.client_secret:
        payment.client_secret = response.client_secret
    amount = payment.amount_value
    if response.status == GatewayStatus.ACTION_REQUIRED:
        payment.status = PaymentStatus.ACTION_REQUIRED
        payment.metadata = {**payment.metadata, "action_url": response.action_url}
        _event(payment, EventType.AUTHORIZATION_ACTION_REQUIRED, amount)
    elif response.status == GatewayStatus.AUTHORIZED:
        payment.status = PaymentStatus.AUTHORIZED
        payment.authorized_value = amount
        _event(payment, EventType.AUTHORIZATION_SUCCESS, amount)
    elif response.status == GatewayStatus.CHARGED:
        if payment.charged_value < amount:
            payment.status = PaymentStatus.CHARGED
            payment.authorized_value = Decimal(0)
            payment.charged_value = amount
            _event(payment, EventType.CHARGE_SUCCESS, amount)
    elif response.status == GatewayStatus.CANCELED:
        payment.status = PaymentStatus.CANCELED
        payment.authorized_value = Decimal(0)
        _event(payment, EventType.CANCEL_SUCCESS, amount)
    payment.save()
    return payment


def _fail(payment: Payment, exc: PaymentError, event_type: str) -> None:
    if not payment_status_can_move(current=payment.status, to=PaymentStatus.FAILED):
        _event(payment, EventType.INFO, payment.amount_value, exc.message)
        return
    Payment.objects.filter(pk=payment.pk).update(
        status=PaymentStatus.FAILED, error=exc.message[:255]
    )
    payment.status = PaymentStatus.FAILED
    payment.error = exc.message[:255]
    _event(payment, event_type, payment.amount_value, exc.message)


def payment_authorize(
    *,
    payment: Payment,
    card_number: str = "",
    payment_method_id: str = "",
    customer_id: str = "",
    off_session: bool = False,
    return_url: str = "",
    setup_future_usage: str = "",
) -> Payment:
    """Ask the gateway to authorise (or, for Stripe, take) the payment's amount.

    The payment ends authorised, charged, waiting for the customer (3-D Secure) or,
    for a Stripe intent without a method yet, pending.

    Raises:
        PaymentDeclinedError: the card was refused; the payment is marked failed.
        PaymentGatewayError: the provider failed; the payment is marked failed.
    """
    gateway = gateway_get(payment.gateway)
    _event(payment, EventType.AUTHORIZATION_REQUEST, payment.amount_value)
    request = PaymentRequest(
        amount=payment.amount,
        payment_token=str(payment.token),
        idempotency_key=f"payment-{payment.token}-authorize",
        customer_email=payment.customer_email,
        card_number=card_number,
        payment_method_id=payment_method_id,
        customer_id=customer_id,
        off_session=off_session,
        return_url=return_url,
        setup_future_usage=setup_future_usage,
        metadata={"checkout_token": str(payment.checkout_token or "")},
    )
    try:
        response = gateway.authorize(request)
    except PaymentError as exc:
        _fail(payment, exc, EventType.AUTHORIZATION_FAILURE)
        raise
    with transaction.atomic():
        return _apply_response(payment, response)


def payment_action_confirm(*, payment: Payment, data: dict[str, str]) -> Payment:
    """Finish a payment that waited for the customer, or refresh it from the gateway.

    Raises:
        PaymentDeclinedError: the customer failed the check; the payment is failed.
        PaymentGatewayError: the provider failed.
    """
    if payment.status not in {PaymentStatus.ACTION_REQUIRED, PaymentStatus.PENDING}:
        return payment
    gateway = gateway_get(payment.gateway)
    try:
        response = gateway.confirm(
            psp_reference=payment.psp_reference or "",
            data={
                **data,
                "amount": str(payment.amount_value),
                "currency": payment.currency,
            },
        )
    except PaymentDeclinedError as exc:
        _fail(payment, exc, EventType.AUTHORIZATION_FAILURE)
        raise
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status not in {PaymentStatus.ACTION_REQUIRED, PaymentStatus.PENDING}:
            return locked
        return _apply_response(locked, response)


def payment_capture(*, payment: Payment) -> Payment:
    """Capture an authorised payment in full; a charged payment is left as it is.

    Raises:
        PaymentGatewayError: the provider failed; nothing changes.
        PaymentError: the payment is neither authorised nor charged.
    """
    if payment.status == PaymentStatus.CHARGED:
        return payment
    if payment.status != PaymentStatus.AUTHORIZED:
        raise PaymentError("The payment has not been authorised.")
    gateway = gateway_get(payment.gateway)
    try:
        response = gateway.charge(
            psp_reference=payment.psp_reference or "",
            amount=payment.amount,
            idempotency_key=f"payment-{payment.token}-capture",
        )
    except PaymentError as exc:
        _event(payment, EventType.CHARGE_FAILURE, payment.amount_value, exc.message)
        raise
    # Captured inside the order's transaction, which needs no savepoint here.
    with transaction.atomic(savepoint=False):
        return _apply_response(
            payment,
            GatewayResponse(
                status=GatewayStatus.CHARGED,
                psp_reference=response.psp_reference,
                amount=response.amount,
            )
            if response.status == GatewayStatus.CHARGED
            else response,
        )


def payment_release(*, payment: Payment, reason: str) -> Payment:
    """Give the money back for a payment that will not become an order.

    Voids an authorisation, refunds a charge in full, and marks a payment still
    waiting for the customer as cancelled. Gateway failures are logged and left for
    staff: the payment keeps its state and an event says why.
    """
    payment.refresh_from_db()
    gateway = gateway_get(payment.gateway)
    try:
        if payment.status == PaymentStatus.AUTHORIZED:
            gateway.void(psp_reference=payment.psp_reference or "")
            with transaction.atomic():
                payment.status = PaymentStatus.CANCELED
                payment.authorized_value = Decimal(0)
                payment.error = reason[:255]
                payment.save()
                _event(payment, EventType.CANCEL_SUCCESS, payment.amount_value, reason)
        elif payment.status in {
            PaymentStatus.CHARGED,
            PaymentStatus.PARTIALLY_REFUNDED,
        }:
            payment_refund(payment=payment, amount=None, reason=reason)
        elif payment.status in {PaymentStatus.PENDING, PaymentStatus.ACTION_REQUIRED}:
            if payment.psp_reference and payment.gateway != "dummy":
                gateway.void(psp_reference=payment.psp_reference)
            with transaction.atomic():
                payment.status = PaymentStatus.CANCELED
                payment.error = reason[:255]
                payment.save()
                _event(payment, EventType.CANCEL_SUCCESS, Decimal(0), reason)
    except PaymentError as exc:
        logger.error("Could not release payment %s: %s", payment.pk, exc.message)
        _event(payment, EventType.INFO, Decimal(0), f"Release failed: {exc.message}")
    return payment


def payment_refund(*, payment: Payment, amount: Decimal | None, reason: str) -> Payment:
    """Refund part (``amount``) or all (``None``) of what is left of a charge.

    Raises:
        PaymentNotRefundableError: the amount is not positive or above what is left.
        PaymentGatewayError: the provider failed; nothing changes.
    """
    refundable = payment.charged_value - payment.refunded_value
    value = refundable if amount is None else amount
    if value <= 0 or value > refundable:
        raise PaymentNotRefundableError(
            f"Enter an amount between 0.01 and {refundable} {payment.currency}."
        )
    gateway = gateway_get(payment.gateway)
    key_suffix = f"{payment.refunded_value}-{value}"
    try:
        gateway.refund(
            psp_reference=payment.psp_reference or "",
            amount=Money(value, payment.currency),
            idempotency_key=f"payment-{payment.token}-refund-{key_suffix}",
        )
    except PaymentError as exc:
        _event(payment, EventType.REFUND_FAILURE, value, exc.message)
        raise
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        _refund_record(locked, locked.refunded_value + value, reason)
    payment.refresh_from_db()
    return payment


def _refund_record(payment: Payment, refunded_total: Decimal, message: str) -> bool:
    """Set the cumulative refunded amount; the caller holds the payment's row lock."""
    refunded_total = min(refunded_total, payment.charged_value)
    if refunded_total <= payment.refunded_value or not payment_status_can_move(
        current=payment.status, to=PaymentStatus.REFUNDED
    ):
        return False
    delta = refunded_total - payment.refunded_value
    payment.refunded_value = refunded_total
    payment.status = (
        PaymentStatus.REFUNDED
        if refunded_total >= payment.charged_value
        else PaymentStatus.PARTIALLY_REFUNDED
    )
    payment.save()
    _event(payment, EventType.REFUND_SUCCESS, delta, message)
    return True


def payment_attach_to_order(*, payment: Payment, order_id: int) -> None:
    """Link a payment to the order it paid for; the caller holds a transaction.

    The order's paid amounts are the order's business: callers refresh them with
    ``orders.services.order_amounts_refresh``.
    """
    Payment.objects.filter(pk=payment.pk).update(order_id=order_id)
    payment.order_id = order_id


# --- what the provider reports about a payment -------------------------------------


def payment_info_record(*, payment: Payment, message: str) -> None:
    """Add an information event to a payment's history (no state change)."""
    _event(payment, EventType.INFO, Decimal(0), message)


def payment_report_check(*, payment: Payment, amount: Money, what: str) -> None:
    """Check that the amount and currency the provider reports match the payment.

    A mismatch (Stripe reporting 0.01 USD for a 12.95 USD payment, or another
    currency) is recorded on the payment, which is then held for staff: no order
    is placed from it and reconciliation leaves it alone. Staff are alerted.

    Raises:
        PaymentAmountMismatchError: the report does not match; recorded first.
    """
    expected = Money(payment.amount_value, payment.currency)
    if amount.currency == expected.currency and amount.amount == expected.amount:
        return
    message = (
        f"The provider reported {amount.amount} {amount.currency} for {what}; "
        f"the payment is for {expected.amount} {expected.currency}."
    )
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        locked.metadata = {**locked.metadata, "held_for_review": message}
        locked.save(update_fields=["metadata", "updated_at"])
        _event(locked, EventType.INFO, amount.amount, message)
        _staff_alert(payment=locked, message=message)
    payment.refresh_from_db()
    logger.error("Payment %s held for review: %s", payment.pk, message)
    raise PaymentAmountMismatchError(message)


def _staff_alert(*, payment: Payment, message: str) -> None:
    recipients = list(getattr(settings, "PAYMENTS_ALERT_EMAILS", []) or [])
    if not recipients:
        recipients = list(
            User.objects.filter(is_superuser=True, is_active=True)
            .order_by("pk")
            .values_list("email", flat=True)
        )
    if not recipients:
        return
    email_queue(
        to=recipients,
        subject=f"Payment {payment.pk} needs review: the amounts do not match",
        body=(
            f"{message}\n\nPayment {payment.pk} ({payment.gateway} "
            f"{payment.psp_reference or payment.token}) is held: no order was placed "
            "from it. Check it at the provider and refund or complete it by hand."
        ),
    )


def payment_charge_record(
    *, payment: Payment, psp_reference: str, amount: Money
) -> Payment:
    """Record that the provider took the money for a payment, once.

    A payment already charged or refunded is left as it is, so a repeated report
    changes nothing. Returns the payment as stored afterwards.

    Raises:
        PaymentAmountMismatchError: the amount or currency taken is not the
            payment's; the payment is held for staff and stays uncharged here.
    """
    payment_report_check(payment=payment, amount=amount, what="the charge")
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.charged_value == 0 and payment_status_can_move(
            current=locked.status, to=PaymentStatus.CHARGED
        ):
            _apply_response(
                locked,
                GatewayResponse(
                    status=GatewayStatus.CHARGED,
                    psp_reference=psp_reference,
                    amount=amount,
                ),
            )
    payment.refresh_from_db()
    return payment


def payment_failure_record(*, payment: Payment, message: str) -> Payment:
    """Record that the provider refused a payment.

    Only a payment that has not taken money yet can fail: a late failure report
    about a charged, refunded or voided payment is kept as information only.
    Returns the payment as stored afterwards.
    """
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.FAILED and payment_status_can_move(
            current=locked.status, to=PaymentStatus.FAILED
        ):
            locked.status = PaymentStatus.FAILED
            locked.error = message[:255]
            locked.save()
            _event(
                locked, EventType.AUTHORIZATION_FAILURE, locked.amount_value, message
            )
        elif locked.status != PaymentStatus.FAILED:
            _event(
                locked,
                EventType.INFO,
                locked.amount_value,
                f"Ignored a late failure report: the payment is already "
                f"{locked.status}. {message}",
            )
    payment.refresh_from_db()
    return payment


def payment_refund_total_record(
    *, payment: Payment, refunded_total: Decimal, message: str
) -> bool:
    """Record the cumulative amount the provider says it refunded.

    Returns whether anything changed: a total at or below what is already
    recorded (a repeated report) changes nothing.
    """
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        changed = _refund_record(locked, refunded_total, message)
    payment.refresh_from_db()
    return changed


# --- saving a card without a payment (Stripe SetupIntents) ------------------------

_SETUP_ID = re.compile(r"^seti_[A-Za-z0-9]{1,200}$")


@dataclass(frozen=True)
class PaymentMethodSetup:
    """A started card confirmation; the Payment Element needs ``client_secret``."""

    setup_id: str
    client_secret: str
    customer_id: str


@dataclass(frozen=True)
class SavedPaymentMethod:
    """A card confirmed by its holder and saved on the customer at Stripe."""

    payment_method_id: str
    customer_id: str
    label: str


def payment_method_setup_start(
    *, customer_id: str, idempotency_key: str, metadata: dict[str, str]
) -> PaymentMethodSetup:
    """Start saving a new card on a Stripe customer for off-session charges.

    Creates a SetupIntent (``usage="off_session"``, cards only) and charges
    nothing; the customer confirms the card in the Payment Element with the
    returned client secret. ``metadata`` is stored on the SetupIntent and
    checked again by ``payment_method_setup_finish``.

    Raises:
        PaymentError: there is no Stripe customer to save the card on.
        PaymentGatewayError: Stripe failed or is not configured.
    """
    if not customer_id:
        raise PaymentError("There is no customer to save the card for.")
    intent = stripe_client.setup_intent_create(
        customer_id=customer_id, idempotency_key=idempotency_key, metadata=metadata
    )
    if not intent.get("client_secret") or not intent.get("id"):
        raise PaymentGatewayError()
    return PaymentMethodSetup(
        setup_id=str(intent["id"]),
        client_secret=str(intent["client_secret"]),
        customer_id=customer_id,
    )


def _stripe_id(value: Any) -> str:
    if isinstance(value, dict):
        value = value.get("id")
    return str(value or "")


def payment_method_setup_finish(
    *, setup_id: str, customer_id: str, metadata: dict[str, str]
) -> SavedPaymentMethod:
    """Check a card confirmation the customer finished and return the saved card.

    The SetupIntent must exist, belong to ``customer_id``, carry every key and
    value of ``metadata`` (as given to ``payment_method_setup_start``) and have
    succeeded with a payment method. A SetupIntent that succeeded for a customer
    has attached its card to that customer at Stripe. Changes nothing here.

    Raises:
        PaymentMethodSetupNotFoundError: the id is malformed, unknown at Stripe,
            or the SetupIntent is another customer's or was made for something
            else.
        PaymentMethodSetupIncompleteError: the card was not confirmed (declined,
            authentication not completed, or still processing).
        PaymentGatewayError: Stripe failed or is not configured.
    """
    if not customer_id or not _SETUP_ID.fullmatch(setup_id or ""):
        raise PaymentMethodSetupNotFoundError()
    intent = stripe_client.setup_intent_retrieve(setup_intent_id=setup_id)
    stored = intent.get("metadata") or {}
    if _stripe_id(intent.get("customer")) != customer_id or any(
        str(stored.get(key, "")) != value for key, value in metadata.items()
    ):
        logger.warning(
            "Refused a SetupIntent of another customer or purpose",
            extra={"setup_intent": setup_id},
        )
        raise PaymentMethodSetupNotFoundError()
    method = intent.get("payment_method")
    method_id = _stripe_id(method)
    if intent.get("status") != "succeeded" or not method_id:
        error = (intent.get("last_setup_error") or {}).get("message")
        if error:
            raise PaymentMethodSetupIncompleteError(
                f"{error} Your new card was not saved; try again or use another card."
            )
        raise PaymentMethodSetupIncompleteError()
    last4 = ((method.get("card") or {}) if isinstance(method, dict) else {}).get(
        "last4"
    )
    return SavedPaymentMethod(
        payment_method_id=method_id,
        customer_id=customer_id,
        label=f"card ending {last4}" if last4 else "your new card",
    )
