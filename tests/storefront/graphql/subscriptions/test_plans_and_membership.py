"""Product.subscriptionPlan and User.membership (our additions)."""

from datetime import date
from decimal import Decimal

import pytest

from storefront.subscriptions.models import Interval
from storefront.subscriptions.services.self_service import subscription_cancel
from tests.factories.catalogue import ChannelFactory, listed_product
from tests.factories.checkout import sellable_variant
from tests.factories.subscriptions import SubscriptionPlanFactory

PRODUCT_PLAN = """
query($slug: String, $channel: String, $planChannel: String) {
  product(slug: $slug, channel: $channel) {
    subscriptionPlan(channel: $planChannel) {
      discountPercent isMembership intervals { interval label }
    }
  }
}"""

LIST_PLANS = """
query($channel: String, $first: Int) {
  products(channel: $channel, first: $first) {
    edges { node { slug subscriptionPlan { discountPercent } } }
  }
}"""

MEMBERSHIP = "query { me { membership { active until } } }"


def test_product_plan_offers_its_intervals_and_discount(gql, shop):
    # given the 10 % plan with four intervals (fixture)
    # when the product is read in its channel
    data = gql(
        PRODUCT_PLAN,
        {"slug": shop.variant.product.slug, "channel": shop.channel.slug},
    )

    # then the plan is offered
    assert data["product"]["subscriptionPlan"] == {
        "discountPercent": 10.0,
        "isMembership": False,
        "intervals": [
            {"interval": "EVERY_2_WEEKS", "label": "every 2 weeks"},
            {"interval": "EVERY_4_WEEKS", "label": "every 4 weeks"},
            {"interval": "EVERY_8_WEEKS", "label": "every 8 weeks"},
            {"interval": "MONTHLY", "label": "monthly"},
        ],
    }


def test_product_plan_is_null_without_a_plan_or_in_another_channel(gql, shop):
    # given a product without a plan, and another channel without the plan
    plain = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
    other = ChannelFactory(slug="eu", currency_code="EUR")

    # when each is read
    no_plan = gql(
        PRODUCT_PLAN, {"slug": plain.product.slug, "channel": shop.channel.slug}
    )
    elsewhere = gql(
        PRODUCT_PLAN,
        {
            "slug": shop.variant.product.slug,
            "channel": shop.channel.slug,
            "planChannel": other.slug,
        },
    )

    # then neither offers a subscription
    assert no_plan == {"product": {"subscriptionPlan": None}}
    assert elsewhere == {"product": {"subscriptionPlan": None}}


def test_product_plan_is_null_when_the_plan_is_inactive(gql, shop):
    # given the plan is switched off
    shop.plan.is_active = False
    shop.plan.save()

    # when the product is read
    data = gql(
        PRODUCT_PLAN, {"slug": shop.variant.product.slug, "channel": shop.channel.slug}
    )

    # then no plan is offered
    assert data == {"product": {"subscriptionPlan": None}}


def test_product_plan_names_an_unknown_channel(api, shop):
    # when the plan is asked for in a channel that does not exist
    content = api(
        PRODUCT_PLAN,
        {
            "slug": shop.variant.product.slug,
            "channel": shop.channel.slug,
            "planChannel": "mars",
        },
    )

    # then the error names it
    assert [e["message"] for e in content["errors"]] == [
        "Channel with 'mars' slug does not exist."
    ]


@pytest.mark.parametrize("count", [3, 12])
def test_plans_of_a_product_page_cost_one_query(
    gql, shop, count, django_assert_num_queries
):
    # given a page of products, each on a plan (plus the shop's own product)
    for _ in range(count):
        product = listed_product(channel=shop.channel, prices=(Decimal("10"),))
        SubscriptionPlanFactory(product=product, channel=shop.channel)

    # when the page is read with plans; then the count is fixed: channel (1),
    # page (1), plans of the channel (1)
    with django_assert_num_queries(3):
        data = gql(LIST_PLANS, {"channel": shop.channel.slug, "first": 100})

    # then every product shows its plan
    plans = [e["node"]["subscriptionPlan"] for e in data["products"]["edges"]]
    assert plans == [{"discountPercent": 10.0}] * (count + 1)


@pytest.fixture
def membership(shop):
    """A monthly member access plan bought today (2 March 2026)."""
    variant = sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        price="9.00",
        track_inventory=False,
    )
    SubscriptionPlanFactory(
        product=variant.product,
        channel=shop.channel,
        discount_percent=Decimal(0),
        intervals=[Interval.MONTHLY],
        is_membership=True,
    )
    return shop.subscribe(variant=variant, interval=Interval.MONTHLY, quantity=1)


def test_membership_is_active_until_the_end_of_the_paid_month(
    gql, signed_in, membership
):
    # when the member reads their membership
    data = gql(MEMBERSHIP)

    # then access runs to the end of the month paid for
    assert membership.paid_until == date(2026, 4, 2)
    assert data == {"me": {"membership": {"active": True, "until": "2026-04-02"}}}


def test_cancelled_membership_stays_active_until_the_paid_period_ends(
    gql, shop, signed_in, membership
):
    # given the member cancels
    subscription_cancel(subscription=membership, user=shop.customer, reason="Busy")

    # when they read their membership
    data = gql(MEMBERSHIP)

    # then access still runs to the end of what was paid
    assert data == {"me": {"membership": {"active": True, "until": "2026-04-02"}}}


def test_membership_is_inactive_without_one(gql, signed_in, subscription):
    # given only a goods subscription (fixture)
    # when the customer reads their membership
    data = gql(MEMBERSHIP)

    # then there is none
    assert data == {"me": {"membership": {"active": False, "until": None}}}
