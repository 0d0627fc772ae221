"""`paymentGatewayInitialize`: the payment gateways' configuration for a checkout."""

from typing import Any

import graphene

from common.graphql.mutations import BaseMutation
from storefront.graphql.checkout.inputs import PaymentGatewayToInitialize
from storefront.graphql.checkout.utils import checkout_for_mutation
from storefront.graphql.core.errors import (
    PaymentGatewayInitializeError,
    PaymentGatewayInitializeErrorCode,
)
from storefront.graphql.payment.types import (
    PaymentGatewayConfig,
    available_gateways,
)


class PaymentGatewayInitialize(BaseMutation):
    """Get the configuration of the payment gateways for a checkout."""

    class Arguments:
        id = graphene.ID(required=True)
        payment_gateways = graphene.List(graphene.NonNull(PaymentGatewayToInitialize))

    gateway_configs = graphene.List(
        graphene.NonNull(PaymentGatewayConfig), description="Configurations."
    )
    errors = graphene.List(
        graphene.NonNull(PaymentGatewayInitializeError),
        required=True,
        description="Errors.",
    )

    error_code_enum = PaymentGatewayInitializeErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        checkout = checkout_for_mutation(info, data["id"])
        gateways = available_gateways(currency=checkout.currency)
        wanted = {g["id"] for g in data.get("payment_gateways") or []}
        configs = [
            {
                "id": g["id"],
                "data": {c["field"]: c["value"] for c in g["config"]},
                "errors": [],
            }
            for g in gateways
            if not wanted or g["id"] in wanted
        ]
        for missing in sorted(wanted - {g["id"] for g in gateways}):
            configs.append(
                {
                    "id": missing,
                    "data": None,
                    "errors": [
                        {
                            "field": "id",
                            "message": f"No payment gateway {missing!r} is enabled.",
                            "code": "not_found",
                        }
                    ],
                }
            )
        return cls(gateway_configs=configs, errors=[])
