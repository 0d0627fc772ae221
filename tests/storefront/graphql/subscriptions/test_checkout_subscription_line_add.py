"""checkoutSubscriptionLineAdd: a subscription line in the cart, as an addition
(Saleor's CheckoutLineInput and checkoutLinesAdd are left as they are)."""

import pytest

from storefront.checkout.models import CheckoutLine
from storefront.checkout.services.cart import checkout_create
from tests.factories.checkout import sellable_variant
from tests.factories.subscriptions import SubscriptionPlanFactory
from tests.storefront.graphql.subscriptions.conftest import gid

ADD = """
mutation($id: ID!, $variantId: ID!, $quantity: Int!,
         $interval: SubscriptionIntervalEnum!) {
  checkoutSubscriptionLineAdd(id: $id, variantId: $variantId, quantity: $quantity,
                              interval: $interval) {
    checkout { lines { quantity variant { sku } } }
    errors { field code message }
  }
}"""


@pytest.fixture
def checkout(shop):
    """The customer's empty checkout in the shop's channel."""
    return checkout_create(channel=shop.channel, region="US", user=shop.customer)


def _vars(checkout, variant, **overrides):
    return {
        "id": gid("Checkout", checkout.token),
        "variantId": gid("ProductVariant", variant.pk),
        "quantity": 2,
        "interval": "EVERY_4_WEEKS",
        **overrides,
    }


def test_adds_a_subscription_line(gql, shop, signed_in, checkout):
    # when the customer adds the product on subscription every 4 weeks
    data = gql(ADD, _vars(checkout, shop.variant))["checkoutSubscriptionLineAdd"]

    # then the cart holds a subscription line at that interval
    assert data["errors"] == []
    assert data["checkout"]["lines"] == [
        {"quantity": 2, "variant": {"sku": shop.variant.sku}}
    ]
    line = CheckoutLine.objects.get(checkout=checkout)
    assert (line.is_subscription, line.subscription_interval, line.quantity) == (
        True,
        "4w",
        2,
    )


def test_refuses_a_product_without_a_plan(gql, shop, signed_in, checkout):
    # given a product not sold on subscription
    plain = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)

    # when it is added on subscription
    data = gql(ADD, _vars(checkout, plain))["checkoutSubscriptionLineAdd"]

    # then the variant is named and the cart stays empty
    assert data["errors"] == [
        {
            "field": "variantId",
            "code": "NO_PLAN",
            "message": "This product cannot be bought on subscription.",
        }
    ]
    assert CheckoutLine.objects.filter(checkout=checkout).count() == 0


def test_refuses_an_interval_the_plan_does_not_offer(gql, shop, signed_in, checkout):
    # given the plan offers only monthly
    shop.plan.intervals = ["1m"]
    shop.plan.save()

    # when every 2 weeks is asked for
    data = gql(ADD, _vars(checkout, shop.variant, interval="EVERY_2_WEEKS"))[
        "checkoutSubscriptionLineAdd"
    ]

    # then the interval is named and the cart stays empty
    assert data["errors"] == [
        {
            "field": "interval",
            "code": "INTERVAL_NOT_OFFERED",
            "message": "Choose one of the delivery frequencies offered.",
        }
    ]
    assert CheckoutLine.objects.filter(checkout=checkout).count() == 0


def test_refuses_a_guest_checkout(gql, shop):
    # given a guest's checkout
    guest = checkout_create(channel=shop.channel, region="US")

    # when a subscription line is added
    data = gql(ADD, _vars(guest, shop.variant))["checkoutSubscriptionLineAdd"]

    # then signing in is asked for and nothing is added
    assert data["errors"] == [
        {
            "field": None,
            "code": "REQUIRED",
            "message": "Sign in or create an account to subscribe; you manage it "
            "from there.",
        }
    ]
    assert CheckoutLine.objects.filter(checkout=guest).count() == 0


def test_refuses_more_than_the_stock(gql, shop, signed_in, checkout):
    # given a product on a plan with 3 units left
    scarce = sellable_variant(channel=shop.channel, warehouse=shop.warehouse, stock=3)
    SubscriptionPlanFactory(product=scarce.product, channel=shop.channel)

    # when 5 are asked for
    data = gql(ADD, _vars(checkout, scarce, quantity=5))["checkoutSubscriptionLineAdd"]

    # then the checkout's stock code is kept and nothing is added
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("quantity", "INSUFFICIENT_STOCK")
    ]
    assert CheckoutLine.objects.filter(checkout=checkout).count() == 0


def test_someone_elses_checkout_is_not_found(gql, shop, signed_in):
    # given the stranger's checkout
    theirs = checkout_create(channel=shop.channel, region="US", user=shop.stranger)

    # when the customer adds to it
    data = gql(ADD, _vars(theirs, shop.variant))["checkoutSubscriptionLineAdd"]

    # then it is NOT_FOUND and stays empty
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("id", "NOT_FOUND")]
    assert CheckoutLine.objects.filter(checkout=theirs).count() == 0


def test_a_malformed_variant_id_is_named(gql, shop, signed_in, checkout):
    variables = {**_vars(checkout, shop.variant), "variantId": "nope"}

    data = gql(ADD, variables)["checkoutSubscriptionLineAdd"]

    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("variantId", "NOT_FOUND")
    ]
