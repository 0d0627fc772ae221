from storefront.accounts.models import Address

ADDRESS_CREATE = """
mutation($input: AddressInput!, $type: AddressTypeEnum) {
  accountAddressCreate(input: $input, type: $type) {
    errors { field code message }
    address { id isDefaultShippingAddress isDefaultBillingAddress }
    user { defaultBillingAddress { id } defaultShippingAddress { id } }
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


def test_with_type_becomes_the_default(gql, ada, ada_token):
    result = gql(
        ADDRESS_CREATE, {"input": PORTLAND, "type": "BILLING"}, token=ada_token
    )["accountAddressCreate"]

    address_id = result["address"]["id"]
    assert result == {
        "errors": [],
        "address": {
            "id": address_id,
            "isDefaultShippingAddress": False,
            "isDefaultBillingAddress": True,
        },
        "user": {
            "defaultBillingAddress": {"id": address_id},
            "defaultShippingAddress": None,
        },
    }
    ada.refresh_from_db()
    assert ada.default_billing_address_id == Address.objects.get(user=ada).pk


def test_without_type_is_no_default(gql, ada, ada_token):
    result = gql(ADDRESS_CREATE, {"input": PORTLAND}, token=ada_token)[
        "accountAddressCreate"
    ]

    assert result["errors"] == []
    assert result["address"]["isDefaultShippingAddress"] is False
    assert result["user"] == {
        "defaultBillingAddress": None,
        "defaultShippingAddress": None,
    }


def test_invalid_address_with_type_writes_nothing(gql, ada, ada_token):
    result = gql(
        ADDRESS_CREATE,
        {"input": {**PORTLAND, "postalCode": "ABC"}, "type": "SHIPPING"},
        token=ada_token,
    )["accountAddressCreate"]

    assert result["errors"] == [
        {
            "field": "postalCode",
            "code": "INVALID",
            "message": "This value is not valid for United States of America.",
        }
    ]
    assert Address.objects.count() == 0
    ada.refresh_from_db()
    assert ada.default_shipping_address_id is None
