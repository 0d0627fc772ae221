"""What the header and cart show: the item count, free-shipping progress, pictures."""

import re
from decimal import Decimal

import pytest

from storefront.checkout.selectors import free_shipping_threshold
from tests.factories.catalogue import ProductMediaFactory
from tests.factories.checkout import shipping_method

pytestmark = pytest.mark.django_db


def _header_count(html: str) -> int:
    found = re.search(r'data-testid="cart-count">(\d+)', html)
    assert found, "the header shows no cart count"
    return int(found.group(1))


def test_header_counts_the_guests_items_on_every_page(client, shop):
    # given an empty cart, then three units of one item
    assert _header_count(client.get("/").content.decode()) == 0
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "3"})

    # then the home page and the cart page both say 3
    assert _header_count(client.get("/").content.decode()) == 3
    assert _header_count(client.get("/cart/").content.decode()) == 3


def test_free_shipping_threshold_is_the_lowest_in_the_channel(shop):
    # given the shop's method (free above 100) and a cheaper threshold elsewhere
    shipping_method(
        channel=shop.channel, countries=["CA"], name="Slow", free_above="40"
    )
    shipping_method(
        channel=shop.channel, countries=["MX"], name="Paid", free_above=None
    )

    # then
    assert free_shipping_threshold(channel_id=shop.channel.pk) == Decimal("40.00")


def test_cart_shows_pictures_prices_and_free_shipping_progress(client, shop):
    # given a line worth 10.00 of the 100.00 that ships free, with a picture
    ProductMediaFactory(product=shop.variant.product, alt="Front")
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "1"})

    # when
    html = client.get("/cart/").content.decode()

    # then
    assert "$90.00</strong> away from free standard delivery" in html
    assert '<progress max="100" value="10"' in html
    assert re.search(r'<img src="/media/renditions/[^"]+\.webp" srcset=', html)
    assert "$10.00 each" in html


def test_cart_says_when_the_order_ships_free(client, shop):
    # given 10 units of 10.00: the 100.00 threshold is reached
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "10"})

    # when
    html = client.get("/cart/").content.decode()

    # then
    assert "Your order ships free" in html


def test_checkout_steps_show_the_order_summary(client, shop):
    # given
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "2"})

    # when
    html = client.get("/cart/checkout/details/").content.decode()

    # then
    assert 'id="summary-heading">Order summary' in html
    assert shop.variant.product.name in html
    assert '<td data-total="subtotal">$20.00</td>' in html
