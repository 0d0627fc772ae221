"""Checkout mutations beyond the happy path: lines, promo codes, delivery options,
payment gateway configuration, and the depth limit."""

import pytest

from common.graphql.ids import to_global_id
from storefront.checkout.models import Checkout
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import checkout_shipping_address_set
from tests.factories.catalogue import WarehouseFactory
from tests.factories.checkout import (
    US_ADDRESS,
    sellable_variant,
    shipping_method,
    voucher,
)

CHECKOUT_FIELDS = """
  errors { field code message }
  checkout { voucherCode discount { amount } lines { id quantity variant { sku } }
             subtotalPrice { gross { amount } } totalPrice { gross { amount } } }
"""
LINES_UPDATE = (
    "mutation($id: ID, $lines: [CheckoutLineUpdateInput!]!) {"
    " checkoutLinesUpdate(id: $id, lines: $lines) {" + CHECKOUT_FIELDS + "} }"
)
LINES_DELETE = (
    "mutation($id: ID, $ids: [ID!]!) {"
    " checkoutLinesDelete(id: $id, linesIds: $ids) {" + CHECKOUT_FIELDS + "} }"
)
PROMO_ADD = (
    "mutation($id: ID, $code: String!) {"
    " checkoutAddPromoCode(id: $id, promoCode: $code) {" + CHECKOUT_FIELDS + "} }"
)
PROMO_REMOVE = (
    "mutation($id: ID, $code: String) {"
    " checkoutRemovePromoCode(id: $id, promoCode: $code) {" + CHECKOUT_FIELDS + "} }"
)
DELIVERY_OPTIONS = """
mutation($id: ID!) {
  deliveryOptionsCalculate(id: $id) {
    errors { field code message }
    deliveries { id shippingMethod { id name price { amount currency } } }
  }
}"""
GATEWAYS = """
mutation($id: ID!, $gateways: [PaymentGatewayToInitialize!]) {
  paymentGatewayInitialize(id: $id, paymentGateways: $gateways) {
    errors { field code message }
    gatewayConfigs { id data errors { field code message } }
  }
}"""


@pytest.fixture
def shop(channel):
    warehouse = WarehouseFactory(channels=[channel])
    tea = sellable_variant(channel=channel, warehouse=warehouse, price="10.00", stock=5)
    honey = sellable_variant(
        channel=channel, warehouse=warehouse, price="4.00", stock=5
    )
    method = shipping_method(channel=channel, countries=["US"], price="5.00")
    return tea, honey, method


@pytest.fixture
def cart(channel, shop):
    tea, honey, _ = shop
    checkout = checkout_create(channel=channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=tea.pk, quantity=1)
    checkout_line_add(checkout=checkout, variant_id=honey.pk, quantity=2)
    return checkout


def gid(checkout):
    return to_global_id("Checkout", checkout.token)


def line_gid(checkout, variant):
    return to_global_id("CheckoutLine", checkout.lines.get(variant=variant).pk)


def test_lines_update_by_line_id_and_by_variant_id(gql, cart, shop):
    tea, honey, _ = shop

    result = gql(
        LINES_UPDATE,
        {
            "id": gid(cart),
            "lines": [
                {"lineId": line_gid(cart, tea), "quantity": 3},
                {"variantId": to_global_id("ProductVariant", honey.pk), "quantity": 1},
            ],
        },
    )["checkoutLinesUpdate"]

    assert result["errors"] == []
    assert sorted(
        (line["variant"]["sku"], line["quantity"])
        for line in result["checkout"]["lines"]
    ) == sorted([(tea.sku, 3), (honey.sku, 1)])
    assert result["checkout"]["subtotalPrice"] == {"gross": {"amount": 34.0}}


def test_lines_update_to_zero_removes_the_line(gql, cart, shop):
    tea, honey, _ = shop

    result = gql(
        LINES_UPDATE,
        {"id": gid(cart), "lines": [{"lineId": line_gid(cart, tea), "quantity": 0}]},
    )["checkoutLinesUpdate"]

    assert result["errors"] == []
    assert [line["variant"]["sku"] for line in result["checkout"]["lines"]] == [
        honey.sku
    ]


def test_lines_update_over_stock_changes_nothing(gql, cart, shop):
    tea, _, _ = shop

    result = gql(
        LINES_UPDATE,
        {"id": gid(cart), "lines": [{"lineId": line_gid(cart, tea), "quantity": 9}]},
    )["checkoutLinesUpdate"]

    assert result["checkout"] is None
    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("quantity", "INSUFFICIENT_STOCK")
    ]
    assert cart.lines.get(variant=tea).quantity == 1


