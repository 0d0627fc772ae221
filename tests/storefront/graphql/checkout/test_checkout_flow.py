"""Whole checkouts through the API, as the Saleor storefront sends them."""

import pytest

from common.graphql.ids import to_global_id
from storefront.checkout.models import Checkout
from storefront.inventory.models import Stock
from storefront.orders.models import Order
from tests.factories.catalogue import WarehouseFactory
from tests.factories.checkout import sellable_variant, shipping_method

CREATE = """
mutation($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    errors { field code message }
    checkout { id email totalPrice { gross { amount currency } } lines { id quantity } }
  }
}"""
LINES_ADD = """
mutation($id: ID, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    errors { field code message }
    checkout { lines { quantity variant { sku } totalPrice { gross { amount } } } }
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
    checkout { shippingAddress { city country { code } } shippingMethods { id name } }
  }
}"""
BILLING = """
mutation($id: ID, $address: AddressInput!) {
  checkoutBillingAddressUpdate(id: $id, billingAddress: $address) {
    errors { field code message } checkout { billingAddress { city } }
  }
}"""
DELIVERY = """
mutation($id: ID, $method: ID) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    errors { field code message }
    checkout { delivery { shippingMethod { name price { amount } } }
               totalPrice { gross { amount } } }
  }
}"""
PAY = """
mutation($id: ID!) {
  transactionInitialize(id: $id,
      paymentGateway: {id: "saleor.io.dummy-payment-app",
                       data: {event: {type: "CHARGE_SUCCESS"}}}) {
    errors { field code message }
    transaction { id } data
  }
}"""
COMPLETE = """
mutation($id: ID) {
  checkoutComplete(id: $id) {
    errors { field code message }
    order { id number status total { gross { amount currency } } userEmail
            lines { productName quantity } }
  }
}"""
ADDRESS = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "1 Main St",
    "city": "Portland",
    "postalCode": "97201",
    "country": "US",
    "countryArea": "OR",
}


@pytest.fixture
def shop(channel):
    warehouse = WarehouseFactory(channels=[channel])
    variant = sellable_variant(
        channel=channel, warehouse=warehouse, price="12.00", stock=5
    )
    method = shipping_method(channel=channel, countries=["US"], price="5.00")
    return variant, method


def test_anonymous_checkout_from_create_to_order(gql, shop):
    # given a sellable variant and a shipping method (fixture)
    variant, method = shop
    variant_id = to_global_id("ProductVariant", variant.pk)

    # when the storefront runs the whole flow
    created = gql(CREATE, {"input": {"channel": "us", "lines": []}})["checkoutCreate"]
    assert created["errors"] == []
    checkout_id = created["checkout"]["id"]
    added = gql(
        LINES_ADD,
        {"id": checkout_id, "lines": [{"variantId": variant_id, "quantity": 2}]},
    )["checkoutLinesAdd"]
    assert added["errors"] == []
    assert added["checkout"]["lines"] == [
        {
            "quantity": 2,
            "variant": {"sku": variant.sku},
            "totalPrice": {"gross": {"amount": 24.0}},
        }
    ]
    email = gql(EMAIL, {"id": checkout_id, "email": "ada@example.com"})
    assert email["checkoutEmailUpdate"]["errors"] == []
    shipping = gql(SHIPPING, {"id": checkout_id, "address": ADDRESS})
    assert shipping["checkoutShippingAddressUpdate"]["errors"] == []
    methods = shipping["checkoutShippingAddressUpdate"]["checkout"]["shippingMethods"]
    assert methods == [
        {"id": to_global_id("ShippingMethod", method.pk), "name": "Standard"}
    ]
    billing = gql(BILLING, {"id": checkout_id, "address": ADDRESS})
    assert billing["checkoutBillingAddressUpdate"]["errors"] == []
    delivery = gql(DELIVERY, {"id": checkout_id, "method": methods[0]["id"]})
    assert delivery["checkoutDeliveryMethodUpdate"]["errors"] == []
    assert delivery["checkoutDeliveryMethodUpdate"]["checkout"]["totalPrice"] == {
        "gross": {"amount": 29.0}
    }
    paid = gql(PAY, {"id": checkout_id})["transactionInitialize"]
    assert paid["errors"] == []
    completed = gql(COMPLETE, {"id": checkout_id})["checkoutComplete"]

    # then one paid order exists, the checkout is gone and stock is allocated
    assert completed["errors"] == []
    order = Order.objects.get()
    assert completed["order"]["id"] == paid["data"]["orderId"]
    assert completed["order"]["total"] == {"gross": {"amount": 29.0, "currency": "USD"}}
    assert completed["order"]["userEmail"] == "ada@example.com"
    assert completed["order"]["lines"] == [
        {"productName": variant.product.name, "quantity": 2}
    ]
    assert order.is_paid is True
    assert Checkout.objects.count() == 0
    assert Stock.objects.get(product_variant=variant).quantity_allocated == 2


def test_adding_more_than_the_stock_is_refused(gql, shop):
    # given a checkout and a variant with 5 units
    variant, _method = shop
    checkout_id = gql(CREATE, {"input": {"channel": "us"}})["checkoutCreate"][
        "checkout"
    ]["id"]

    # when 6 are added
    result = gql(
        LINES_ADD,
        {
            "id": checkout_id,
            "lines": [
                {"variantId": to_global_id("ProductVariant", variant.pk), "quantity": 6}
            ],
        },
    )

    # then the error names the field and code, and nothing is in the cart
    errors = result["checkoutLinesAdd"]["errors"]
    assert len(errors) == 1
    assert errors[0]["code"] == "INSUFFICIENT_STOCK"
    assert errors[0]["field"] == "quantity"
    assert result["checkoutLinesAdd"]["checkout"] is None
    assert Checkout.objects.get().lines.count() == 0


def test_complete_without_payment_is_refused(gql, shop):
    variant, _method = shop
    created = gql(
        CREATE,
        {
            "input": {
                "channel": "us",
                "email": "a@example.com",
                "lines": [
                    {
                        "variantId": to_global_id("ProductVariant", variant.pk),
                        "quantity": 1,
                    }
                ],
            }
        },
    )
    checkout_id = created["checkoutCreate"]["checkout"]["id"]

    result = gql(COMPLETE, {"id": checkout_id})["checkoutComplete"]

    assert len(result["errors"]) == 1
    assert result["errors"][0]["code"] == "INVALID"  # no shipping address yet
    assert result["order"] is None
    assert Order.objects.count() == 0


def test_unknown_checkout_id_is_not_found(gql, channel):
    result = gql(
        EMAIL,
        {
            "id": to_global_id("Checkout", "00000000-0000-0000-0000-000000000000"),
            "email": "a@example.com",
        },
    )
    assert result["checkoutEmailUpdate"]["errors"] == [
        {
            "field": "id",
            "code": "NOT_FOUND",
            "message": "Couldn't find a checkout with id "
            "'Q2hlY2tvdXQ6MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAw'.",
        }
    ]
