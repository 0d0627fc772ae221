"""Age gate and provider verification at checkout, in headless Chromium."""

import re

import pytest
from playwright.sync_api import expect

from compliance.models import AgeLevel, AgeResult, AgeVerification
from storefront.orders.models import Order
from storefront.payments.models import Payment
from tests.factories.catalogue import CategoryFactory, ChannelFactory, WarehouseFactory
from tests.factories.checkout import sellable_variant, shipping_method

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


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


def test_age_gate_then_verified_purchase(page, live_server, kratom):
    # the category asks for a date of birth first, without JavaScript tricks
    page.goto(f"{live_server.url}/categories/botanicals/")
    expect(page.get_by_role("heading", name="Confirm your age")).to_be_visible()
    expect(page.get_by_text("Kratom Powder")).to_have_count(0)
    page.get_by_label("Day of birth").fill("14")
    page.get_by_label("Month of birth").select_option("3")
    page.get_by_label("Year of birth").fill("1985")
    page.get_by_role("button", name="Continue").click()
    page.get_by_role("link", name="Kratom Powder").first.click()

    # the product page remembers the gate for the visit
    expect(page.get_by_role("heading", name="Kratom Powder")).to_be_visible()
    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    page.get_by_role("link", name="Check out").click()
    page.get_by_label("Email address").fill("adult@example.com")
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

    # step 1 of the ladder is done: the age gate's answer counts at checkout
    expect(page.get_by_text("Step 1: your date of birth")).to_have_count(0)
    expect(page.get_by_text("Step 2: Age verification required.")).to_be_visible()

    # paying before the provider's check is refused; nothing is charged
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(
        page.get_by_text(re.compile("Age verification required")).first
    ).to_be_visible()
    assert Payment.objects.count() == 0

    # step 2: the provider's page, approved; its signed webhook records the result
    page.get_by_role("button", name="Verify your age").click()
    expect(page.get_by_role("heading", name="Test age verification")).to_be_visible()
    page.get_by_role("button", name="Approve").click()
    expect(
        page.get_by_text("Your age has been verified. You can pay now.")
    ).to_be_visible()

    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name=re.compile(r"^Pay ")).click()
    expect(
        page.get_by_text(re.compile(r"Thank you! Your order \d+ is confirmed"))
    ).to_be_visible()
    order = Order.objects.get()
    assert order.requires_adult_signature is True
    check = AgeVerification.objects.get(level=AgeLevel.VERIFIED)
    assert (check.result, check.threshold, check.subject_ref) == (
        AgeResult.APPROVED,
        21,
        f"guest:{order.checkout_token}",
    )
