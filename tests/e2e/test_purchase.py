"""A full purchase in headless Chromium with the dummy gateway."""

import re

import pytest
from playwright.sync_api import expect

from storefront.accounts.models import User
from storefront.checkout.models import CheckoutLine
from storefront.orders.models import Order
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import sellable_variant, shipping_method

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]
PASSWORD = "green-tea-9931"


@pytest.fixture
def product(transactional_db):
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(
        channel=channel,
        warehouse=warehouse,
        price="19.00",
        product_fields={"name": "Chaga Tea", "slug": "chaga-tea"},
    )
    shipping_method(channel=channel, countries=["US"], name="Standard", price="5.00")
    User.objects.create_user("ada@example.com", PASSWORD)
    return variant


def _sign_in(page, live_server):
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()


def _to_review(page, live_server):
    page.goto(f"{live_server.url}/products/chaga-tea/")
    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    expect(page.locator("[data-total=total]")).to_have_text("$19.00")
    page.get_by_role("link", name="Check out").click()
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Street address").fill("1600 Amphitheatre Pkwy")
    page.get_by_label("City").fill("Mountain View")
    page.get_by_label("Postal code").fill("94043")
    page.get_by_label("State, province or region").fill("CA")
    page.get_by_role("button", name="Continue to delivery").click()
    page.get_by_label(re.compile("Standard")).check()
    page.get_by_role("button", name="Continue to billing").click()
    page.get_by_label("Billing address is the same as the shipping address").check()
    page.get_by_role("button", name="Continue to review").click()
    expect(page.locator("[data-total=total]")).to_have_text("$24.00")


def test_purchase_then_order_in_account(page, live_server, product):
    _sign_in(page, live_server)
    _to_review(page, live_server)
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name="Pay $24.00").click()
    expect(
        page.get_by_text(re.compile(r"Thank you! Your order \d+ is confirmed"))
    ).to_be_visible()
    order = Order.objects.get()
    assert order.total_gross_amount == 24
    page.goto(f"{live_server.url}/account/")
    expect(page.get_by_role("link", name=order.number)).to_be_visible()


def test_declined_card_shows_error_and_keeps_cart(page, live_server, product):
    _sign_in(page, live_server)
    _to_review(page, live_server)
    page.get_by_label("Card number").fill("4000000000000002")
    page.get_by_role("button", name="Pay $24.00").click()
    expect(page.get_by_text(re.compile("Your card was declined"))).to_be_visible()
    assert Order.objects.count() == 0
    assert CheckoutLine.objects.get().quantity == 1
    page.goto(f"{live_server.url}/cart/")
    expect(page.get_by_role("link", name="Chaga Tea")).to_be_visible()


def test_3d_secure_card_completes_after_confirmation(page, live_server, product):
    _to_review(page, live_server)
    page.get_by_label("Card number").fill("4000002500003155")
    page.get_by_role("button", name="Pay $24.00").click()
    expect(page.get_by_role("heading", name="Confirm your payment")).to_be_visible()
    assert Order.objects.count() == 0
    page.get_by_role("button", name="Confirm payment").click()
    expect(
        page.get_by_text(re.compile(r"Thank you! Your order \d+ is confirmed"))
    ).to_be_visible()
    assert Order.objects.count() == 1
