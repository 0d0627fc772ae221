"""Reading subscriptions, plans and membership through the API (our additions)."""

import pytest

from storefront.subscriptions.services.self_service import (
    subscription_cancel,
    subscription_skip,
)
from tests.storefront.graphql.subscriptions.conftest import gid, sub_id

FULL = """
fragment Sub on CustomerSubscription {
  id status interval intervalLabel isMembership channel { slug }
  lines {
    id quantity variant { id sku pricing { price { gross { amount } } } }
    unitPrice { amount currency } undiscountedUnitPrice { amount currency }
    totalPrice { amount currency }
  }
  subtotal { amount currency }
  shippingAddress { firstName city countryArea postalCode country { code } }
  startedOn nextRenewalDate paidUntil pausedUntil cancelReason cancelledAt cardLabel
  events { id type message date parameters { key value } }
  orders { id number total { gross { amount currency } } }
}
"""
ME_LIST = (
    FULL
    + """
query($first: Int, $after: String) {
  me { subscriptions(first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { ...Sub } }
  } }
}"""
)
ME_ONE = (
    FULL
    + """
query($id: ID!) { me { subscription(id: $id) { ...Sub } } }"""
)


def test_me_subscriptions_lists_every_field_of_the_customers_own(
    gql, shop, signed_in, subscription, strangers_subscription
):
    # given the customer's subscription and a stranger's (fixtures), signed in
    # when the customer lists their subscriptions
    data = gql(ME_LIST, {"first": 20})

    # then only their own is there, with every field
    connection = data["me"]["subscriptions"]
    assert connection["totalCount"] == 1
    assert connection["pageInfo"]["hasNextPage"] is False
    order = subscription.subscription_orders.get().order
    line = subscription.lines.get()
    event = subscription.events.get()
    assert connection["edges"] == [
        {
            "node": {
                "id": sub_id(subscription),
                "status": "ACTIVE",
                "interval": "EVERY_4_WEEKS",
                "intervalLabel": "every 4 weeks",
                "isMembership": False,
                "channel": {"slug": shop.channel.slug},
                "lines": [
                    {
                        "id": gid("SubscriptionLine", line.pk),
                        "quantity": 2,
                        "variant": {
                            "id": gid("ProductVariant", shop.variant.pk),
                            "sku": shop.variant.sku,
                            "pricing": {"price": {"gross": {"amount": 20.0}}},
                        },
                        "unitPrice": {"amount": 18.0, "currency": "USD"},
                        "undiscountedUnitPrice": {"amount": 20.0, "currency": "USD"},
                        "totalPrice": {"amount": 36.0, "currency": "USD"},
                    }
                ],
                "subtotal": {"amount": 36.0, "currency": "USD"},
                "shippingAddress": {
                    "firstName": "Ada",
                    "city": "MOUNTAIN VIEW",
                    "countryArea": "CA",
                    "postalCode": "94043",
                    "country": {"code": "US"},
                },
                "startedOn": "2026-03-02",
                "nextRenewalDate": "2026-03-30",
                "paidUntil": "2026-03-30",
                "pausedUntil": None,
                "cancelReason": None,
                "cancelledAt": None,
                "cardLabel": "the card used for your first order",
                "events": [
                    {
                        "id": gid("SubscriptionEvent", event.pk),
                        "type": "CREATED",
                        "message": "Started",
                        "date": "2026-03-02T10:00:00+00:00",
                        "parameters": [
                            {"key": "interval", "value": "4w"},
                            {"key": "order", "value": order.number},
                        ],
                    }
                ],
                "orders": [
                    {
                        "id": gid("Order", order.checkout_token),
                        "number": order.number,
                        "total": {"gross": {"amount": 41.0, "currency": "USD"}},
                    }
                ],
            }
        }
    ]


def test_me_subscriptions_pages_newest_first(gql, shop, signed_in):
    # given three subscriptions of the customer
    first, second, third = (shop.subscribe() for _ in range(3))

    # when they are read two at a time
    page_one = gql(ME_LIST, {"first": 2})["me"]["subscriptions"]
    page_two = gql(ME_LIST, {"first": 2, "after": page_one["pageInfo"]["endCursor"]})[
        "me"
    ]["subscriptions"]

    # then the newest come first and the second page holds the rest
    assert [e["node"]["id"] for e in page_one["edges"]] == [
        sub_id(third),
        sub_id(second),
    ]
    assert page_one["pageInfo"]["hasNextPage"] is True
    assert page_one["totalCount"] == 3
    assert [e["node"]["id"] for e in page_two["edges"]] == [sub_id(first)]
    assert page_two["pageInfo"]["hasNextPage"] is False


