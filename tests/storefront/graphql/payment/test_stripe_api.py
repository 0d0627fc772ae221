"""Stripe through Saleor's transaction flow (`saleor.app.payment.stripe`), against
localstripe.

The Payment Element path (no payment method: the intent is created with
``automatic_payment_methods`` and its client secret returned) is not covered here:
localstripe does not support ``automatic_payment_methods``.
"""

import pytest
import stripe

from common.graphql.ids import to_global_id
from storefront.checkout.models import Checkout
from storefront.orders.models import Order
from storefront.payments.models import Payment, PaymentStatus
from tests.storefront.graphql.checkout.test_checkout_flow import COMPLETE, shop
from tests.storefront.graphql.checkout.test_customer_metadata_process import (
    ready_checkout,
)

__all__ = ["shop"]

pytestmark = pytest.mark.slow

GATEWAYS = """
mutation($id: ID!) {
  paymentGatewayInitialize(id: $id) { errors { code } gatewayConfigs { id data } }
}"""
PAY = """
mutation($id: ID!, $data: JSON) {
  transactionInitialize(id: $id,
      paymentGateway: {id: "saleor.app.payment.stripe", data: $data}) {
    errors { field code message }
    transaction { id } transactionEvent { type } data
  }
}"""


def _card(number: str = "4242424242424242") -> str:
    return stripe.PaymentMethod.create(
        type="card",
        card={"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
    ).id


def test_stripe_is_offered_with_its_publishable_key(gql, stripe_settings, shop):
    checkout_id = ready_checkout(gql, shop)

    configs = gql(GATEWAYS, {"id": checkout_id})["paymentGatewayInitialize"]

    assert configs == {
        "errors": [],
        "gatewayConfigs": [
            {"id": "saleor.app.payment.stripe", "data": {"api_key": "pk_test_verdant"}},
            {"id": "saleor.io.dummy-payment-app", "data": {}},
        ],
    }


def test_stripe_payment_method_pays_and_places_the_order(gql, stripe_settings, shop):
    checkout_id = ready_checkout(gql, shop)

    paid = gql(PAY, {"id": checkout_id, "data": {"paymentMethodId": _card()}})[
        "transactionInitialize"
    ]
    completed = gql(COMPLETE, {"id": checkout_id})["checkoutComplete"]

    assert paid["errors"] == []
    assert paid["transactionEvent"] == {"type": "CHARGE_SUCCESS"}
    order = Order.objects.get()
    assert paid["data"]["orderId"] == to_global_id("Order", order.checkout_token)
    assert completed["order"]["id"] == paid["data"]["orderId"]
    payment = Payment.objects.get()
    assert payment.gateway == "stripe"
    assert payment.status == PaymentStatus.CHARGED
    assert payment.psp_reference.startswith("pi_")
    assert order.is_paid is True
    assert Checkout.objects.count() == 0


def test_stripe_declined_card_keeps_the_checkout(gql, stripe_settings, shop):
    checkout_id = ready_checkout(gql, shop)

    paid = gql(
        PAY, {"id": checkout_id, "data": {"paymentMethodId": _card("4000000000000341")}}
    )["transactionInitialize"]

    assert paid["transaction"] is None
    assert [e["code"] for e in paid["errors"]] == ["PAYMENT_DECLINED"]
    assert Order.objects.count() == 0
    assert Checkout.objects.count() == 1
    assert Payment.objects.get().status == PaymentStatus.FAILED
