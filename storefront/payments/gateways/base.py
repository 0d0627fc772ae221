"""The one interface every payment gateway implements (Saleor's plugin methods).

Amounts cross this boundary as ``prices.Money``; gateways answer with
``GatewayResponse`` and raise only ``PaymentDeclinedError`` (the customer's
card said no) or ``PaymentGatewayError`` (the provider failed).
"""

import enum
from dataclasses import dataclass, field
from typing import Protocol

from prices import Money


class GatewayStatus(enum.Enum):
    AUTHORIZED = "authorized"  # funds held, capture with ``charge``
    CHARGED = "charged"  # money taken
    ACTION_REQUIRED = "action_required"  # the customer must confirm (3-D Secure)
    PENDING = "pending"  # the provider will tell by webhook
    CANCELED = "canceled"
    REFUNDED = "refunded"


@dataclass(frozen=True)
class PaymentRequest:
    """What to pay: the amount and, depending on the gateway, a card or method."""

    amount: Money
    payment_token: str
    idempotency_key: str
    customer_email: str = ""
    card_number: str = ""
    payment_method_id: str = ""
    customer_id: str = ""
    off_session: bool = False
    return_url: str = ""
    setup_future_usage: str = ""  # "off_session" saves the card on the customer
    metadata: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class GatewayResponse:
    status: GatewayStatus
    psp_reference: str
    amount: Money
    client_secret: str = ""
    action_url: str = ""
    message: str = ""


class PaymentGateway(Protocol):
    name: str

    def authorize(self, request: PaymentRequest) -> GatewayResponse:
        """Start a payment: hold (or, for some providers, take) the amount."""

    def charge(
        self, *, psp_reference: str, amount: Money, idempotency_key: str
    ) -> GatewayResponse:
        """Capture an authorised payment."""

    def confirm(self, *, psp_reference: str, data: dict[str, str]) -> GatewayResponse:
        """Finish a payment that needed the customer (3-D Secure) or ask its state."""

    def refund(
        self, *, psp_reference: str, amount: Money, idempotency_key: str
    ) -> GatewayResponse:
        """Give back part or all of a charged payment."""

    def void(self, *, psp_reference: str) -> GatewayResponse:
        """Release an authorisation that will not be captured."""
