"""The `checkout(id)` and `order` queries as a Saleor storefront reads them."""

import pytest

from common.graphql.ids import to_global_id
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.graphql.account.jwt import ACCESS, token_issue
from storefront.orders.models import Order
from tests.factories.catalogue import (
    WarehouseFactory,
)
from tests.factories.checkout import US_ADDRESS, sellable_variant, shipping_method

# --- productVariant --------------------------------------------------------------


CHECKOUT = """
query($id: ID) {
  checkout(id: $id) {
    id email lines { quantity variant { sku } }
    subtotalPrice { gross { amount currency } }
    totalPrice { gross { amount } }
    shippingAddress { city countryArea }
    delivery { shippingMethod { name } }
    authorizeStatus chargeStatus isShippingRequired
  }
}"""
ORDER = """
query($id: ID) {
  order(id: $id) {
    id number status isPaid userEmail chargeStatus
    total { gross { amount currency } }
    lines { productName quantity unitPrice { gross { amount } } }
    shippingAddress { city }
  }
}"""


@pytest.fixture
def shop(channel):
    warehouse = WarehouseFactory(channels=[channel])
    variant = sellable_variant(
        channel=channel, warehouse=warehouse, price="10.00", stock=5
    )
    method = shipping_method(channel=channel, countries=["US"], price="5.00")
    return variant, method


@pytest.fixture
def ready(channel, shop):
    variant, method = shop
    checkout = checkout_create(channel=channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=2)
    checkout_email_set(checkout=checkout, email="ada@example.com")
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=method.pk)
    return checkout


def test_checkout_by_id(gql, ready, shop):
    variant, _method = shop

    found = gql(CHECKOUT, {"id": to_global_id("Checkout", ready.token)})["checkout"]

    assert found == {
        "id": to_global_id("Checkout", ready.token),
        "email": "ada@example.com",
        "lines": [{"quantity": 2, "variant": {"sku": variant.sku}}],
        "subtotalPrice": {"gross": {"amount": 20.0, "currency": "USD"}},
        "totalPrice": {"gross": {"amount": 25.0}},
        "shippingAddress": {"city": "MOUNTAIN VIEW", "countryArea": "CA"},
        "delivery": {"shippingMethod": {"name": "Standard"}},
        "authorizeStatus": "NONE",
        "chargeStatus": "NONE",
        "isShippingRequired": True,
    }


def test_a_customers_checkout_is_read_by_its_id_but_its_customer_stays_private(
    gql, channel, django_user_model
):
    """Saleor's rule: the id (the checkout's random token) is the credential, so a
    storefront can render the checkout on its server without the shopper's token.
    Earlier the checkout was hidden from anyone but its customer."""
    owner = django_user_model.objects.create_user(email="o@example.com", password="x")
    other = django_user_model.objects.create_user(email="t@example.com", password="x")
    checkout = checkout_create(channel=channel, region="US", user=owner)
    checkout_id = to_global_id("Checkout", checkout.token)
    query = "query($id: ID) { checkout(id: $id) { id user { email } } }"

    as_owner = gql(
        query, {"id": checkout_id}, token=token_issue(user=owner, kind=ACCESS)
    )
    as_other = gql(
        query, {"id": checkout_id}, token=token_issue(user=other, kind=ACCESS)
    )
    anonymous = gql(query, {"id": checkout_id})

    assert as_owner["checkout"] == {
        "id": checkout_id,
        "user": {"email": "o@example.com"},
    }
    assert as_other["checkout"] == {"id": checkout_id, "user": None}
    assert anonymous["checkout"] == {"id": checkout_id, "user": None}


def test_a_checkout_in_an_inactive_channel_is_not_found(gql, channel):
    checkout = checkout_create(channel=channel, region="US")
    channel.is_active = False
    channel.save(update_fields=["is_active"])

    found = gql(CHECKOUT, {"id": to_global_id("Checkout", checkout.token)})

    assert found["checkout"] is None


def test_a_stranger_with_the_id_still_cannot_change_a_customers_checkout(
    api, channel, django_user_model
):
    owner = django_user_model.objects.create_user(email="o@example.com", password="x")
    checkout = checkout_create(channel=channel, region="US", user=owner)
    mutation = """mutation($id: ID) {
        checkoutEmailUpdate(id: $id, email: "x@example.com") { errors { field code } }
    }"""

    content = api(mutation, {"id": to_global_id("Checkout", checkout.token)})

    assert content["data"]["checkoutEmailUpdate"]["errors"] == [
        {"field": "id", "code": "NOT_FOUND"}
    ]


def test_order_by_the_id_returned_at_checkout(gql, ready):
    # given an order placed from the checkout
    outcome = checkout_payment_start(
        checkout=ready, gateway="dummy", card_number="4242424242424242"
    )
    order = Order.objects.get(pk=outcome.order_id)
    order_id = to_global_id("Order", str(ready.token))

    # when the buyer asks for it by the id the API handed out
    found = gql(ORDER, {"id": order_id})["order"]

    # then it is there, paid, with its lines
    assert found == {
        "id": order_id,
        "number": str(order.number),
        "status": "UNFULFILLED",
        "isPaid": True,
        "userEmail": "ada@example.com",
        "chargeStatus": "FULL",
        "total": {"gross": {"amount": 25.0, "currency": "USD"}},
        "lines": [
            {
                "productName": order.lines.get().product_name,
                "quantity": 2,
                "unitPrice": {"gross": {"amount": 10.0}},
            }
        ],
        "shippingAddress": {"city": "MOUNTAIN VIEW"},
    }


def test_order_by_number_needs_its_owner(gql, ready, django_user_model):
    outcome = checkout_payment_start(
        checkout=ready, gateway="dummy", card_number="4242424242424242"
    )
    owner = django_user_model.objects.create_user(email="o@example.com", password="x")
    Order.objects.filter(pk=outcome.order_id).update(user=owner)
    by_pk = to_global_id("Order", outcome.order_id)

    assert gql(ORDER, {"id": by_pk})["order"] is None
    mine = gql(ORDER, {"id": by_pk}, token=token_issue(user=owner, kind=ACCESS))[
        "order"
    ]
    assert mine["isPaid"] is True


# --- page, pages (articles) -------------------------------------------------------
