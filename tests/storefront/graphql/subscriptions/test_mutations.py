"""The self-service mutations: each changes only the caller's own subscription."""

from datetime import date

from storefront.subscriptions.models import (
    SubscriptionStatus,
)
from storefront.subscriptions.services.self_service import subscription_pause
from tests.factories.catalogue import (
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.storefront.graphql.subscriptions.conftest import gid, sub_id
from tests.storefront.graphql.subscriptions.mutations import (
    ADDRESS,
    CANCEL,
    FREQUENCY,
    LINE,
    NY_ADDRESS,
    ORDER_NOW,
    PAUSE,
    RESUME,
    SKIP,
)

# --- success ------------------------------------------------------------------------


def test_skip_moves_the_next_renewal_one_interval(gql, signed_in, subscription):
    # when the customer skips the next delivery
    data = gql(SKIP, {"id": sub_id(subscription)})["subscriptionSkip"]

    # then the renewal moves 4 weeks, and the history says so
    assert data["errors"] == []
    assert data["subscription"]["nextRenewalDate"] == "2026-04-27"
    assert [e["type"] for e in data["subscription"]["events"]] == [
        "SKIPPED",
        "CREATED",
    ]
    subscription.refresh_from_db()
    assert subscription.next_renewal_date == date(2026, 4, 27)


def test_pause_until_a_date(gql, signed_in, subscription):
    # when the customer pauses until 1 June
    data = gql(PAUSE, {"id": sub_id(subscription), "until": "2026-06-01"})[
        "subscriptionPause"
    ]

    # then it is paused until then
    assert data["errors"] == []
    assert data["subscription"]["status"] == "PAUSED"
    assert data["subscription"]["pausedUntil"] == "2026-06-01"
    subscription.refresh_from_db()
    assert (subscription.status, subscription.paused_until) == (
        SubscriptionStatus.PAUSED,
        date(2026, 6, 1),
    )


def test_resume_a_paused_subscription(gql, shop, signed_in, subscription):
    # given a paused subscription
    subscription_pause(
        subscription=subscription, user=shop.customer, until=date(2026, 6, 1)
    )

    # when the customer resumes it
    data = gql(RESUME, {"id": sub_id(subscription)})["subscriptionResume"]

    # then it is active again with its renewal date kept
    assert data["errors"] == []
    assert data["subscription"]["status"] == "ACTIVE"
    assert data["subscription"]["pausedUntil"] is None
    assert data["subscription"]["nextRenewalDate"] == "2026-03-30"


def test_frequency_update_changes_the_interval(gql, signed_in, subscription):
    # when the customer switches to every 8 weeks
    data = gql(FREQUENCY, {"id": sub_id(subscription), "interval": "EVERY_8_WEEKS"})[
        "subscriptionFrequencyUpdate"
    ]

    # then the interval changes and the next date stays
    assert data["errors"] == []
    assert data["subscription"]["interval"] == "EVERY_8_WEEKS"
    assert data["subscription"]["nextRenewalDate"] == "2026-03-30"
    subscription.refresh_from_db()
    assert subscription.interval == "8w"


def test_line_update_changes_the_quantity_and_the_option(
    gql, shop, signed_in, subscription
):
    # given another option of the same product sold in the channel
    larger = ProductVariantFactory(product=shop.variant.product, sku="BIG-JAR")
    ProductVariantChannelListingFactory(variant=larger, channel=shop.channel)
    line = subscription.lines.get()

    # when the customer takes 3 of the larger option
    data = gql(
        LINE,
        {
            "lineId": gid("SubscriptionLine", line.pk),
            "quantity": 3,
            "variantId": gid("ProductVariant", larger.pk),
        },
    )["subscriptionLineUpdate"]

    # then the line is changed
    assert data["errors"] == []
    assert data["subscriptionLine"] == {
        "id": gid("SubscriptionLine", line.pk),
        "quantity": 3,
        "variant": {"sku": "BIG-JAR"},
    }
    line.refresh_from_db()
    assert (line.variant_id, line.quantity) == (larger.pk, 3)


def test_line_update_keeps_the_quantity_when_only_the_option_changes(
    gql, shop, signed_in, subscription
):
    # given another option of the same product
    larger = ProductVariantFactory(product=shop.variant.product, sku="BIG-JAR")
    ProductVariantChannelListingFactory(variant=larger, channel=shop.channel)
    line = subscription.lines.get()

    # when only the option is sent
    data = gql(
        LINE,
        {
            "lineId": gid("SubscriptionLine", line.pk),
            "variantId": gid("ProductVariant", larger.pk),
        },
    )["subscriptionLineUpdate"]

    # then the quantity stays 2
    assert data["errors"] == []
    assert data["subscriptionLine"]["quantity"] == 2
    assert data["subscriptionLine"]["variant"] == {"sku": "BIG-JAR"}


def test_address_update_delivers_to_the_new_address(gql, signed_in, subscription):
    # when the customer moves to New York
    data = gql(ADDRESS, {"id": sub_id(subscription), "address": NY_ADDRESS})[
        "subscriptionAddressUpdate"
    ]

    # then renewals go there
    assert data["errors"] == []
    assert data["subscription"]["shippingAddress"] == {
        "city": "NEW YORK",
        "countryArea": "NY",
        "postalCode": "10118",
        "country": {"code": "US"},
    }
    subscription.refresh_from_db()
    assert subscription.region == "US-NY"


def test_order_now_places_and_charges_the_next_delivery(gql, signed_in, subscription):
    # when the customer orders the next delivery today
    data = gql(ORDER_NOW, {"id": sub_id(subscription)})["subscriptionOrderNow"]

    # then a second order is placed (2 x 18.00 + 5.00 delivery), and the next
    # renewal follows one interval after today
    assert data["errors"] == []
    newest = subscription.subscription_orders.first().order
    assert data["order"] == {
        "number": newest.number,
        "total": {"gross": {"amount": 41.0}},
    }
    assert subscription.subscription_orders.count() == 2
    assert data["subscription"]["nextRenewalDate"] == "2026-03-30"
    assert [e["type"] for e in data["subscription"]["events"]] == [
        "ORDERED_NOW",
        "CREATED",
    ]
    assert [o["number"] for o in data["subscription"]["orders"]] == [
        newest.number,
        subscription.subscription_orders.last().order.number,
    ]


def test_cancel_with_a_reason(gql, signed_in, subscription):
    # when the customer cancels, saying why
    data = gql(CANCEL, {"id": sub_id(subscription), "reason": "Moving abroad"})[
        "subscriptionCancel"
    ]

    # then it is cancelled with the reason kept
    assert data["errors"] == []
    assert data["subscription"]["status"] == "CANCELLED"
    assert data["subscription"]["cancelReason"] == "Moving abroad"
    subscription.refresh_from_db()
    assert subscription.cancel_reason == "Moving abroad"


def test_cancel_without_a_reason(gql, signed_in, subscription):
    # when the customer cancels and gives no reason
    data = gql(
        """mutation C($id: ID!) { subscriptionCancel(id: $id) {
             subscription { status cancelReason } errors { field code message } } }""",
        {"id": sub_id(subscription)},
    )["subscriptionCancel"]

    # then it is cancelled all the same
    assert data["errors"] == []
    assert data["subscription"] == {"status": "CANCELLED", "cancelReason": None}
