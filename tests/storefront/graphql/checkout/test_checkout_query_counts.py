"""Each checkout mutation runs a fixed number of queries, whatever the cart holds.

The figures are today's; a change that makes one grow must say why here. Each
mutation loads the checkout's lines, prices and stock once and hands that load
to the fields of its answer, and paying reuses the load it validated when the
checkout has not changed since.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.graphql import BILLING, COMPLETE, PAY
from bench.graphql import CHECKOUT_CREATE as CREATE
from common.graphql.ids import to_global_id
from storefront.orders.models import Order
from tests.factories.catalogue import WarehouseFactory
from tests.factories.checkout import sellable_variant, shipping_method

from .test_checkout_flow import ADDRESS

# Create, billing, pay and complete are the documents the checkout benchmark times,
# so the counts pinned here are its own; the ones below ask for more of the answer.
LINES_ADD = """
mutation($id: ID, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    errors { field code message }
    checkout { lines { quantity } totalPrice { gross { amount } } }
  }
}"""
EMAIL = """
mutation($id: ID, $email: String!) {
  checkoutEmailUpdate(id: $id, email: $email) {
    errors { field code message } checkout { email }
  }
}"""
SHIPPING = """
mutation($id: ID, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    errors { field code message }
    checkout { shippingMethods { id } totalPrice { gross { amount } } }
  }
}"""
DELIVERY = """
mutation($id: ID, $method: ID) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    errors { field code message }
    checkout { delivery { shippingMethod { name } } totalPrice { gross { amount } } }
  }
}"""


@pytest.fixture
def counted(client):
    """Run a mutation; return its payload and the number of queries it ran."""

    def call(query: str, variables: dict) -> tuple[dict, int]:
        with CaptureQueriesContext(connection) as queries:
            response = client.post(
                "/graphql/",
                data=json.dumps({"query": query, "variables": variables}),
                content_type="application/json",
            ).json()
        assert "errors" not in response, response["errors"]
        (payload,) = response["data"].values()
        assert payload["errors"] == [], payload["errors"]
        return payload, len(queries.captured_queries)

    return call


@pytest.fixture
def variants(channel):
    warehouse = WarehouseFactory(channels=[channel])
    shipping_method(channel=channel, countries=["US"], price="5.00")
    return [
        sellable_variant(channel=channel, warehouse=warehouse, price="12.00", stock=9)
        for _ in range(3)
    ]


def _lines(variants: list, count: int) -> list[dict]:
    return [
        {"variantId": to_global_id("ProductVariant", v.pk), "quantity": 1}
        for v in variants[:count]
    ]


def _flow(counted, variants: list, line_count: int) -> dict[str, int]:
    """The bench's checkout (create with address, billing, delivery, pay,
    complete), plus the separate steps, with the queries each ran."""
    counts = {}
    created, counts["create"] = counted(
        CREATE,
        {
            "input": {
                "channel": "us",
                "email": "bench@example.com",
                "lines": _lines(variants, line_count),
                "shippingAddress": ADDRESS,
            }
        },
    )
    checkout_id = created["checkout"]["id"]
    _, counts["lines_add"] = counted(
        LINES_ADD, {"id": checkout_id, "lines": _lines(variants, 1)}
    )
    _, counts["email"] = counted(EMAIL, {"id": checkout_id, "email": "a@example.com"})
    shipped, counts["shipping"] = counted(
        SHIPPING, {"id": checkout_id, "address": ADDRESS}
    )
    _, counts["billing"] = counted(BILLING, {"id": checkout_id, "address": ADDRESS})
    _, counts["delivery"] = counted(
        DELIVERY,
        {"id": checkout_id, "method": shipped["checkout"]["shippingMethods"][0]["id"]},
    )
    paid, counts["pay"] = counted(PAY, {"id": checkout_id})
    assert paid["data"]["orderId"]
    done, counts["complete"] = counted(COMPLETE, {"id": checkout_id})
    assert done["order"]["id"] == paid["data"]["orderId"]
    return counts


# Adding lines to a checkout costs per line (each is checked for sale, region and
# stock); creating one with its lines reads them all at once, and everything
# after costs the same for one line or three, apart from the order's own rows.
# The test runs inside a transaction, so the mutations' own BEGIN and COMMIT are
# not counted and their transactions take no savepoint.
EXPECTED_ONE_LINE = {
    # The variants, their listings and stock once; the checkout, its lines and
    # the address written; the methods serving the address for the answer.
    "create": 12,
    "lines_add": 19,
    "email": 3,
    "shipping": 16,
    # The checkout, the address and the checkout row: the lines are not read.
    "billing": 3,
    "delivery": 7,
    # The checkout's lines, prices and methods read once; the payment, its
    # events and gateway answers; the order, its addresses (one insert), lines,
    # stock allocation, event, the outbox row, its paid amounts (one update)
    # and deleting the checkout.
    "pay": 35,
    "complete": 3,
}
PER_ORDER_LINE = 1


def test_checkout_mutations_run_a_fixed_number_of_queries(counted, variants):
    # given a variant that sells, with stock and a shipping method (fixture)

    # when the whole checkout runs with one line
    counts = _flow(counted, variants, 1)

    # then each mutation ran as many queries as it did when this was written
    assert counts == EXPECTED_ONE_LINE
    assert Order.objects.count() == 1


def test_more_lines_cost_no_more_queries_after_the_cart_is_filled(counted, variants):
    # given the same shop

    # when the checkout holds three lines instead of one
    counts = _flow(counted, variants, 3)

    # then only writing the order's lines grows with them
    assert counts == {
        **EXPECTED_ONE_LINE,
        "pay": EXPECTED_ONE_LINE["pay"] + 2 * PER_ORDER_LINE,
    }
