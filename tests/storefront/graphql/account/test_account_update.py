from storefront.accounts.models import Address

ACCOUNT_UPDATE = """
mutation($input: AccountInput!) {
  accountUpdate(input: $input) {
    errors { field code message }
    user {
      firstName lastName
      defaultShippingAddress { city country { code } }
      defaultBillingAddress { city country { code } }
    }
  }
}"""
PORTLAND = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "1 Main St",
    "city": "Portland",
    "postalCode": "97201",
    "country": "US",
    "countryArea": "OR",
}
BERLIN = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "Unter den Linden 1",
    "city": "Berlin",
    "postalCode": "10115",
    "country": "DE",
}


def test_names_and_both_default_addresses(gql, ada, ada_token):
    result = gql(
        ACCOUNT_UPDATE,
        {
            "input": {
                "lastName": "King",
                "defaultShippingAddress": PORTLAND,
                "defaultBillingAddress": BERLIN,
            }
        },
        token=ada_token,
    )["accountUpdate"]

    assert result == {
        "errors": [],
        "user": {
            "firstName": "Ada",
            "lastName": "King",
            "defaultShippingAddress": {"city": "PORTLAND", "country": {"code": "US"}},
            "defaultBillingAddress": {"city": "BERLIN", "country": {"code": "DE"}},
        },
    }
    assert Address.objects.filter(user=ada).count() == 2


def test_a_second_default_overwrites_the_first(gql, ada, ada_token):
    first = {"input": {"defaultShippingAddress": PORTLAND}}
    gql(ACCOUNT_UPDATE, first, token=ada_token)

    result = gql(
        ACCOUNT_UPDATE, {"input": {"defaultShippingAddress": BERLIN}}, token=ada_token
    )["accountUpdate"]

    assert result["user"]["defaultShippingAddress"] == {
        "city": "BERLIN",
        "country": {"code": "DE"},
    }
    assert Address.objects.filter(user=ada).count() == 1


def test_an_invalid_address_names_the_nested_field_and_writes_nothing(
    gql, ada, ada_token
):
    result = gql(
        ACCOUNT_UPDATE,
        {
            "input": {
                "lastName": "King",
                "defaultShippingAddress": PORTLAND,
                "defaultBillingAddress": {**BERLIN, "postalCode": "1"},
            }
        },
        token=ada_token,
    )["accountUpdate"]

    assert result == {
        "errors": [
            {
                "field": "defaultBillingAddress.postalCode",
                "code": "INVALID",
                "message": "This value is not valid for Germany.",
            }
        ],
        "user": None,
    }
    ada.refresh_from_db()
    assert (ada.last_name, ada.default_shipping_address_id) == ("", None)
    assert Address.objects.count() == 0
