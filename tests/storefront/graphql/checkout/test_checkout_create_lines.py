"""checkoutCreate with lines: every line is checked as adding it would check it,
and the answer is the checkout as stored."""

import pytest

from common.graphql.ids import to_global_id
from storefront.checkout.models import Checkout, CheckoutLine
from tests.factories.catalogue import WarehouseFactory
from tests.factories.checkout import US_ADDRESS, sellable_variant, shipping_method

FIELDS = """
      lines { quantity variant { sku } }
      shippingMethods { id }
      subtotalPrice { gross { amount } }
      totalPrice { gross { amount } }
"""
CREATE = (
    """
mutation($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    errors { field code message }
    checkout { id """
    + FIELDS
    + """ }
  }
}"""
)
READ = "query($id: ID) { checkout(id: $id) { " + FIELDS + " } }"
ADDRESS = {
    "firstName": US_ADDRESS["first_name"],
    "lastName": US_ADDRESS["last_name"],
    "streetAddress1": US_ADDRESS["street_address_1"],
    "city": US_ADDRESS["city"],
    "postalCode": US_ADDRESS["postal_code"],
    "country": US_ADDRESS["country"],
    "countryArea": US_ADDRESS["country_area"],
}


@pytest.fixture
def shop(channel):
    warehouse = WarehouseFactory(channels=[channel])
    shipping_method(channel=channel, countries=["US"], price="5.00")
    tea = sellable_variant(channel=channel, warehouse=warehouse, price="10.00", stock=5)
    honey = sellable_variant(
        channel=channel, warehouse=warehouse, price="4.00", stock=5
    )
    return tea, honey


def _line(variant, quantity: int) -> dict:
    return {
        "variantId": to_global_id("ProductVariant", variant.pk),
        "quantity": quantity,
    }


def _create(gql, lines: list[dict], **extra) -> dict:
    return gql(CREATE, {"input": {"channel": "us", "lines": lines, **extra}})[
        "checkoutCreate"
    ]


def test_a_variant_given_twice_gets_one_line_with_both_quantities(gql, shop):
    # given two variants for sale (fixture)
    tea, honey = shop

    # when a checkout is created with tea twice and honey once
    payload = _create(
        gql,
        [_line(tea, 2), _line(honey, 1), _line(tea, 1)],
        email="ada@example.com",
        shippingAddress=ADDRESS,
    )

    # then tea has one line of three units, first, and the totals count them all
    assert payload["errors"] == []
    lines = payload["checkout"]["lines"]
    assert [(line["variant"]["sku"], line["quantity"]) for line in lines] == [
        (tea.sku, 3),
        (honey.sku, 1),
    ]
    stored = CheckoutLine.objects.order_by("created_at", "pk")
    assert [(line.variant_id, line.quantity) for line in stored] == [
        (tea.pk, 3),
        (honey.pk, 1),
    ]
    # and the answer is what reading the checkout afterwards shows
    answer = dict(payload["checkout"])
    assert gql(READ, {"id": answer.pop("id")})["checkout"] == answer
    assert len(answer["shippingMethods"]) == 1
    assert answer["subtotalPrice"]["gross"]["amount"] > 0


def test_quantities_summed_over_the_stock_left_create_nothing(gql, shop):
    # given five units of tea in stock (fixture)
    tea, _honey = shop

    # when a checkout is created asking for three and then three more
    payload = _create(gql, [_line(tea, 3), _line(tea, 3)])

    # then the second line is refused for the stock left and no checkout exists
    assert [(e["field"], e["code"]) for e in payload["errors"]] == [
        ("quantity", "INSUFFICIENT_STOCK")
    ]
    assert payload["checkout"] is None
    assert Checkout.objects.count() == 0
    assert CheckoutLine.objects.count() == 0


def test_the_error_is_the_first_line_at_fault(gql, shop):
    # given a variant for sale (fixture)
    tea, _honey = shop

    # when the first line asks for no units and the second names no variant
    payload = _create(gql, [_line(tea, 0), {"variantId": "not-an-id", "quantity": 1}])

    # then the first line's error is the one reported
    assert [e["field"] for e in payload["errors"]] == ["quantity"]
    assert Checkout.objects.count() == 0

    # and with the lines the other way round, the unknown variant is reported
    payload = _create(gql, [{"variantId": "not-an-id", "quantity": 1}, _line(tea, 0)])
    assert [e["field"] for e in payload["errors"]] == ["variantId"]
    assert Checkout.objects.count() == 0
