"""Customer attach/detach, checkout metadata, 3-D Secure through transactionProcess,
and a whole checkout by a signed-in customer."""

import pytest
from django.contrib.auth import get_user_model

from common.graphql.ids import to_global_id
from storefront.checkout.models import Checkout
from storefront.graphql.account.jwt import ACCESS, token_issue
from storefront.orders.models import Order
from storefront.payments.models import Payment, PaymentStatus
from tests.storefront.graphql.checkout.test_checkout_flow import (
    ADDRESS,
    BILLING,
    COMPLETE,
    CREATE,
    DELIVERY,
    EMAIL,
    LINES_ADD,
    SHIPPING,
    shop,
)

__all__ = ["shop"]

ATTACH = """
mutation($id: ID) {
  checkoutCustomerAttach(id: $id) {
    errors { field code message } checkout { email user { email } }
  }
}"""
DETACH = """
mutation($id: ID) {
  checkoutCustomerDetach(id: $id) {
    errors { field code message } checkout { email user { email } }
  }
}"""
METADATA = """
mutation($id: ID!, $input: [MetadataInput!]!) {
  updateMetadata(id: $id, input: $input) {
    errors { field code message } item { metafields }
  }
}"""
PAY_3DS = """
mutation($id: ID!) {
  transactionInitialize(id: $id,
      paymentGateway: {id: "saleor.io.dummy-payment-app",
                       data: {cardNumber: "4000002500003155"}}) {
    errors { field code message }
    transaction { id actions } transactionEvent { type } data
  }
}"""
PROCESS = """
mutation($id: ID, $data: JSON) {
  transactionProcess(id: $id, data: $data) {
    errors { field code message }
    transaction { id } transactionEvent { type } data
  }
}"""
ME_ORDERS = """
{ me { email orders(first: 10) { totalCount edges { node { id userEmail
       total { gross { amount } } } } } } }
"""


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_user("ada@example.com", "correct-horse-9")


def new_checkout(gql, token=None):
    created = gql(CREATE, {"input": {"channel": "us"}}, token=token)["checkoutCreate"]
    assert created["errors"] == []
    return created["checkout"]["id"]


def ready_checkout(gql, shop, token=None):
    """A checkout through the delivery step, by the API."""
    variant, method = shop
    checkout_id = new_checkout(gql, token)
    steps = [
        (
            LINES_ADD,
            {
                "id": checkout_id,
                "lines": [
                    {
                        "variantId": to_global_id("ProductVariant", variant.pk),
                        "quantity": 1,
                    }
                ],
            },
        ),
        (SHIPPING, {"id": checkout_id, "address": ADDRESS}),
        (BILLING, {"id": checkout_id, "address": ADDRESS}),
        (
            DELIVERY,
            {"id": checkout_id, "method": to_global_id("ShippingMethod", method.pk)},
        ),
    ]
    if token is None:
        steps.insert(1, (EMAIL, {"id": checkout_id, "email": "guest@example.com"}))
    for query, variables in steps:
        payload = next(iter(gql(query, variables, token=token).values()))
        assert payload["errors"] == [], query
    return checkout_id


# --- customer attach / detach ------------------------------------------------------


def test_attach_then_detach_the_signed_in_customer(gql, ada, channel):
    checkout_id = new_checkout(gql)
    token = token_issue(user=ada, kind=ACCESS)

    attached = gql(ATTACH, {"id": checkout_id}, token=token)["checkoutCustomerAttach"]
    assert attached == {
        "errors": [],
        "checkout": {"email": "ada@example.com", "user": {"email": "ada@example.com"}},
    }
    assert Checkout.objects.get().user == ada
    # once attached, the checkout is hidden from anonymous callers
    hidden = gql(EMAIL, {"id": checkout_id, "email": "x@example.com"})
    assert [e["code"] for e in hidden["checkoutEmailUpdate"]["errors"]] == ["NOT_FOUND"]

    detached = gql(DETACH, {"id": checkout_id}, token=token)["checkoutCustomerDetach"]
    assert detached == {
        "errors": [],
        "checkout": {"email": "ada@example.com", "user": None},
    }
    assert Checkout.objects.get().user is None


def test_attach_needs_a_signed_in_customer(gql, channel):
    checkout_id = new_checkout(gql)

    result = gql(ATTACH, {"id": checkout_id})["checkoutCustomerAttach"]

    assert result == {
        "errors": [
            {
                "field": None,
                "code": "INVALID",
                "message": "You need to sign in to do this.",
            }
        ],
        "checkout": None,
    }
    assert Checkout.objects.get().user is None


def test_another_customers_checkout_cannot_be_taken(gql, ada, channel):
    bo = get_user_model().objects.create_user("bo@example.com", "correct-horse-9")
    checkout_id = new_checkout(gql, token=token_issue(user=bo, kind=ACCESS))

    result = gql(ATTACH, {"id": checkout_id}, token=token_issue(user=ada, kind=ACCESS))

    assert [e["code"] for e in result["checkoutCustomerAttach"]["errors"]] == [
        "NOT_FOUND"
    ]
    assert Checkout.objects.get().user == bo


# --- metadata -----------------------------------------------------------------------


