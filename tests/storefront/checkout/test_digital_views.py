"""The checkout pages for a cart with nothing to deliver (Django test client)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.checkout.models import Checkout
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from tests.factories.checkout import DE_ADDRESS, US_ADDRESS
from tests.storefront.checkout.test_digital_checkout import digital_variant

NO_DELIVERY = (
    "Nothing in your cart needs delivery, so there is no shipping address or "
    "delivery option to choose."
)


@pytest.fixture
def digital(shop):
    return digital_variant(
        channel=shop.channel, warehouse=shop.warehouse, name="Reading pass"
    )


def _add(client, variant):
    response = client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"})
    assert response.status_code == 302


def test_details_step_asks_only_for_the_email(client, shop, digital):
    # given
    _add(client, digital)

    # when
    html = client.get("/cart/checkout/details/").content.decode()

    # then no address fields, no delivery step, and the page says why
    assert NO_DELIVERY in html
    assert '<label for="id_email">Email address</label>' in html
    assert "Street address" not in html
    assert ">Delivery</a>" not in html
    assert ">Your details</a>" in html
    assert "Continue to billing" in html

    # when
    response = client.post("/cart/checkout/details/", {"email": "ada@example.com"})

    # then
    assert response.status_code == 302
    assert response.url == "/cart/checkout/billing/"
    checkout = Checkout.objects.get()
    assert checkout.email == "ada@example.com"
    assert checkout.shipping_address_id is None


def test_details_step_names_a_bad_email(client, shop, digital):
    # given
    _add(client, digital)

    # when
    response = client.post("/cart/checkout/details/", {"email": "not-an-email"})

    # then
    assert response.status_code == 200
    assert "Email address: Enter a valid email address." in response.content.decode()
    assert Checkout.objects.get().email == ""


def test_delivery_step_sends_the_shopper_on_to_billing(client, shop, digital):
    # given
    _add(client, digital)
    client.post("/cart/checkout/details/", {"email": "ada@example.com"})

    # when
    response = client.get("/cart/checkout/shipping/", follow=True)

    # then
    assert response.redirect_chain == [("/cart/checkout/billing/", 302)]
    html = response.content.decode()
    assert NO_DELIVERY in html
    assert "it decides the tax and the rules that apply to your order" in html


def test_billing_step_requires_the_address(client, shop, digital):
    # given
    _add(client, digital)
    client.post("/cart/checkout/details/", {"email": "ada@example.com"})

    # when the form is sent empty
    response = client.post("/cart/checkout/billing/", {})

    # then every required field is named and nothing is stored
    html = response.content.decode()
    assert response.status_code == 200
    assert "First name: This field is required." in html
    assert "Street address: This field is required." in html
    assert "City: This field is required." in html
    assert "same_as_shipping" not in html
    assert Checkout.objects.get().billing_address_id is None


def test_billing_step_validates_per_country(client, shop, digital):
    # given
    _add(client, digital)
    client.post("/cart/checkout/details/", {"email": "ada@example.com"})

    # when the postal code does not fit the country
    response = client.post(
        "/cart/checkout/billing/", {**US_ADDRESS, "postal_code": "9404"}
    )

    # then
    assert response.status_code == 200
    assert (
        "Postal code: This value is not valid for United States of America."
        in response.content.decode()
    )
    assert Checkout.objects.get().billing_address_id is None


def test_billing_step_offers_only_the_channels_countries(client, shop, digital):
    # given
    _add(client, digital)
    client.post("/cart/checkout/details/", {"email": "ada@example.com"})

    # when
    response = client.post("/cart/checkout/billing/", DE_ADDRESS)

    # then
    assert response.status_code == 200
    assert "Country: Select a valid choice." in response.content.decode()
    assert Checkout.objects.get().billing_address_id is None


def test_billing_before_the_email_goes_back_to_details(client, shop, digital):
    # given
    _add(client, digital)

    # when
    response = client.get("/cart/checkout/billing/")

    # then
    assert response.status_code == 302
    assert response.url == "/cart/checkout/details/"


def test_review_and_pay_without_any_delivery(client, shop, digital):
    # given
    _add(client, digital)
    client.post("/cart/checkout/details/", {"email": "ada@example.com"})
    billing = client.post("/cart/checkout/billing/", US_ADDRESS)
    assert billing.status_code == 302
    assert billing.url == "/cart/checkout/review/"

    # when
    html = client.get("/cart/checkout/review/").content.decode()

    # then
    assert 'data-total="shipping">None needed</td>' in html
    assert 'data-total="total">$9.00' in html
    assert (
        "Bill to: Ada Lovelace, 1600 Amphitheatre Pkwy, MOUNTAIN VIEW, CA 94043, "
        "United States of America"
    ) in html
    assert "Delivery: none needed, nothing in your cart is shipped" in html
    assert "Ship to:" not in html

    # when
    paid = client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": CARD_SUCCESS},
        follow=True,
    )

    # then
    order = Order.objects.get()
    assert f"Your order {order.number} is confirmed" in paid.content.decode()
    assert order.shipping_address_id is None
    assert order.total_gross_amount == Decimal("9.00")
    assert Checkout.objects.count() == 0


def test_a_mixed_cart_keeps_the_delivery_step(client, shop, digital):
    # given
    _add(client, digital)
    _add(client, shop.variant)

    # when
    details = client.get("/cart/checkout/details/").content.decode()
    shipping = client.get("/cart/checkout/shipping/")

    # then
    assert "Street address" in details
    assert ">Delivery</a>" in details
    assert shipping.status_code == 302
    assert shipping.url == "/cart/checkout/details/"


def _ready_digital_cart(client, shop):
    variant = digital_variant(channel=shop.channel, warehouse=shop.warehouse)
    _add(client, variant)
    client.post("/cart/checkout/details/", {"email": "ada@example.com"})
    client.post("/cart/checkout/billing/", US_ADDRESS)
    return Checkout.objects.get()


@pytest.mark.parametrize("path", ["/cart/", "/cart/checkout/review/"])
def test_digital_page_queries_do_not_grow_with_lines(client, shop, path):
    # given one digital line
    checkout = _ready_digital_cart(client, shop)
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200

    # when nine more are added
    from storefront.checkout.services.cart import checkout_line_add

    for _ in range(9):
        variant = digital_variant(channel=shop.channel, warehouse=shop.warehouse)
        checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    with CaptureQueriesContext(connection) as ten:
        response = client.get(path)

    # then
    assert response.status_code == 200
    assert response.content.decode().count('data-total="shipping">None needed') == 1
    assert len(ten.captured_queries) == len(one.captured_queries)
