"""The embedded default gateway: test cards, no network, deterministic outcomes.

4242 4242 4242 4242 succeeds, 4000 0000 0000 0002 is declined and
4000 0025 0000 3155 needs the customer to confirm on a simulated 3-D Secure page.
Any other number that passes the Luhn check succeeds.
"""

import uuid

from django.urls import reverse
from prices import Money

from storefront.payments.errors import PaymentDeclinedError
from storefront.payments.gateways.base import (
    GatewayResponse,
    GatewayStatus,
    PaymentRequest,
)

CARD_SUCCESS = "4242424242424242"
CARD_DECLINED = "4000000000000002"
CARD_3DS = "4000002500003155"
SAVED_CARD_PREFIX = "dummy_pm_"


def card_number_clean(raw: str) -> str:
    return "".join(ch for ch in raw or "" if not ch.isspace() and ch != "-")


def card_number_is_valid(number: str) -> bool:
    if not number.isdigit() or not 12 <= len(number) <= 19:
        return False
    total = 0
    for index, digit in enumerate(reversed(number)):
        value = int(digit)
        if index % 2 == 1:
            value *= 2
            if value > 9:
                value -= 9
        total += value
    return total % 10 == 0


class DummyGateway:
    name = "dummy"

    def authorize(self, request: PaymentRequest) -> GatewayResponse:
        reference = f"dummy_{uuid.uuid4().hex}"
        if request.payment_method_id.startswith(SAVED_CARD_PREFIX):
            # A card saved for later charges (subscriptions); "fails" tokens stand
            # for a card that was saved but is refused when charged off-session.
            if request.payment_method_id.startswith(SAVED_CARD_PREFIX + "fails"):
                raise PaymentDeclinedError(
                    "Your saved card was declined. Nothing was charged."
                )
            return GatewayResponse(
                status=GatewayStatus.AUTHORIZED,
                psp_reference=reference,
                amount=request.amount,
            )
        number = card_number_clean(request.card_number)
        if number == CARD_DECLINED:
            raise PaymentDeclinedError(
                "Your card was declined (test card 4000 0000 0000 0002). "
                "Nothing was charged; try another card."
            )
        if number == CARD_3DS:
            return GatewayResponse(
                status=GatewayStatus.ACTION_REQUIRED,
                psp_reference=reference,
                amount=request.amount,
                action_url=reverse(
                    "payments:dummy_3ds", kwargs={"token": request.payment_token}
                ),
            )
        if not card_number_is_valid(number):
            raise PaymentDeclinedError("Enter a valid card number.")
        return GatewayResponse(
            status=GatewayStatus.AUTHORIZED,
            psp_reference=reference,
            amount=request.amount,
        )

    def charge(
        self, *, psp_reference: str, amount: Money, idempotency_key: str
    ) -> GatewayResponse:
        return GatewayResponse(
            status=GatewayStatus.CHARGED, psp_reference=psp_reference, amount=amount
        )

    def confirm(self, *, psp_reference: str, data: dict[str, str]) -> GatewayResponse:
        if data.get("result") != "success":
            raise PaymentDeclinedError(
                "The card's security check was not completed. Nothing was charged."
            )
        return GatewayResponse(
            status=GatewayStatus.AUTHORIZED,
            psp_reference=psp_reference,
            amount=Money(data.get("amount", "0"), data.get("currency", "USD")),
        )

    def refund(
        self, *, psp_reference: str, amount: Money, idempotency_key: str
    ) -> GatewayResponse:
        return GatewayResponse(
            status=GatewayStatus.REFUNDED, psp_reference=psp_reference, amount=amount
        )

    def void(self, *, psp_reference: str) -> GatewayResponse:
        return GatewayResponse(
            status=GatewayStatus.CANCELED,
            psp_reference=psp_reference,
            amount=Money(0, "USD"),
        )
