"""`transactionProcess`: Continue a payment that needed the customer's action."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from common.graphql.ids import pk_or_none
from common.graphql.mutations import BaseMutation
from common.graphql.scalars import JSON
from storefront.checkout.services.payment import checkout_payment_return
from storefront.graphql.core.errors import (
    TransactionProcessError,
    TransactionProcessErrorCode,
)
from storefront.graphql.order.types import order_global_id
from storefront.graphql.payment.types import TransactionEvent, TransactionItem
from storefront.payments.selectors import payment_get_by_token


class TransactionProcess(BaseMutation):
    """Continue a payment that needed the customer's action (3-D Secure), and place
    the order when it succeeds. `id` is the transaction's id from
    `transactionInitialize`. For the dummy gateway `data` is
    `{"event": {"type": "CHARGE_SUCCESS"}}` (the check passed) or a `*_FAILURE`
    type (it failed); for Stripe it may be left out (the intent is read back)."""

    class Arguments:
        data = graphene.Argument(JSON)
        id = graphene.ID()

    transaction = graphene.Field(TransactionItem, description="The payment.")
    transaction_event = graphene.Field(TransactionEvent, description="What happened.")
    data = graphene.Field(
        JSON, description="Data for the client: `orderId` once the order is placed."
    )
    errors = graphene.List(
        graphene.NonNull(TransactionProcessError), required=True, description="Errors."
    )

    error_code_enum = TransactionProcessErrorCode
    error_code_map = {"payment_declined": "invalid"}

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        token = pk_or_none(data.get("id") or "", expected="TransactionItem")
        payment = payment_get_by_token(token=token) if token else None
        if payment is None or payment.checkout_token is None:
            raise ValidationError(
                {
                    "id": ValidationError(
                        f"Couldn't find a transaction with id {data.get('id')!r}.",
                        code="not_found",
                    )
                }
            )
        order = checkout_payment_return(
            payment_token=payment.token, data=_confirm_data(data.get("data") or {})
        )
        payment.refresh_from_db()
        event = payment.events.order_by("-created_at", "-pk").first()
        return cls(
            transaction=payment,
            transaction_event=event,
            data={"orderId": order_global_id(order)},
            errors=[],
        )


def _confirm_data(data: dict) -> dict[str, str]:
    """Saleor's dummy-app event (or our own ``result``) as the gateway's answer."""
    if data.get("result"):
        return {"result": str(data["result"])}
    event_type = str((data.get("event") or {}).get("type") or "CHARGE_SUCCESS")
    return {
        "result": "failure" if event_type.upper().endswith("FAILURE") else "success"
    }