def test_lines_update_refuses_a_client_price(gql, cart, shop):
    tea, _, _ = shop

    result = gql(
        LINES_UPDATE,
        {
            "id": gid(cart),
            "lines": [{"lineId": line_gid(cart, tea), "quantity": 2, "price": "0.01"}],
        },
    )["checkoutLinesUpdate"]

    assert result["errors"] == [
        {
            "field": "price",
            "code": "INVALID",
            "message": "Prices are set by the shop and cannot be overridden.",
        }
    ]
    assert cart.lines.get(variant=tea).quantity == 1


def test_lines_delete(gql, cart, shop):
    tea, honey, _ = shop

    result = gql(LINES_DELETE, {"id": gid(cart), "ids": [line_gid(cart, honey)]})[
        "checkoutLinesDelete"
    ]

    assert result["errors"] == []
    assert [line["variant"]["sku"] for line in result["checkout"]["lines"]] == [tea.sku]


def test_lines_delete_of_an_unknown_line_is_not_found(gql, cart):
    result = gql(
        LINES_DELETE,
        {"id": gid(cart), "ids": [to_global_id("CheckoutLine", 999999)]},
    )["checkoutLinesDelete"]

    assert result["checkout"] is None
    assert [e["code"] for e in result["errors"]] == ["NOT_FOUND"]
    assert cart.lines.count() == 2


def test_promo_code_add_and_remove(gql, cart, channel):
    voucher(channel=channel, code="SPRING10", value="10")

    added = gql(PROMO_ADD, {"id": gid(cart), "code": "spring10"})[
        "checkoutAddPromoCode"
    ]
    removed = gql(PROMO_REMOVE, {"id": gid(cart), "code": "SPRING10"})[
        "checkoutRemovePromoCode"
    ]

    assert added["errors"] == []
    assert added["checkout"]["voucherCode"] == "SPRING10"
    assert added["checkout"]["discount"] == {"amount": 1.8}
    assert added["checkout"]["totalPrice"] == {"gross": {"amount": 16.2}}
    assert removed["errors"] == []
    assert removed["checkout"]["voucherCode"] is None
    assert removed["checkout"]["totalPrice"] == {"gross": {"amount": 18.0}}
    assert Checkout.objects.get().voucher is None


def test_unknown_promo_code_is_refused(gql, cart):
    result = gql(PROMO_ADD, {"id": gid(cart), "code": "NOPE"})["checkoutAddPromoCode"]

    assert result["checkout"] is None
    assert result["errors"] == [
        {
            "field": "promoCode",
            "code": "VOUCHER_NOT_APPLICABLE",
            "message": "This voucher code is not valid.",
        }
    ]


def test_delivery_options_for_the_address(gql, cart, shop):
    _, _, method = shop
    checkout_shipping_address_set(checkout=cart, data=US_ADDRESS)

    result = gql(DELIVERY_OPTIONS, {"id": gid(cart)})["deliveryOptionsCalculate"]

    assert result == {
        "errors": [],
        "deliveries": [
            {
                "id": to_global_id("Delivery", method.pk),
                "shippingMethod": {
                    "id": to_global_id("ShippingMethod", method.pk),
                    "name": "Standard",
                    "price": {"amount": 5.0, "currency": "USD"},
                },
            }
        ],
    }


def test_delivery_options_without_an_address_are_empty(gql, cart):
    result = gql(DELIVERY_OPTIONS, {"id": gid(cart)})["deliveryOptionsCalculate"]
    assert result == {"errors": [], "deliveries": []}


def test_payment_gateway_initialize_lists_the_dummy_gateway(gql, cart):
    everything = gql(GATEWAYS, {"id": gid(cart)})["paymentGatewayInitialize"]
    asked = gql(
        GATEWAYS,
        {
            "id": gid(cart),
            "gateways": [
                {"id": "saleor.io.dummy-payment-app"},
                {"id": "saleor.app.payment.stripe"},
            ],
        },
    )["paymentGatewayInitialize"]

    assert everything == {
        "errors": [],
        "gatewayConfigs": [
            {"id": "saleor.io.dummy-payment-app", "data": {}, "errors": []}
        ],
    }
    assert asked["gatewayConfigs"] == [
        {"id": "saleor.io.dummy-payment-app", "data": {}, "errors": []},
        {
            "id": "saleor.app.payment.stripe",
            "data": None,
            "errors": [
                {
                    "field": "id",
                    "code": "NOT_FOUND",
                    "message": "No payment gateway 'saleor.app.payment.stripe' "
                    "is enabled.",
                }
            ],
        },
    ]


def test_queries_deeper_than_twelve_levels_are_refused(api, db):
    nested = "children { " * 12 + "name" + " }" * 12
    query = '{ menu(slug: "navbar") { items { ' + nested + " } } }"

    content = api(query)

    assert content["errors"][0]["message"].endswith(
        "exceeds maximum operation depth of 12."
    )
    assert "data" not in content or content["data"] is None
