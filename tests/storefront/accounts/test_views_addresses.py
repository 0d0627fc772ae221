"""The address book page: list, defaults, create with defaults, delete."""

from html import unescape

import pytest

from storefront.accounts.models import Address
from storefront.accounts.services import address_set_default
from tests.factories.accounts import AddressFactory, UserFactory
from tests.factories.catalogue import ChannelFactory
from tests.factories.checkout import US_ADDRESS


@pytest.fixture
def signed_in(client, ada):
    client.force_login(ada)
    return client


def test_address_book_shows_which_address_is_default(signed_in, ada):
    # given two entries, one default for shipping
    home = AddressFactory(user=ada, street_address_1="1 Home Rd")
    AddressFactory(user=ada, street_address_1="2 Office Ave")
    address_set_default(user=ada, address=home, address_type="shipping")

    # when the page is read
    response = signed_in.get("/account/addresses/")

    # then the default is labelled and only the other entry offers to become it
    html = unescape(response.content.decode())
    assert response.status_code == 200
    assert html.count("Default shipping address") == 1
    assert html.count("Default billing address") == 0
    assert html.count("Make default for shipping") == 1
    assert html.count("Make default for billing") == 2
    assert html.index("1 Home Rd") < html.index("Default shipping address")
    assert html.index("Default shipping address") < html.index("2 Office Ave")


def test_address_book_needs_sign_in(client, db):
    response = client.get("/account/addresses/")

    assert response.status_code == 302
    assert response["Location"] == "/account/login/?next=/account/addresses/"


@pytest.mark.parametrize("count", [1, 12])
def test_address_book_query_count_does_not_grow(
    signed_in, ada, count, django_assert_num_queries
):
    ChannelFactory()
    AddressFactory.create_batch(count, user=ada)

    # session, user, the shopper's channel, addresses
    # the fifth is the header's cart count
    with django_assert_num_queries(5):
        response = signed_in.get("/account/addresses/")

    assert response.content.decode().count("<address>") == count


def test_make_default_from_the_page(signed_in, ada):
    office = AddressFactory(user=ada)

    response = signed_in.post(
        f"/account/addresses/{office.pk}/default/", {"type": "billing"}, follow=True
    )

    assert response.redirect_chain == [("/account/addresses/", 302)]
    assert "This is now your default billing address." in response.content.decode()
    ada.refresh_from_db()
    assert ada.default_billing_address_id == office.pk
    assert ada.default_shipping_address_id is None


def test_make_default_with_a_forged_type_changes_nothing(signed_in, ada):
    office = AddressFactory(user=ada)

    response = signed_in.post(
        f"/account/addresses/{office.pk}/default/", {"type": "holiday"}, follow=True
    )

    assert "Choose shipping or billing." in response.content.decode()
    ada.refresh_from_db()
    assert (ada.default_shipping_address_id, ada.default_billing_address_id) == (
        None,
        None,
    )


def test_someone_elses_address_is_404(signed_in, ada):
    theirs = AddressFactory(user=UserFactory())

    response = signed_in.post(
        f"/account/addresses/{theirs.pk}/default/", {"type": "shipping"}
    )

    assert response.status_code == 404
    ada.refresh_from_db()
    assert ada.default_shipping_address_id is None


def test_make_default_needs_post(signed_in, ada):
    office = AddressFactory(user=ada)

    response = signed_in.get(f"/account/addresses/{office.pk}/default/")

    assert response.status_code == 405


def test_new_address_as_default_for_shipping(signed_in, ada):
    response = signed_in.post(
        "/account/addresses/new/", {**US_ADDRESS, "default_shipping": "on"}
    )

    assert response.status_code == 302
    assert response["Location"] == "/account/addresses/"
    address = Address.objects.get(user=ada)
    ada.refresh_from_db()
    assert ada.default_shipping_address_id == address.pk
    assert ada.default_billing_address_id is None


def test_deleting_the_default_from_the_page(signed_in, ada):
    home = AddressFactory(user=ada)
    address_set_default(user=ada, address=home, address_type="shipping")

    response = signed_in.post(f"/account/addresses/{home.pk}/delete/")

    assert response.status_code == 302
    assert Address.objects.filter(user=ada).count() == 0
    ada.refresh_from_db()
    assert ada.default_shipping_address_id is None
