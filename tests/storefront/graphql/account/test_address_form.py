"""An address form built from `addressValidationRules`, as Saleor's storefront
builds it, is accepted by the API for the countries the shop ships to."""

import pytest

RULES = """
query($code: CountryCode!) {
  addressValidationRules(countryCode: $code) { allowedFields requiredFields }
}"""
CREATE = """
mutation($input: AddressInput!) {
  accountAddressCreate(input: $input) {
    errors { field code message }
    address { streetAddress1 city postalCode country { code } }
  }
}"""
# What a shopper types into each field the form shows.
TYPED = {
    "US": {
        "streetAddress1": "1600 Amphitheatre Pkwy",
        "streetAddress2": "Building 4",
        "city": "Mountain View",
        "countryArea": "CA",
        "postalCode": "94043",
        "companyName": "Verdant Field",
    },
    "GB": {
        "streetAddress1": "10 Downing Street",
        "streetAddress2": "",
        "city": "London",
        "postalCode": "SW1A 2AA",
        "companyName": "",
    },
    "DE": {
        "streetAddress1": "Unter den Linden 1",
        "streetAddress2": "",
        "city": "Berlin",
        "postalCode": "10115",
        "companyName": "",
    },
}
ADDRESS_INPUT_FIELDS = {
    "companyName",
    "streetAddress1",
    "streetAddress2",
    "city",
    "cityArea",
    "postalCode",
    "countryArea",
    "sortingCode",
}


def form_from_rules(rules: dict, typed: dict) -> dict:
    """The storefront's form: the name split in two, then every allowed field."""
    form = {"firstName": "Ada", "lastName": "Lovelace"}
    for field in rules["allowedFields"]:
        if field == "name":
            continue
        assert field in ADDRESS_INPUT_FIELDS, f"{field} is not an AddressInput field"
        form[field] = typed.get(field, "")
    return form


@pytest.mark.parametrize("country", ["US", "GB", "DE"])
def test_a_form_built_from_the_rules_is_accepted(gql, ada_token, country):
    # given the rules for the country
    rules = gql(RULES, {"code": country})["addressValidationRules"]
    assert set(rules["requiredFields"]) <= set(rules["allowedFields"])

    # when the shopper fills in exactly the fields the form shows
    form = form_from_rules(rules, TYPED[country])
    created = gql(CREATE, {"input": {**form, "country": country}}, token=ada_token)

    # then the address is saved as typed
    payload = created["accountAddressCreate"]
    assert payload["errors"] == []
    assert payload["address"]["country"] == {"code": country}
    assert payload["address"]["streetAddress1"] == TYPED[country]["streetAddress1"]
