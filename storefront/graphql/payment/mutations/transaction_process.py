"""`transactionProcess`: Continue a payment that needed the customer's action."""

from typing import Any

import graphene
from graphql import GraphQLError

from common.graphql.mutations import BaseMutation
from common.graphql.scalars import JSON, PositiveDecimal  # noqa: F401
from storefront.graphql.checkout.inputs import PaymentGatewayToInitialize  # noqa: F401
from storefront.graphql.core.enums import TransactionFlowStrategyEnum  # noqa: F401
from storefront.graphql.core.errors import (
    TransactionProcessError,
    TransactionProcessErrorCode,
)
from storefront.graphql.payment.types import (  # noqa: F401
    PaymentGatewayConfig,
    TransactionEvent,
    TransactionItem,
)


class TransactionProcess(BaseMutation):
    """Continue a payment that needed the customer's action."""

    class Arguments:
        data = graphene.Argument(JSON)
        id = graphene.ID()

    transaction = graphene.Field(TransactionItem, description="The payment.")
    transaction_event = graphene.Field(TransactionEvent, description="What happened.")
    data = graphene.Field(
        JSON, description="Data for the client (e.g. a client secret)."
    )
    errors = graphene.List(
        graphene.NonNull(TransactionProcessError), required=True, description="Errors."
    )

    error_code_enum = TransactionProcessErrorCode

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        # Not wired yet: the domain service this calls has not landed (see report).
        raise GraphQLError("`transactionProcess` is not available yet on this shop.")