def test_me_subscriptions_refuses_a_page_over_100(api, signed_in, subscription):
    # when more than 100 are asked for
    content = api(ME_LIST, {"first": 101})

    # then the request is refused with Saleor's message
    assert [e["message"] for e in content["errors"]] == [
        "Requesting 101 records on the `subscriptions` connection exceeds the "
        "`first` limit of 100 records."
    ]


def test_me_is_null_for_an_anonymous_caller(gql, subscription):
    # when nobody is signed in
    data = gql(ME_LIST, {"first": 20})

    # then there is no customer and so no subscription
    assert data == {"me": None}


def test_me_subscription_by_id_returns_the_customers_own(gql, signed_in, subscription):
    # when the customer asks for their subscription by id
    data = gql(ME_ONE, {"id": sub_id(subscription)})

    # then it is returned with its lines and events
    node = data["me"]["subscription"]
    assert node["id"] == sub_id(subscription)
    assert [line["quantity"] for line in node["lines"]] == [2]
    assert [event["type"] for event in node["events"]] == ["CREATED"]


@pytest.mark.parametrize(
    "make_id",
    [
        pytest.param(lambda s: sub_id(s), id="someone-elses"),
        pytest.param(lambda s: gid("CustomerSubscription", s.pk + 1000), id="unknown"),
        pytest.param(lambda s: gid("Order", s.pk), id="other-type"),
        pytest.param(lambda s: "not-an-id", id="malformed"),
    ],
)
def test_me_subscription_is_null_for_an_id_that_is_not_the_customers(
    gql, signed_in, strangers_subscription, make_id
):
    # when the customer asks for a stranger's, an unknown or a malformed id
    data = gql(ME_ONE, {"id": make_id(strangers_subscription)})

    # then nothing is revealed
    assert data == {"me": {"subscription": None}}


def test_subscription_shows_pause_skip_and_cancel_in_its_fields_and_history(
    gql, shop, signed_in, subscription
):
    # given a skipped, then cancelled subscription
    subscription_skip(subscription=subscription, user=shop.customer)
    subscription_cancel(
        subscription=subscription, user=shop.customer, reason="Too much tea"
    )

    # when it is read
    node = gql(ME_ONE, {"id": sub_id(subscription)})["me"]["subscription"]

    # then its status, reason, date and events say so, newest first
    assert node["status"] == "CANCELLED"
    assert node["cancelReason"] == "Too much tea"
    assert node["cancelledAt"] == "2026-03-02T10:00:00+00:00"
    assert node["nextRenewalDate"] == "2026-04-27"
    assert [(e["type"], e["message"]) for e in node["events"]] == [
        ("CANCELLED", "Cancelled"),
        ("SKIPPED", "Delivery skipped"),
        ("CREATED", "Started"),
    ]
    assert node["events"][1]["parameters"] == [
        {"key": "next", "value": "2026-04-27"},
        {"key": "skipped", "value": "2026-03-30"},
    ]


def test_line_prices_are_null_when_the_option_is_no_longer_sold(
    gql, shop, signed_in, subscription
):
    # given the variant's channel price is gone
    shop.variant.channel_listings.all().delete()

    # when the subscription is read
    node = gql(ME_ONE, {"id": sub_id(subscription)})["me"]["subscription"]

    # then the line has no price, and neither has the subtotal
    line = node["lines"][0]
    assert (line["unitPrice"], line["totalPrice"], node["subtotal"]) == (
        None,
        None,
        None,
    )


NESTED = """
query { me { subscriptions(first: 20) { edges { node {
  lines { variant { name } }
} } } } }"""

EVERYTHING = (
    FULL
    + """
query { me { subscriptions(first: 20) { totalCount edges { node { ...Sub } } } } }"""
)


@pytest.mark.parametrize("count", [2, 10])
@pytest.mark.parametrize(
    ("query", "expected"),
    # session (1), user (1), subscriptions with channel and address (1), lines
    # with variants and products (1); every field adds channel prices (1), plan
    # discounts (1), events (1), order links (1), orders (1), their lines (1) and
    # fulfilments (1)
    [(NESTED, 4), (EVERYTHING, 11)],
    ids=["lines-variant-name", "every-field"],
)
def test_query_count_does_not_grow_with_the_number_of_subscriptions(
    client, shop, count, query, expected, django_assert_num_queries
):
    # given the customer with 2 or 10 subscriptions, signed in
    for _ in range(count):
        shop.subscribe()
    client.force_login(shop.customer)

    # when they are listed; then the count is fixed whatever their number
    with django_assert_num_queries(expected):
        response = client.post(
            "/graphql/", {"query": query}, content_type="application/json"
        )
    body = response.json()
    assert "errors" not in body, body
    assert len(body["data"]["me"]["subscriptions"]["edges"]) == count
