"""`paymentGatewayInitialize`: the payment gateways' configuration for a checkout."""

from typing import Any

import graphene
from graphql import GraphQLError

from common.graphql.mutations import BaseMutation
from common.graphql.scalars import JSON, PositiveDecimal  # noqa: F401
from storefront.graphql.checkout.inputs import PaymentGatewayToInitialize
from storefront.graphql.core.enums import TransactionFlowStrategyEnum  # noqa: F401
from storefront.graphql.core.errors import (
    PaymentGatewayInitializeError,
    PaymentGatewayInitializeErrorCode,
)
from storefront.graphql.payment.types import (  # noqa: F401
    PaymentGatewayConfig,
    TransactionEvent,
    TransactionItem,
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
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError(
            "`paymentGatewayInitialize` is not available yet on this shop."
        )
