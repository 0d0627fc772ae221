"""Payment gateways and Saleor's transaction types."""

from typing import Any

import graphene
from django.conf import settings

from common.graphql.ids import to_global_id
from common.graphql.scalars import JSON
from storefront.graphql.core.enums import (
    TransactionActionEnum,
    TransactionEventTypeEnum,
)
from storefront.payments.gateways import gateways_enabled

DUMMY_GATEWAY_ID = "saleor.io.dummy-payment-app"
STRIPE_GATEWAY_ID = "saleor.app.payment.stripe"
GATEWAY_IDS = {DUMMY_GATEWAY_ID: "dummy", STRIPE_GATEWAY_ID: "stripe"}
GATEWAY_NAMES = {"dummy": "Test payments", "stripe": "Card (Stripe)"}


class GatewayConfigLine(graphene.ObjectType):
    """A public setting a client needs to talk to a gateway."""

    field = graphene.String(required=True, description="Setting name.")
    value = graphene.String(description="Setting value.")


class PaymentGateway(graphene.ObjectType):
    """A way to pay."""

    name = graphene.String(required=True, description="Name.")
    id = graphene.ID(
        required=True, description="Gateway id, for transactionInitialize."
    )
    config = graphene.List(
        graphene.NonNull(GatewayConfigLine),
        required=True,
        description="Public settings.",
    )
    currencies = graphene.List(
        graphene.NonNull(graphene.String), required=True, description="Currencies."
    )


def gateway_public_config(name: str) -> list[dict[str, str]]:
    if name == "stripe":
        return [{"field": "api_key", "value": settings.STRIPE_PUBLISHABLE_KEY}]
    return []


def available_gateways(*, currency: str) -> list[dict[str, Any]]:
    """The enabled gateways under their Saleor app ids."""
    by_name = {name: app_id for app_id, name in GATEWAY_IDS.items()}
    return [
        {
            "id": by_name[name],
            "name": GATEWAY_NAMES.get(name, name),
            "config": gateway_public_config(name),
            "currencies": [currency],
        }
        for name in gateways_enabled()
        if name in by_name
    ]


class PaymentGatewayConfigError(graphene.ObjectType):
    """An error configuring one gateway."""

    field = graphene.String(description="Input field.")
    message = graphene.String(description="What went wrong.")
    code = graphene.Field(
        graphene.Enum(
            "PaymentGatewayConfigErrorCode",
            [
                ("GRAPHQL_ERROR", "graphql_error"),
                ("INVALID", "invalid"),
                ("NOT_FOUND", "not_found"),
            ],
            description="Codes of gateway configuration errors.",
        ),
        required=True,
        description="The error code.",
    )


class PaymentGatewayConfig(graphene.ObjectType):
    """What a client needs to start paying with one gateway."""

    id = graphene.String(required=True, description="Gateway id.")
    data = graphene.Field(JSON, description="Gateway data (public keys and the like).")
    errors = graphene.List(
        graphene.NonNull(PaymentGatewayConfigError), description="Problems with it."
    )


class TransactionItem(graphene.ObjectType):
    """A payment (Saleor's transaction): amounts per state and its events."""

    id = graphene.ID(required=True, description="Global id.")
    actions = graphene.List(
        graphene.NonNull(TransactionActionEnum),
        required=True,
        description="What staff can still do with it.",
    )
    psp_reference = graphene.String(
        required=True, description="The gateway's reference."
    )
    status = graphene.String(required=True, description="Our status of the payment.")

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id("TransactionItem", root.token)

    @staticmethod
    def resolve_actions(root: Any, info: Any) -> list[str]:
        actions = []
        if root.authorized_value > root.charged_value:
            actions += ["charge", "cancel"]
        if root.charged_value > root.refunded_value:
            actions.append("refund")
        return actions

    @staticmethod
    def resolve_psp_reference(root: Any, info: Any) -> str:
        return root.psp_reference or ""


class TransactionEvent(graphene.ObjectType):
    """Something that happened to a transaction."""

    message = graphene.String(required=True, description="What happened.")
    type = graphene.Field(TransactionEventTypeEnum, description="Kind of event.")
    psp_reference = graphene.String(description="The gateway's reference.")

    @staticmethod
    def resolve_type(root: Any, info: Any) -> str | None:
        known = {member.value for member in TransactionEventTypeEnum._meta.enum}
        return root.type if root.type in known else "info"


__all__ = ["JSON"]
