"""The header's cart on every page: lines, subtotal, free-shipping progress, links,
the same figures as the cart page, and a fixed number of queries."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.checkout.models import Checkout
from storefront.checkout.selectors import checkout_get_for_shopper
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from tests.common.shopper import shopper_in_region
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import ProductMediaFactory
from tests.factories.checkout import sellable_variant

pytestmark = pytest.mark.django_db


def _panel(html: str) -> str:
    found = re.search(r'<details class="mini-cart".*?</details>', html, re.S)
    assert found, "the header has no cart"
    return found.group(0)


def _subtotal(html: str, attribute: str) -> str:
    found = re.search(rf'data-total="{attribute}">([^<]+)<', html)
    assert found, f"no {attribute} on the page"
    return found.group(1)


def test_lists_the_lines_subtotal_free_shipping_and_links(client, shop):
    # given two units of a 10.00 item with a picture, and one of a 25.00 item
    ProductMediaFactory(product=shop.variant.product, alt="Front")
    other = sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        price="25.00",
        product_fields={"name": "Reishi Tincture", "slug": "reishi-tincture"},
    )
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "2"})
    client.post("/cart/add/", {"variant": other.pk, "quantity": "1"})

    # when a catalogue page is shown
    panel = _panel(client.get("/").content.decode())

    # then
    assert 'data-testid="cart-count">3<' in panel
    assert shop.variant.product.name in panel
    assert '<a href="/products/reishi-tincture/">Reishi Tincture</a>' in panel
    assert "Qty 2" in panel
    assert '<span class="mini-cart__price">$20.00</span>' in panel
    assert '<span class="mini-cart__price">$25.00</span>' in panel
    assert re.search(r'<img src="/media/renditions/[^"]+\.webp"', panel)
    assert _subtotal(panel, "mini-subtotal") == "$45.00"
    assert "$55.00</strong> away from free standard delivery" in panel
    assert 'href="/cart/">View cart</a>' in panel
    assert 'href="/cart/checkout/details/">Checkout</a>' in panel


def test_an_empty_cart_says_so(client, shop):
    # when a visitor with no cart opens a page
    panel = _panel(client.get("/").content.decode())

    # then
    assert "Nothing in your cart yet." in panel
    assert 'data-testid="cart-count">0<' in panel
    assert "Checkout</a>" not in panel
    assert "mini-cart__line" not in panel


def test_shows_the_same_subtotal_as_the_cart_page(client, shop):
    # given three lines
    for price, quantity in (("12.50", "3"), ("7.25", "2")):
        variant = sellable_variant(
            channel=shop.channel, warehouse=shop.warehouse, price=price
        )
        client.post("/cart/add/", {"variant": variant.pk, "quantity": quantity})
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "1"})

    # when
    home = client.get("/").content.decode()
    cart = client.get("/cart/").content.decode()

    # then both come from the checkout's one calculation
    assert _subtotal(home, "mini-subtotal") == _subtotal(cart, "subtotal") == "$62.00"
    assert _subtotal(cart, "mini-subtotal") == "$62.00"


def test_follows_a_region_change_before_the_cart_page_is_seen(client, shop):
    """A line the new region forbids is left out at once, as the cart page does."""
    # given a cart with CBD, bought while in the plain US region
    cbd = sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        price="30.00",
        product_fields={"regulated_class": "cbd", "name": "CBD Oil"},
    )
    shopper_in_region(client, "US")
    client.post("/cart/add/", {"variant": cbd.pk, "quantity": "1"})
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "1"})

    # when the shopper moves to Alabama, where CBD may not ship
    shopper_in_region(client, "US-AL")
    panel = _panel(client.get("/").content.decode())

    # then the header's cart already agrees with what the cart page will say
    assert panel.count("Unavailable; your cart says why") == 1
    assert re.search(r"CBD Oil</a>.*?Unavailable; your cart says why", panel, re.S)
    assert _subtotal(panel, "mini-subtotal") == "$10.00"
    assert "Checkout</a>" not in panel
    # and nothing was saved by merely showing it
    assert Checkout.objects.get().region == "US"
    cart = client.get("/cart/").content.decode()
    assert _subtotal(cart, "subtotal") == "$10.00"
    assert Checkout.objects.get().region == "US-AL"


def test_queries_do_not_grow_with_the_lines(client, shop):
    # given one line, then five
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "1"})
    client.get(f"/products/{shop.variant.product.slug}/")
    with CaptureQueriesContext(connection) as one:
        page = client.get(f"/products/{shop.variant.product.slug}/")
    assert page.status_code == 200
    checkout = Checkout.objects.get()
    for _ in range(4):
        variant = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
        checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)

    # when
    with CaptureQueriesContext(connection) as five:
        page = client.get(f"/products/{shop.variant.product.slug}/")

    # then
    assert _panel(page.content.decode()).count('<li class="mini-cart__line') == 5
    assert len(five.captured_queries) == len(one.captured_queries)


def test_a_visitor_without_a_cart_reads_no_checkout(client, shop, settings):
    # given a fresh page, not one from the page cache
    settings.PAGE_CACHE_ENABLED = False

    # when
    with CaptureQueriesContext(connection) as page:
        client.get(f"/products/{shop.variant.product.slug}/")

    # then the header's cart asked nothing of the database
    assert page.captured_queries
    assert not [q for q in page.captured_queries if "checkout_" in q["sql"]]


def test_signed_in_customer_sees_their_newest_checkout(client, shop):
    # given an older cart with five units and a newer one with two
    user = UserFactory()
    older = checkout_create(channel=shop.channel, region="US", user=user)
    checkout_line_add(checkout=older, variant_id=shop.variant.pk, quantity=5)
    newer = checkout_create(channel=shop.channel, region="US", user=user)
    checkout_line_add(checkout=newer, variant_id=shop.variant.pk, quantity=2)
    Checkout.objects.filter(pk=older.pk).update(last_change="2020-01-01T00:00Z")
    client.force_login(user)

    # when
    panel = _panel(client.get("/").content.decode())

    # then
    assert 'data-testid="cart-count">2<' in panel
    assert _subtotal(panel, "mini-subtotal") == "$20.00"


def test_shopper_checkout_is_the_newest_in_the_channel(shop):
    # given a customer with an older and a newer checkout
    user = UserFactory()
    older = checkout_create(channel=shop.channel, region="US", user=user)
    newer = checkout_create(channel=shop.channel, region="US", user=user)
    Checkout.objects.filter(pk=older.pk).update(last_change="2020-01-01T00:00Z")

    # then the newer one is theirs, and another channel has none
    found = checkout_get_for_shopper(
        user_id=user.pk, token=None, channel_id=shop.channel.pk
    )
    assert found is not None
    assert found.pk == newer.pk
    assert checkout_get_for_shopper(user_id=user.pk, token=None, channel_id=0) is None


def test_a_guest_token_for_an_accounts_cart_is_no_cart(shop):
    # given a customer's checkout whose token a guest presents
    owned = checkout_create(channel=shop.channel, region="US", user=UserFactory())

    # then
    assert (
        checkout_get_for_shopper(
            user_id=None, token=str(owned.token), channel_id=shop.channel.pk
        )
        is None
    )


@pytest.mark.parametrize("token", [None, "", "not-a-uuid"])
def test_without_a_usable_token_there_is_no_cart_and_no_query(
    shop, token, django_assert_num_queries
):
    with django_assert_num_queries(0):
        assert (
            checkout_get_for_shopper(
                user_id=None, token=token, channel_id=shop.channel.pk
            )
            is None
        )
