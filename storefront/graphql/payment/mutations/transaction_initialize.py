"""`transactionInitialize`: Start paying for a checkout."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from common.graphql.mutations import BaseMutation
from common.graphql.scalars import JSON, PositiveDecimal
from storefront.checkout.services.payment import checkout_payment_start
from storefront.graphql.checkout.inputs import PaymentGatewayToInitialize
from storefront.graphql.checkout.utils import checkout_for_mutation
from storefront.graphql.core.enums import TransactionFlowStrategyEnum
from storefront.graphql.core.errors import (
    TransactionInitializeError,
    TransactionInitializeErrorCode,
)
from storefront.graphql.order.types import order_global_id
from storefront.graphql.payment.types import (
    GATEWAY_IDS,
    TransactionEvent,
    TransactionItem,
    available_gateways,
)
from storefront.orders.models import Order
from storefront.payments.models import Payment


class TransactionInitialize(BaseMutation):
    """Start paying for a checkout."""

    class Arguments:
        action = graphene.Argument(TransactionFlowStrategyEnum)
        amount = graphene.Argument(PositiveDecimal)
        id = graphene.ID(required=True)
        payment_gateway = graphene.Argument(PaymentGatewayToInitialize, required=True)

    transaction = graphene.Field(TransactionItem, description="The payment.")
    transaction_event = graphene.Field(TransactionEvent, description="What happened.")
    data = graphene.Field(
        JSON, description="Data for the client (e.g. a client secret)."
    )
    errors = graphene.List(
        graphene.NonNull(TransactionInitializeError),
        required=True,
        description="Errors.",
    )

    error_code_enum = TransactionInitializeErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data["id"])
        gateway_input = data["payment_gateway"]
        gateway = GATEWAY_IDS.get(gateway_input["id"])
        enabled = {g["id"] for g in available_gateways(currency=checkout.currency)}
        if gateway is None or gateway_input["id"] not in enabled:
            raise ValidationError(
                {
                    "paymentGateway": ValidationError(
                        f"No payment gateway {gateway_input['id']!r} is enabled.",
                        code="not_found",
                    )
                }
            )
        if data.get("action") is not None and str(data["action"]).endswith(
            "authorization"
        ):
            pass  # the checkout service captures inside the order's transaction
        gateway_data = gateway_input.get("data") or {}
        outcome = checkout_payment_start(
            checkout=checkout,
            gateway=gateway,
            card_number=_dummy_card(gateway_data) if gateway == "dummy" else "",
            payment_method_id=str(gateway_data.get("paymentMethodId") or ""),
            return_url=str(gateway_data.get("returnUrl") or ""),
        )
        payment = Payment.objects.get(pk=outcome.payment_id)
        response: dict[str, Any] = {}
        if outcome.client_secret:
            response["clientSecret"] = outcome.client_secret
        if outcome.action_url:
            response["actionUrl"] = outcome.action_url
        if outcome.order_id:
            order = outcome.order or Order.objects.get(pk=outcome.order_id)
            response["orderId"] = order_global_id(order)
        return cls(transaction=payment, data=response, errors=[])

    @staticmethod
    def resolve_transaction_event(root: Any, info: Any) -> Any:
        """The payment's latest event, read only when the client asks for it."""
        if root.transaction is None:
            return None
        return root.transaction.events.order_by("-created_at", "-pk").first()


# Saleor's dummy payment app takes {"event": {"type": "CHARGE_SUCCESS"}}; our
# dummy gateway decides by test card. A card number may also be sent directly.
_DUMMY_CARDS = {
    "success": "4242424242424242",
    "failure": "4000000000000002",
    "action_required": "4000002500003155",
}


def _dummy_card(data: dict) -> str:
    if data.get("cardNumber"):
        return str(data["cardNumber"])
    event_type = str((data.get("event") or {}).get("type") or "CHARGE_SUCCESS").lower()
    for ending, card in _DUMMY_CARDS.items():
        if event_type.endswith(ending):
            return card
    return _DUMMY_CARDS["success"]
