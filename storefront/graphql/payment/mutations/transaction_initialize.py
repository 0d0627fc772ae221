"""`transactionInitialize`: Start paying for a checkout."""

from typing import Any

import graphene
from graphql import GraphQLError

from common.graphql.mutations import BaseMutation
from common.graphql.scalars import JSON, PositiveDecimal
from storefront.graphql.checkout.inputs import PaymentGatewayToInitialize
from storefront.graphql.core.enums import TransactionFlowStrategyEnum
from storefront.graphql.core.errors import (
    TransactionInitializeError,
    TransactionInitializeErrorCode,
)
from storefront.graphql.payment.types import (  # noqa: F401
    PaymentGatewayConfig,
    TransactionEvent,
    TransactionItem,
)


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
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`transactionInitialize` is not available yet on this shop.")
