"""What the billing form of a cart with nothing to deliver starts with.

A digital cart has no shipping address to copy, so the form starts from what the
shop knows: the signed-in customer's saved address, or the guest's chosen region
and email. Django test client on PostgreSQL, through to the paid order.
"""

import io
import re

import pytest

from storefront.accounts.models import AddressType
from storefront.accounts.services import address_create
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import checkout_address_prefill
from storefront.checkout.services.cart import checkout_create
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.subscriptions.demo import populate_membership
from tests.factories.catalogue import ChannelFactory, WarehouseFactory, eu_channel
from tests.factories.checkout import DE_ADDRESS, US_ADDRESS
from tests.factories.subscriptions import UserFactory
from tests.storefront.checkout.test_digital_checkout import digital_variant

MEMBERSHIP_PAGE = "/products/member-access-monthly/"
OREGON = {
    "first_name": "Jane",
    "last_name": "Doe",
    "street_address_1": "1 Main St",
    "city": "Portland",
    "postal_code": "97201",
    "country": "US",
    "country_area": "OR",
}
AMSTERDAM = {
    "first_name": "Sanne",
    "last_name": "de Vries",
    "street_address_1": "Damrak 1",
    "city": "Amsterdam",
    "postal_code": "1012 LG",
    "country": "NL",
}


def _selected_country(html: str) -> list[str]:
    select = re.search(r'<select name="country".*?</select>', html, re.S).group(0)
    return re.findall(r'<option value="([A-Z]{2})" selected>', select)


def _value(html: str, name: str) -> str | None:
    found = re.search(rf'<input type="text" name="{name}"[^>]*?value="([^"]*)"', html)
    return found.group(1) if found else None


def _pay(client):
    return client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": CARD_SUCCESS},
        follow=True,
    )


@pytest.fixture
def reading_pass(shop):
    return digital_variant(
        channel=shop.channel, warehouse=shop.warehouse, name="Reading pass"
    )


def test_a_guest_starts_from_their_region_and_email(client, shop, reading_pass):
    # given a guest who chose California and gave their email
    client.post("/region/", {"channel": "us", "region": "US-CA"})
    client.post("/cart/add/", {"variant": reading_pass.pk, "quantity": "1"})
    client.post("/cart/checkout/details/", {"email": "ada@example.com"})

    # when
    html = client.get("/cart/checkout/billing/").content.decode()

    # then the country and state are theirs and the email is shown
    assert _selected_country(html) == ["US"]
    assert _value(html, "country_area") == "CA"
    assert _value(html, "first_name") is None
    assert "Your receipt goes to <strong>ada@example.com</strong>" in html

    # when the guest fills in the rest and keeps the prefilled fields
    form = {**US_ADDRESS, "country": "US", "country_area": "CA"}
    billed = client.post("/cart/checkout/billing/", form)
    paid = _pay(client)

    # then the order is placed with them
    assert billed.url == "/cart/checkout/review/"
    order = Order.objects.get()
    assert f"Your order {order.number} is confirmed" in paid.content.decode()
    assert order.user_email == "ada@example.com"
    assert order.region == "US-CA"
    assert (order.billing_address.country.code, order.billing_address.country_area) == (
        "US",
        "CA",
    )


def test_a_guest_country_is_their_region_not_the_first_of_the_list(client, db):
    # given a channel selling to Germany, France and the Netherlands, and a guest
    # who chose the Netherlands (last in the list)
    channel = eu_channel()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = digital_variant(channel=channel, warehouse=warehouse, price="9.00")
    client.post("/region/", {"channel": "eu", "region": "NL"})
    client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"})
    client.post("/cart/checkout/details/", {"email": "sanne@example.com"})

    # when
    html = client.get("/cart/checkout/billing/").content.decode()

    # then the Netherlands is chosen, with no area
    assert _selected_country(html) == ["NL"]
    assert _value(html, "country_area") is None

    # when
    client.post("/cart/checkout/billing/", AMSTERDAM)
    _pay(client)

    # then
    order = Order.objects.get()
    assert (order.region, order.currency) == ("NL", "EUR")
    assert order.billing_address.country.code == "NL"


@pytest.fixture
def membership(db, settings):
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    ChannelFactory()
    populate_membership(io.StringIO())


