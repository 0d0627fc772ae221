"""Subscribe from a product page, then skip, change frequency and cancel."""

import re
from datetime import timedelta
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from storefront.accounts.models import User
from storefront.subscriptions.models import Subscription, SubscriptionStatus
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import sellable_variant, shipping_method
from tests.factories.subscriptions import SubscriptionPlanFactory

# serialized_rollback restores what migrations created after the flush.
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
        price="20.00",
        product_fields={"name": "Reishi Tea", "slug": "reishi-tea"},
    )
    SubscriptionPlanFactory(
        product=variant.product, channel=channel, discount_percent=Decimal(10)
    )
    shipping_method(channel=channel, countries=["US"], name="Standard", price="5.00")
    User.objects.create_user("ada@example.com", PASSWORD)
    return variant


def _subscribe(page, live_server):
    page.goto(f"{live_server.url}/account/login/")
    page.get_by_label("Email address").fill("ada@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Your account")).to_be_visible()
    page.goto(f"{live_server.url}/products/reishi-tea/")
    page.get_by_label("Subscribe & save 10%").check()
    page.get_by_label("Deliver").select_option("4w")
    page.get_by_role("button", name="Add to cart").click()
    expect(page).to_have_url(re.compile(r"/cart/$"))
    expect(
        page.get_by_text("Subscribe & save: $18.00 each, every 4 weeks")
    ).to_be_visible()
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
    page.get_by_label("Card number").fill("4242 4242 4242 4242")
    page.get_by_role("button", name="Pay $23.00").click()
    expect(page.get_by_text(re.compile(r"Your order \d+ is confirmed"))).to_be_visible()


def test_subscribe_then_skip_change_frequency_and_cancel(page, live_server, product):
    # given
    _subscribe(page, live_server)
    subscription = Subscription.objects.get()
    first_date = subscription.next_renewal_date

    # when: open it from the account
    page.goto(f"{live_server.url}/account/")
    page.get_by_role("link", name="Your subscriptions").click()
    page.get_by_role("link", name=f"Subscription #{subscription.pk}").click()

    # then
    expect(page.get_by_test_id("frequency")).to_have_text("Every 4 weeks")
    expect(page.get_by_test_id("next-renewal")).to_have_text(
        f"{first_date.day} {first_date:%B %Y}"
    )

    # when: skip
    page.get_by_role("button", name="Skip the next delivery").click()

    # then
    skipped = first_date + timedelta(weeks=4)
    expect(page.get_by_text("The next delivery is skipped.")).to_be_visible()
    expect(page.get_by_test_id("next-renewal")).to_have_text(
        f"{skipped.day} {skipped:%B %Y}"
    )

    # when: change frequency
    page.get_by_label("Delivery frequency").select_option("8w")
    page.get_by_role("button", name="Change frequency").click()

    # then
    expect(page.get_by_test_id("frequency")).to_have_text("Every 8 weeks")

    # when: cancel, past the offer to pause
    page.get_by_role("link", name="Cancel subscription").click()
    expect(page.get_by_role("button", name="Pause instead")).to_be_visible()
    page.get_by_label("Something else").check()
    page.get_by_label("Anything you would like to add? (optional)").fill(
        "Trying something else"
    )
    page.get_by_role("button", name="Cancel subscription").click()

    # then
    expect(page.get_by_text("Your subscription is cancelled.")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Cancelled")
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.interval == "8w"
    assert subscription.next_renewal_date == skipped
    assert subscription.cancel_reason == "Something else: Trying something else"
