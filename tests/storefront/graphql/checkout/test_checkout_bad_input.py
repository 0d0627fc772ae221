"""Bad input to the checkout mutations gets a clear, named error and changes
nothing; no database or Python message reaches the client."""

import pytest

from storefront.checkout.models import Checkout

CREATE = """
mutation($email: String) {
  checkoutCreate(input: {channel: "us", email: $email}) {
    errors { field code message } checkout { email }
  }
}"""


@pytest.mark.parametrize(
    "email",
    ["not an email", "<b>bold</b>@example.com", "a" * 290 + "@example.com"],
)
def test_checkout_create_refuses_what_is_not_an_email(gql, channel, email):
    payload = gql(CREATE, {"email": email})["checkoutCreate"]

    assert payload == {
        "errors": [
            {
                "field": "email",
                "code": "INVALID",
                "message": "Enter a valid email address.",
            }
        ],
        "checkout": None,
    }
    assert not Checkout.objects.exists()


def test_checkout_create_keeps_a_good_email(gql, channel):
    payload = gql(CREATE, {"email": " Ada@Example.com "})["checkoutCreate"]

    assert payload == {"errors": [], "checkout": {"email": "ada@example.com"}}


def test_a_nul_in_a_variable_is_refused_by_name(api, channel):
    content = api(CREATE, {"email": "ada\x00@example.com"})

    assert content == {
        "errors": [
            {
                "message": "`$email` must not contain NUL characters.",
                "extensions": {
                    "exception": {"code": "GraphQLError"},
                    "field": "$email",
                },
            }
        ]
    }
    assert not Checkout.objects.exists()


def test_a_nul_in_a_literal_argument_is_refused_by_name(api, channel):
    query = (
        'mutation { checkoutCreate(input: {channel: "us", email: "a\\u0000b"}) '
        "{ errors { code } } }"
    )

    content = api(query)

    assert [e["message"] for e in content["errors"]] == [
        "`input.email` must not contain NUL characters."
    ]
    assert not Checkout.objects.exists()


def test_a_nul_deep_in_a_variable_names_its_path(api, channel):
    query = """mutation($input: CheckoutCreateInput!) {
        checkoutCreate(input: $input) { errors { code } } }"""

    content = api(
        query,
        {"input": {"channel": "us", "shippingAddress": {"city": "Port\x00land"}}},
    )

    assert [e["message"] for e in content["errors"]] == [
        "`$input.shippingAddress.city` must not contain NUL characters."
    ]


def test_delivery_options_for_an_unknown_checkout_keep_the_non_null_list(gql, db):
    query = """mutation { deliveryOptionsCalculate(id: "Q2hlY2tvdXQ6bm9wZQ==") {
        deliveries { id } errors { field code } } }"""

    payload = gql(query)["deliveryOptionsCalculate"]

    assert payload == {
        "deliveries": [],
        "errors": [{"field": "id", "code": "NOT_FOUND"}],
    }
