"""Saleor's `CheckoutProblem` and `CheckoutLineProblem` unions, filled from the
checkout selector's stock and availability rules."""

import pytest

from common.graphql.ids import to_global_id
from storefront.catalogue.models import ProductChannelListing
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.inventory.models import Stock
from tests.factories.catalogue import WarehouseFactory
from tests.factories.checkout import sellable_variant

PROBLEMS = """
fragment Problem on CheckoutProblem {
  __typename
  ... on CheckoutLineProblemInsufficientStock {
    availableQuantity line { id } variant { sku }
  }
  ... on CheckoutLineProblemVariantNotAvailable { line { id } }
}
query($id: ID) {
  checkout(id: $id) {
    problems { ...Problem }
    lines { id problems { __typename } }
  }
}"""


@pytest.fixture
def cart(channel):
    warehouse = WarehouseFactory(channels=[channel])
    tea = sellable_variant(channel=channel, warehouse=warehouse, stock=5, sku="TEA")
    honey = sellable_variant(channel=channel, warehouse=warehouse, stock=5, sku="HON")
    oats = sellable_variant(channel=channel, warehouse=warehouse, stock=5, sku="OAT")
    checkout = checkout_create(channel=channel, region="US")
    lines = [
        checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=3)
        for variant in (tea, honey, oats)
    ]
    return checkout, (tea, honey, oats), lines


def line_ids(checkout):
    return [
        to_global_id("CheckoutLine", line.pk)
        for line in checkout.lines.order_by("created_at", "pk")
    ]


def test_a_sound_checkout_has_no_problems(gql, cart):
    checkout, _variants, _lines = cart

    found = gql(PROBLEMS, {"id": to_global_id("Checkout", checkout.token)})

    assert found["checkout"]["problems"] == []
    assert [line["problems"] for line in found["checkout"]["lines"]] == [[], [], []]


def test_stock_and_availability_problems_in_saleors_types(gql, channel, cart):
    # given a cart of 3 teas, 3 honeys and 3 oats, when only 2 teas are left and
    # honey is no longer published
    checkout, (tea, honey, _oats), _lines = cart
    Stock.objects.filter(product_variant=tea).update(quantity=2)
    ProductChannelListing.objects.filter(product=honey.product, channel=channel).update(
        is_published=False
    )
    tea_line, honey_line, _oats_line = line_ids(checkout)

    # when the checkout is read
    found = gql(PROBLEMS, {"id": to_global_id("Checkout", checkout.token)})

    # then each problem line is reported once, in Saleor's types
    assert found["checkout"]["problems"] == [
        {
            "__typename": "CheckoutLineProblemInsufficientStock",
            "availableQuantity": 2,
            "line": {"id": tea_line},
            "variant": {"sku": "TEA"},
        },
        {
            "__typename": "CheckoutLineProblemVariantNotAvailable",
            "line": {"id": honey_line},
        },
    ]
    assert [line["problems"] for line in found["checkout"]["lines"]] == [
        [{"__typename": "CheckoutLineProblemInsufficientStock"}],
        [{"__typename": "CheckoutLineProblemVariantNotAvailable"}],
        [],
    ]


def test_a_sold_out_line_reports_zero_available(gql, cart):
    checkout, (tea, _honey, _oats), _lines = cart
    Stock.objects.filter(product_variant=tea).update(quantity=0)

    found = gql(PROBLEMS, {"id": to_global_id("Checkout", checkout.token)})

    assert found["checkout"]["problems"][0]["availableQuantity"] == 0
