"""The paths a reader and a shopper take, in headless Chromium: the membership from
the paywall, an address the law refuses, and a declined age verification.

Set ``E2E_SCREENSHOT_DIR`` to keep PNGs of each page at phone and desktop widths.
"""

import io
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from storefront.orders.models import Order
from storefront.payments.models import Payment
from storefront.subscriptions.demo import populate_membership
from tests.factories.catalogue import CategoryFactory, ChannelFactory, WarehouseFactory
from tests.factories.checkout import sellable_variant, shipping_method
from tests.factories.content import article_create, rich
from tests.factories.subscriptions import UserFactory

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

SENTINEL = "Only paying members read this sentence about the heron."
PASSWORD = "correct-horse-42"
WIDTHS = (390, 1366)


def _shots(page: Page, name: str) -> None:
    folder = os.environ.get("E2E_SCREENSHOT_DIR")
    if not folder:
        return
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.screenshot(path=str(Path(folder) / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size({"width": 1366, "height": 900})


def _address(page: Page, *, state: str, city: str, postal_code: str) -> None:
    page.get_by_label("First name").fill("Ada")
    page.get_by_label("Last name").fill("Lovelace")
    page.get_by_label("Street address").fill("600 Dexter Ave")
    page.get_by_label("City").fill(city)
    page.get_by_label("Postal code").fill(postal_code)
    page.get_by_label("State, province or region").fill(state)


@pytest.fixture
def kratom(transactional_db):
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    category = CategoryFactory(name="Botanicals", slug="botanicals")
    variant = sellable_variant(
        channel=channel,
        warehouse=warehouse,
        price="30.00",
        product_fields={
            "name": "Kratom Powder",
            "slug": "kratom-powder",
            "regulated_class": "kratom",
            "category": category,
        },
    )
    shipping_method(channel=channel, countries=["US"], name="Standard", price="5.00")
    return variant


def _kratom_in_cart(page: Page, live_server) -> None:
    page.goto(f"{live_server.url}/products/kratom-powder/")
    page.get_by_label("Day of birth", exact=True).fill("14")
    page.get_by_label("Month of birth", exact=True).select_option("3")
    page.get_by_label("Year of birth", exact=True).fill("1985")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    page.get_by_role("link", name="Check out").click()
    page.get_by_label("Email address").fill("adult@example.com")


def test_buy_the_monthly_membership_from_the_paywall_and_read(
    page, live_server, settings, transactional_db
):
    # given the demo membership and a paid article
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    ChannelFactory()
    populate_membership(io.StringIO())
    article = article_create(
        title="For members",
        slug="for-members",
        access_level="paid",
        preview_block_count=1,
        body=[rich("Anyone may read this opening."), rich(SENTINEL)],
    )
    UserFactory(email="reader@example.com")

    # a reader meets the paywall and follows "Become a member"
    page.goto(live_server.url + article.url)
    expect(
        page.get_by_role("heading", name="Subscribe to keep reading")
    ).to_be_visible()
    page.get_by_role("link", name="Become a member").click()
    expect(page.get_by_role("heading", name="Become a member")).to_be_visible()
    expect(page.get_by_text("$9.00", exact=True)).to_be_visible()
    _shots(page, "membership")

    # signs in from there and comes back to join monthly
    page.get_by_role("main").get_by_role(
        "link", name="sign in", exact=True
    ).first.click()
    page.get_by_label("Email address").fill("reader@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page).to_have_url(re.compile(r"/membership/$"))
    page.get_by_role("button", name="Join monthly").click()

    # checks out: email, billing address, card
    page.get_by_role("link", name="Check out").click()
    page.get_by_label("Email address").fill("reader@example.com")
    page.get_by_role("button", name="Continue to billing").click()
    _address(page, state="CA", city="Mountain View", postal_code="94043")
    page.get_by_role("button", name="Continue to review").click()
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(
        page.get_by_text(re.compile(r"Thank you! Your order \d+ is confirmed"))
    ).to_be_visible()
    expect(page.get_by_text("Delivered digitally")).to_be_visible()
    _shots(page, "membership-order")

    # and reads the whole paid article
    page.goto(live_server.url + article.url)
    expect(page.get_by_text(SENTINEL)).to_be_visible()
    assert Order.objects.get().total_gross_amount == 9


def test_alabama_with_kratom_stops_at_the_address_step(page, live_server, kratom):
    # given kratom in the cart
    _kratom_in_cart(page, live_server)

    # when an Alabama address is entered
    _address(page, state="AL", city="Montgomery", postal_code="36104")
    page.get_by_role("button", name="Continue to delivery").click()

    # then the address step stays, with the rule's reason and source
    expect(page).to_have_url(re.compile(r"/cart/checkout/details/$"))
    expect(
        page.get_by_role("heading", name="This item cannot be shipped to this address")
    ).to_be_visible()
    expect(page.get_by_text(re.compile(r"Why: Kratom's alkaloids"))).to_be_visible()
    expect(
        page.get_by_text(re.compile(r"Source: Alabama's Schedule I"))
    ).to_be_visible()
    expect(
        page.get_by_role("button", name="Remove this item from my cart")
    ).to_be_visible()
    _shots(page, "address-refused")
    assert Payment.objects.count() == 0


def test_a_declined_age_verification_shows_its_outcome(page, live_server, kratom):
    # given kratom for California, where it needs a verified age of 21
    _kratom_in_cart(page, live_server)
    _address(page, state="CA", city="Mountain View", postal_code="94043")
    page.get_by_role("button", name="Continue to delivery").click()
    page.get_by_label(re.compile("Standard")).check()
    page.get_by_role("button", name="Continue to billing").click()
    page.get_by_label("Billing address is the same as the shipping address").check()
    page.get_by_role("button", name="Continue to review").click()

    # the age-gate answer counts: no second date of birth, straight to the check
    expect(page.get_by_text("Step 1: your date of birth")).to_have_count(0)

    # when the provider declines
    page.get_by_role("button", name="Verify your age").click()
    page.get_by_role("button", name="Decline").click()

    # then the review page says what happened, what next, and keeps the cart
    expect(page.get_by_text("Your age could not be verified.")).to_be_visible()
    expect(
        page.get_by_text(re.compile("Your cart is kept as it is and nothing has"))
    ).to_be_visible()
    expect(page.get_by_role("button", name="Try the age check again")).to_be_visible()
    _shots(page, "age-declined")
    assert Payment.objects.count() == 0
