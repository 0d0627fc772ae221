from common.graphql.ids import to_global_id
from tests.factories.accounts import AddressFactory, UserFactory

SET_DEFAULT = """
mutation($id: ID!, $type: AddressTypeEnum!) {
  accountSetDefaultAddress(id: $id, type: $type) {
    errors { field code message }
    user {
      defaultShippingAddress { id }
      defaultBillingAddress { id }
      addresses { id isDefaultShippingAddress isDefaultBillingAddress }
    }
  }
}"""


def test_shipping_then_billing(gql, ada, ada_token):
    # given two addresses
    home, office = AddressFactory(user=ada), AddressFactory(user=ada)
    home_id = to_global_id("Address", home.pk)
    office_id = to_global_id("Address", office.pk)

    # when home becomes the shipping and office the billing default
    gql(SET_DEFAULT, {"id": home_id, "type": "SHIPPING"}, token=ada_token)
    result = gql(SET_DEFAULT, {"id": office_id, "type": "BILLING"}, token=ada_token)

    # then the payload and the database say so
    assert result["accountSetDefaultAddress"] == {
        "errors": [],
        "user": {
            "defaultShippingAddress": {"id": home_id},
            "defaultBillingAddress": {"id": office_id},
            "addresses": [
                {
                    "id": home_id,
                    "isDefaultShippingAddress": True,
                    "isDefaultBillingAddress": False,
                },
                {
                    "id": office_id,
                    "isDefaultShippingAddress": False,
                    "isDefaultBillingAddress": True,
                },
            ],
        },
    }
    ada.refresh_from_db()
    assert (ada.default_shipping_address_id, ada.default_billing_address_id) == (
        home.pk,
        office.pk,
    )


def test_someone_elses_address_is_not_found(gql, ada, ada_token):
    theirs = AddressFactory(user=UserFactory())
    theirs_id = to_global_id("Address", theirs.pk)

    result = gql(SET_DEFAULT, {"id": theirs_id, "type": "SHIPPING"}, token=ada_token)

    assert result["accountSetDefaultAddress"] == {
        "errors": [
            {
                "field": "id",
                "code": "NOT_FOUND",
                "message": f"Couldn't find an address with id {theirs_id!r}.",
            }
        ],
        "user": None,
    }
    ada.refresh_from_db()
    assert ada.default_shipping_address_id is None


def test_needs_a_signed_in_customer(gql, ada):
    home = AddressFactory(user=ada)

    result = gql(
        SET_DEFAULT, {"id": to_global_id("Address", home.pk), "type": "SHIPPING"}
    )

    assert result["accountSetDefaultAddress"]["errors"] == [
        {"field": None, "code": "INVALID", "message": "You need to sign in to do this."}
    ]
    ada.refresh_from_db()
    assert ada.default_shipping_address_id is None