def test_update_metadata_sets_public_keys_and_hides_private_ones(gql, channel):
    created = gql(
        CREATE,
        {
            "input": {
                "channel": "us",
                "metadata": [{"key": "gift", "value": "yes"}],
                "privateMetadata": [{"key": "fraud_score", "value": "3"}],
            }
        },
    )["checkoutCreate"]
    checkout_id = created["checkout"]["id"]

    result = gql(
        METADATA,
        {
            "id": checkout_id,
            "input": [
                {"key": "gift", "value": "no"},
                {"key": "note", "value": "Leave at the door"},
            ],
        },
    )["updateMetadata"]

    assert result == {
        "errors": [],
        "item": {"metafields": {"gift": "no", "note": "Leave at the door"}},
    }
    stored = Checkout.objects.get().metadata
    assert stored == {
        "gift": "no",
        "note": "Leave at the door",
        "_private": {"fraud_score": "3"},
    }


def test_update_metadata_refuses_reserved_keys_and_unknown_ids(gql, channel):
    checkout_id = new_checkout(gql)

    reserved = gql(
        METADATA, {"id": checkout_id, "input": [{"key": "_private", "value": "x"}]}
    )["updateMetadata"]
    unknown_id = to_global_id("Checkout", "00000000-0000-0000-0000-000000000000")
    unknown = gql(METADATA, {"id": unknown_id, "input": [{"key": "a", "value": "b"}]})[
        "updateMetadata"
    ]

    assert reserved == {
        "errors": [
            {
                "field": "input",
                "code": "INVALID",
                "message": "Metadata keys starting with '_' are reserved: '_private'.",
            }
        ],
        "item": None,
    }
    assert [e["code"] for e in unknown["errors"]] == ["NOT_FOUND"]
    assert Checkout.objects.get().metadata == {}


# --- 3-D Secure through transactionProcess -----------------------------------------


def test_card_needing_3ds_completes_through_transaction_process(gql, shop):
    checkout_id = ready_checkout(gql, shop)

    started = gql(PAY_3DS, {"id": checkout_id})["transactionInitialize"]
    assert started["errors"] == []
    assert started["transactionEvent"] == {"type": "AUTHORIZATION_ACTION_REQUIRED"}
    assert started["data"]["actionUrl"].startswith("/payments/")
    assert Order.objects.count() == 0

    processed = gql(
        PROCESS,
        {
            "id": started["transaction"]["id"],
            "data": {"event": {"type": "CHARGE_SUCCESS"}},
        },
    )["transactionProcess"]

    assert processed["errors"] == []
    assert processed["transaction"]["id"] == started["transaction"]["id"]
    assert processed["transactionEvent"] == {"type": "CHARGE_SUCCESS"}
    order = Order.objects.get()
    assert processed["data"] == {"orderId": to_global_id("Order", order.checkout_token)}
    assert order.is_paid is True
    assert Checkout.objects.count() == 0
    completed = gql(COMPLETE, {"id": checkout_id})["checkoutComplete"]
    assert completed["errors"] == []
    assert completed["order"]["id"] == processed["data"]["orderId"]


def test_failed_3ds_check_places_no_order(gql, shop):
    checkout_id = ready_checkout(gql, shop)
    started = gql(PAY_3DS, {"id": checkout_id})["transactionInitialize"]

    processed = gql(
        PROCESS,
        {
            "id": started["transaction"]["id"],
            "data": {"event": {"type": "CHARGE_FAILURE"}},
        },
    )["transactionProcess"]

    assert processed["errors"] == [
        {
            "field": "cardNumber",
            "code": "INVALID",
            "message": "The card's security check was not completed. "
            "Nothing was charged.",
        }
    ]
    assert Order.objects.count() == 0
    assert Payment.objects.get().status == PaymentStatus.FAILED
    assert Checkout.objects.count() == 1


def test_transaction_process_with_an_unknown_id(gql, db):
    unknown = to_global_id("TransactionItem", "00000000-0000-0000-0000-000000000000")

    result = gql(PROCESS, {"id": unknown})["transactionProcess"]

    assert result["errors"] == [
        {
            "field": "id",
            "code": "NOT_FOUND",
            "message": f"Couldn't find a transaction with id {unknown!r}.",
        }
    ]


# --- signed-in checkout ---------------------------------------------------------------


def test_signed_in_customer_checks_out_and_sees_the_order(gql, shop, ada):
    # given a signed-in customer (tokenCreate)
    token = gql(
        """mutation { tokenCreate(email: "ada@example.com", password: "correct-horse-9")
           { token errors { code } } }"""
    )["tokenCreate"]["token"]

    # when they check out without giving an email (the account's is used)
    checkout_id = ready_checkout(gql, shop, token=token)
    assert Checkout.objects.get().user == ada
    paid = gql(
        """mutation($id: ID!) { transactionInitialize(id: $id,
             paymentGateway: {id: "saleor.io.dummy-payment-app"}) {
             errors { code message } data } }""",
        {"id": checkout_id},
        token=token,
    )["transactionInitialize"]
    completed = gql(COMPLETE, {"id": checkout_id}, token=token)["checkoutComplete"]

    # then the order is theirs and listed on their account
    assert paid["errors"] == []
    assert completed["errors"] == []
    order = Order.objects.get()
    assert order.user == ada
    assert order.user_email == "ada@example.com"
    me = gql(ME_ORDERS, token=token)["me"]
    assert me == {
        "email": "ada@example.com",
        "orders": {
            "totalCount": 1,
            "edges": [
                {
                    "node": {
                        "id": completed["order"]["id"],
                        "userEmail": "ada@example.com",
                        "total": {"gross": {"amount": 17.0}},
                    }
                }
            ],
        },
    }
