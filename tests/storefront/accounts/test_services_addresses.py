"""Default addresses: address_set_default, address_create(default_for), user_update."""

import pytest
from django.core.exceptions import ValidationError

from storefront.accounts.errors import AccountErrorCode
from storefront.accounts.models import Address, AddressType, User
from storefront.accounts.services import (
    address_create,
    address_delete,
    address_set_default,
    user_update,
)
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.checkout import DE_ADDRESS, US_ADDRESS


def _codes(exc: ValidationError) -> dict[str, list[str]]:
    return {field: [e.code for e in errors] for field, errors in exc.error_dict.items()}


def test_set_default_shipping_and_billing_separately(ada):
    # given two address-book entries
    home, office = AddressFactory(user=ada), AddressFactory(user=ada)

    # when one becomes the shipping default and the other the billing default
    address_set_default(user=ada, address=home, address_type=AddressType.SHIPPING)
    address_set_default(user=ada, address=office, address_type="billing")

    # then both are stored
    ada.refresh_from_db()
    assert ada.default_shipping_address_id == home.pk
    assert ada.default_billing_address_id == office.pk


def test_set_default_replaces_the_previous_one(ada):
    home, office = AddressFactory(user=ada), AddressFactory(user=ada)
    address_set_default(user=ada, address=home, address_type="shipping")

    address_set_default(user=ada, address=office, address_type="shipping")

    ada.refresh_from_db()
    assert ada.default_shipping_address_id == office.pk
    assert ada.default_billing_address_id is None


def test_someone_elses_address_is_not_found(ada):
    # given an address in another customer's book
    theirs = AddressFactory(user=UserFactory())

    # when Ada tries to make it her default
    with pytest.raises(ValidationError) as caught:
        address_set_default(user=ada, address=theirs, address_type="shipping")

    # then it is refused and nothing changes
    assert _codes(caught.value) == {"id": [AccountErrorCode.NOT_FOUND.value]}
    assert caught.value.message_dict == {
        "id": ["This address is not in your address book."]
    }
    ada.refresh_from_db()
    assert ada.default_shipping_address_id is None


def test_an_address_copy_on_an_order_cannot_become_a_default(ada):
    copy = AddressFactory(user=None)

    with pytest.raises(ValidationError, match="not in your address book"):
        address_set_default(user=ada, address=copy, address_type="billing")

    ada.refresh_from_db()
    assert ada.default_billing_address_id is None


def test_unknown_type_is_invalid(ada):
    home = AddressFactory(user=ada)

    with pytest.raises(ValidationError) as caught:
        address_set_default(user=ada, address=home, address_type="holiday")

    assert _codes(caught.value) == {"type": [AccountErrorCode.INVALID.value]}
    assert caught.value.message_dict == {"type": ["Choose shipping or billing."]}
    ada.refresh_from_db()
    assert (ada.default_shipping_address_id, ada.default_billing_address_id) == (
        None,
        None,
    )


def test_deleting_the_default_address_clears_the_default(ada):
    home = AddressFactory(user=ada)
    address_set_default(user=ada, address=home, address_type="shipping")
    address_set_default(user=ada, address=home, address_type="billing")

    address_delete(address=home)

    ada.refresh_from_db()
    assert (ada.default_shipping_address_id, ada.default_billing_address_id) == (
        None,
        None,
    )
    assert User.objects.filter(pk=ada.pk).exists() is True


def test_create_as_default_for_both(ada):
    address = address_create(
        user=ada, data=US_ADDRESS, default_for=[AddressType.SHIPPING, "billing"]
    )

    ada.refresh_from_db()
    assert ada.default_shipping_address_id == address.pk
    assert ada.default_billing_address_id == address.pk
    assert address.city == "MOUNTAIN VIEW"


def test_create_without_default_leaves_defaults_alone(ada):
    home = AddressFactory(user=ada)
    address_set_default(user=ada, address=home, address_type="shipping")

    address_create(user=ada, data=DE_ADDRESS)

    ada.refresh_from_db()
    assert ada.default_shipping_address_id == home.pk
    assert Address.objects.filter(user=ada).count() == 2


def test_invalid_address_is_not_created_nor_made_default(ada):
    with pytest.raises(ValidationError) as caught:
        address_create(
            user=ada,
            data={**US_ADDRESS, "postal_code": "ABCDE"},
            default_for=["shipping"],
        )

    assert _codes(caught.value) == {"postal_code": [AccountErrorCode.INVALID.value]}
    assert Address.objects.count() == 0
    ada.refresh_from_db()
    assert ada.default_shipping_address_id is None


def test_create_with_an_unknown_default_type_writes_nothing(ada):
    with pytest.raises(ValidationError, match=r"Choose shipping or billing\."):
        address_create(user=ada, data=US_ADDRESS, default_for=["holiday"])

    assert Address.objects.count() == 0


def test_user_update_creates_the_first_default_then_edits_it_in_place(ada):
    # when the customer gives a default shipping address for the first time
    user_update(user=ada, default_shipping_address=US_ADDRESS)
    ada.refresh_from_db()
    first = ada.default_shipping_address
    assert (first.user_id, first.city) == (ada.pk, "MOUNTAIN VIEW")

    # and then gives another
    user_update(user=ada, first_name="Augusta", default_shipping_address=DE_ADDRESS)

    # then the same entry now holds the new values
    ada.refresh_from_db()
    assert ada.first_name == "Augusta"
    assert ada.default_shipping_address_id == first.pk
    default = ada.default_shipping_address
    assert (default.city, default.country) == ("BERLIN", "DE")
    assert Address.objects.filter(user=ada).count() == 1


def test_user_update_does_not_edit_an_address_that_is_both_defaults(ada):
    # given one entry that is the default for shipping and billing
    both = address_create(
        user=ada, data=US_ADDRESS, default_for=["shipping", "billing"]
    )

    # when only the billing default is changed
    user_update(user=ada, default_billing_address=DE_ADDRESS)

    # then shipping keeps its address and billing gets a new entry
    ada.refresh_from_db()
    both.refresh_from_db()
    assert ada.default_shipping_address_id == both.pk
    assert both.country == "US"
    assert ada.default_billing_address_id != both.pk
    assert ada.default_billing_address.country == "DE"
    assert Address.objects.filter(user=ada).count() == 2


def test_user_update_with_an_invalid_billing_address_writes_nothing(ada):
    with pytest.raises(ValidationError) as caught:
        user_update(
            user=ada,
            first_name="Augusta",
            default_shipping_address=US_ADDRESS,
            default_billing_address={**DE_ADDRESS, "postal_code": "1"},
        )

    assert _codes(caught.value) == {
        "default_billing_address.postal_code": [AccountErrorCode.INVALID.value]
    }
    assert caught.value.message_dict == {
        "default_billing_address.postal_code": ["This value is not valid for Germany."]
    }
    ada.refresh_from_db()
    assert ada.first_name == "Ada"
    assert ada.default_shipping_address_id is None
    assert Address.objects.count() == 0
