"""Error codes of payments; declined cards are anticipated, gateway faults are not."""

from enum import Enum

from common.errors import DomainError


class PaymentErrorCode(Enum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    PAYMENT_DECLINED = "payment_declined"
    ACTION_REQUIRED = "action_required"
    GATEWAY_ERROR = "gateway_error"
    NOT_REFUNDABLE = "not_refundable"
    INVALID_SIGNATURE = "invalid_signature"
    MALFORMED_EVENT = "malformed_event"
    NOT_ENABLED = "not_enabled"


class PaymentError(DomainError):
    code = PaymentErrorCode.INVALID


class PaymentAmountMismatchError(PaymentError):
    """The provider reported another amount or currency than the payment's."""

    code = PaymentErrorCode.INVALID
    message = "The amount reported does not match the payment."
    field = "amount"


class PaymentDeclinedError(PaymentError):
    """The card issuer or the customer said no: safe to show, nothing was taken."""

    code = PaymentErrorCode.PAYMENT_DECLINED
    message = "Your card was declined. Try another card or contact your bank."
    field = "card_number"


class PaymentGatewayError(PaymentError):
    """The provider failed or answered unexpectedly: log it, show a generic message."""

    code = PaymentErrorCode.GATEWAY_ERROR
    message = "The payment could not be processed just now. Please try again."


class PaymentNotRefundableError(PaymentError):
    code = PaymentErrorCode.NOT_REFUNDABLE
    message = "This amount cannot be refunded."
    field = "amount"


class WebhookSignatureError(PaymentError):
    code = PaymentErrorCode.INVALID_SIGNATURE
    message = "The webhook signature is invalid."


class WebhookPayloadError(PaymentError):
    code = PaymentErrorCode.MALFORMED_EVENT
    message = "The webhook body is not a valid event."


class PaymentMethodSetupNotFoundError(PaymentError):
    """A card confirmation (Stripe SetupIntent) that is unknown or someone else's."""

    code = PaymentErrorCode.NOT_FOUND
    message = (
        "This card confirmation is unknown or not yours. Nothing was changed; "
        "enter your new card again."
    )
    field = "setup_intent"


class PaymentMethodSetupIncompleteError(PaymentError):
    """The customer has not (or not successfully) confirmed the new card."""

    code = PaymentErrorCode.ACTION_REQUIRED
    message = "Your new card was not confirmed, so it was not saved. Enter it again."
    field = "setup_intent"
