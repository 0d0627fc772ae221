"""Checkouts and orders report authorised and charged shares alike."""

from decimal import Decimal

import pytest

from common.graphql.ids import to_global_id
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.orders.models import Order
from storefront.payments.models import Payment, PaymentStatus
from tests.factories.catalogue import WarehouseFactory
from tests.factories.checkout import US_ADDRESS, sellable_variant, shipping_method

CHECKOUT = """
query($id: ID) { checkout(id: $id) { authorizeStatus chargeStatus } }"""
ORDER = """
query($id: ID) { order(id: $id) { authorizeStatus chargeStatus paymentStatus } }"""


@pytest.fixture
def ready(channel):
    warehouse = WarehouseFactory(channels=[channel])
    variant = sellable_variant(
        channel=channel, warehouse=warehouse, price="10.00", stock=5
    )
    method = shipping_method(channel=channel, countries=["US"], price="5.00")
    checkout = checkout_create(channel=channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=2)
    checkout_email_set(checkout=checkout, email="ada@example.com")
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=method.pk)
    return checkout


def test_a_partly_charged_order_reads_partly_authorised(gql, ready):
    # given an order that took 10.00 of its 25.00
    outcome = checkout_payment_start(
        checkout=ready, gateway="dummy", card_number="4242424242424242"
    )
    Order.objects.filter(pk=outcome.order_id).update(
        total_charged_amount=Decimal("10.00")
    )

    order = gql(ORDER, {"id": to_global_id("Order", str(ready.token))})["order"]

    # then, as a checkout with the same money would, it reads partly authorised
    assert order == {
        "authorizeStatus": "PARTIAL",
        "chargeStatus": "PARTIAL",
        "paymentStatus": "PARTIALLY_CHARGED",
    }


def test_a_partly_charged_checkout_reads_partial(gql, ready):
    Payment.objects.create(
        gateway="dummy",
        status=PaymentStatus.CHARGED,
        checkout_token=ready.token,
        currency="USD",
        amount_value=Decimal("10.00"),
        charged_value=Decimal("10.00"),
    )

    found = gql(CHECKOUT, {"id": to_global_id("Checkout", ready.token)})["checkout"]

    assert found == {"authorizeStatus": "PARTIAL", "chargeStatus": "PARTIAL"}