def _add_membership(client):
    page = client.get(MEMBERSHIP_PAGE).content.decode()
    variant = re.search(r'name="variant" value="(\d+)"', page).group(1)
    added = client.post(
        "/cart/add/",
        {
            "variant": variant,
            "quantity": "1",
            "purchase": "subscribe",
            "interval": "1m",
        },
    )
    assert added.url == "/cart/"


def test_a_member_starts_from_their_default_billing_address(client, membership):
    # given a customer whose default billing address is in Oregon and who has
    # another, newer entry in the address book
    reader = UserFactory(email="jane@example.com")
    address_create(user=reader, data=OREGON, default_for=[AddressType.BILLING])
    address_create(user=reader, data=US_ADDRESS)
    client.force_login(reader)
    _add_membership(client)

    # when the details step is shown, then the account's email is already there
    details = client.get("/cart/checkout/details/").content.decode()
    assert 'value="jane@example.com"' in details
    client.post("/cart/checkout/details/", {"email": reader.email})
    html = client.get("/cart/checkout/billing/").content.decode()

    # then the billing form holds the default billing address
    assert _selected_country(html) == ["US"]
    assert _value(html, "first_name") == "Jane"
    assert _value(html, "street_address_1") == "1 Main St"
    assert _value(html, "city") == "PORTLAND"
    assert _value(html, "postal_code") == "97201"
    assert _value(html, "country_area") == "OR"

    # when the customer sends it as it is
    form = {name: _value(html, name) or "" for name in OREGON} | {"country": "US"}
    client.post("/cart/checkout/billing/", form)
    _pay(client)

    # then the membership order is billed there
    order = Order.objects.get()
    assert order.user_id == reader.pk
    assert order.region == "US-OR"
    assert order.billing_address.formatted_lines == [
        "Jane Doe",
        "1 Main St",
        "PORTLAND, OR 97201",
        "United States of America",
    ]


def test_without_a_default_the_last_order_billing_address_is_used(shop, reading_pass):
    # given a customer with no address book whose last order was billed in Oregon
    from storefront.checkout.services.cart import checkout_line_add
    from storefront.checkout.services.details import (
        checkout_billing_address_set,
        checkout_email_set,
    )
    from storefront.checkout.services.payment import checkout_payment_start

    customer = UserFactory(email="jane@example.com")
    first = checkout_create(channel=shop.channel, region="US", user=customer)
    checkout_line_add(checkout=first, variant_id=reading_pass.pk, quantity=1)
    checkout_email_set(checkout=first, email=customer.email)
    checkout_billing_address_set(checkout=first, same_as_shipping=False, data=OREGON)
    checkout_payment_start(checkout=first, gateway="dummy", card_number=CARD_SUCCESS)
    second = checkout_create(channel=shop.channel, region="US-CA", user=customer)

    # when
    prefill = checkout_address_prefill(checkout=second, user=customer, billing=True)

    # then
    assert prefill["first_name"] == "Jane"
    assert prefill["country_area"] == "OR"
    assert prefill["email"] == "jane@example.com"


def test_a_saved_address_the_channel_does_not_sell_to_is_not_offered(
    shop, reading_pass
):
    # given a US-channel customer whose default billing address is in Germany
    customer = UserFactory(email="grete@example.com")
    address_create(user=customer, data=DE_ADDRESS, default_for=[AddressType.BILLING])
    checkout = checkout_create(channel=shop.channel, region="US-NY", user=customer)

    # when
    prefill = checkout_address_prefill(checkout=checkout, user=customer, billing=True)

    # then the region decides, as for a guest
    assert prefill == {
        "email": "grete@example.com",
        "country": "US",
        "country_area": "NY",
    }


def test_the_physical_details_step_also_starts_from_the_region(client, db):
    # given a guest in France with a cart that needs delivery
    from tests.factories.checkout import sellable_variant

    channel = eu_channel()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(channel=channel, warehouse=warehouse)
    client.post("/region/", {"channel": "eu", "region": "FR"})
    client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"})

    # when
    html = client.get("/cart/checkout/details/").content.decode()

    # then
    assert _selected_country(html) == ["FR"]
    assert Checkout.objects.get().region == "FR"
