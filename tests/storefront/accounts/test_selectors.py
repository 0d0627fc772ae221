from django.contrib.auth.models import AnonymousUser

from storefront.accounts.selectors import (
    address_for_checkout_prefill,
    address_list_for_user,
)
from storefront.accounts.services import address_set_default
from tests.factories.accounts import AddressFactory, UserFactory


def test_prefill_is_the_default_shipping_address(ada):
    home, _newer = AddressFactory(user=ada), AddressFactory(user=ada)
    address_set_default(user=ada, address=home, address_type="shipping")

    assert address_for_checkout_prefill(user=ada) == home


def test_prefill_without_a_default_is_the_newest_entry(ada):
    AddressFactory(user=ada)
    newer = AddressFactory(user=ada)

    assert address_for_checkout_prefill(user=ada) == newer


def test_prefill_is_none_for_visitors_and_empty_books(ada):
    assert address_for_checkout_prefill(user=AnonymousUser()) is None
    assert address_for_checkout_prefill(user=None) is None
    assert address_for_checkout_prefill(user=ada) is None


def test_address_list_is_one_query_whatever_its_length(ada, django_assert_num_queries):
    AddressFactory.create_batch(7, user=ada)
    AddressFactory(user=UserFactory())

    with django_assert_num_queries(1):
        addresses = address_list_for_user(user=ada)
        owners = {a.user.email for a in addresses}

    assert len(addresses) == 7
    assert owners == {"ada@example.com"}
