"""The self-service mutations refuse what is not the caller's or not allowed, and
change nothing when they do."""

from datetime import date

import pytest

from storefront.subscriptions.services.self_service import subscription_pause
from tests.factories.checkout import DE_ADDRESS, sellable_variant
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
    snapshot,
)

# --- someone else's, or nobody's: NOT_FOUND and nothing changes ----------------------

OTHERS = [
    pytest.param(SKIP, "subscriptionSkip", {}, id="skip"),
    pytest.param(PAUSE, "subscriptionPause", {"until": "2026-06-01"}, id="pause"),
    pytest.param(RESUME, "subscriptionResume", {}, id="resume"),
    pytest.param(
        FREQUENCY,
        "subscriptionFrequencyUpdate",
        {"interval": "EVERY_8_WEEKS"},
        id="frequency",
    ),
    pytest.param(
        ADDRESS, "subscriptionAddressUpdate", {"address": NY_ADDRESS}, id="address"
    ),
    pytest.param(ORDER_NOW, "subscriptionOrderNow", {}, id="order-now"),
    pytest.param(CANCEL, "subscriptionCancel", {"reason": "Mine now"}, id="cancel"),
]


@pytest.mark.parametrize(("mutation", "name", "extra"), OTHERS)
def test_someone_elses_subscription_is_not_found_and_unchanged(
    gql, signed_in, strangers_subscription, mutation, name, extra
):
    # given a stranger's subscription
    before = snapshot(strangers_subscription)
    global_id = sub_id(strangers_subscription)

    # when the signed-in customer tries to change it
    data = gql(mutation, {"id": global_id, **extra})[name]

    # then it is NOT_FOUND, as if it did not exist, and nothing changed
    assert data["subscription"] is None
    assert data["errors"] == [
        {
            "field": "id",
            "code": "NOT_FOUND",
            "message": f"Couldn't find a subscription of yours with id '{global_id}'.",
        }
    ]
    assert snapshot(strangers_subscription) == before


@pytest.mark.parametrize(("mutation", "name", "extra"), OTHERS)
def test_an_anonymous_caller_gets_not_found_and_nothing_changes(
    gql, subscription, mutation, name, extra
):
    # given nobody is signed in
    before = snapshot(subscription)

    # when a mutation names the customer's subscription
    data = gql(mutation, {"id": sub_id(subscription), **extra})[name]

    # then it is NOT_FOUND and nothing changed
    assert [(e["field"], e["code"]) for e in data["errors"]] == [("id", "NOT_FOUND")]
    assert snapshot(subscription) == before


def test_line_update_of_someone_elses_line_is_not_found_and_unchanged(
    gql, signed_in, strangers_subscription
):
    # given a line of a stranger's subscription
    line = strangers_subscription.lines.get()
    before = snapshot(strangers_subscription)

    # when the customer tries to change it
    data = gql(LINE, {"lineId": gid("SubscriptionLine", line.pk), "quantity": 9})[
        "subscriptionLineUpdate"
    ]

    # then it is NOT_FOUND on lineId and nothing changed
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("lineId", "NOT_FOUND")
    ]
    assert data["subscriptionLine"] is None
    assert snapshot(strangers_subscription) == before


def test_an_unknown_or_malformed_id_is_not_found(gql, signed_in, subscription):
    # when ids that are no subscription of the customer's are sent
    unknown = gql(SKIP, {"id": gid("CustomerSubscription", subscription.pk + 99)})
    wrong_type = gql(SKIP, {"id": gid("Order", subscription.pk)})
    malformed = gql(SKIP, {"id": "???"})

    # then each is NOT_FOUND on id
    for data in (unknown, wrong_type, malformed):
        assert [
            (e["field"], e["code"]) for e in data["subscriptionSkip"]["errors"]
        ] == [("id", "NOT_FOUND")]


# --- bad input, named ---------------------------------------------------------------


def test_pause_refuses_a_date_not_after_today(gql, signed_in, subscription):
    before = snapshot(subscription)

    # when the customer pauses until today
    data = gql(PAUSE, {"id": sub_id(subscription), "until": "2026-03-02"})[
        "subscriptionPause"
    ]

    # then until is named and nothing changed
    assert data["errors"] == [
        {"field": "until", "code": "INVALID", "message": "Choose a date after today."}
    ]
    assert snapshot(subscription) == before


def test_pause_refuses_more_than_a_year(gql, signed_in, subscription):
    data = gql(PAUSE, {"id": sub_id(subscription), "until": "2027-03-03"})[
        "subscriptionPause"
    ]

    assert data["errors"] == [
        {"field": "until", "code": "INVALID", "message": "Pause for at most a year."}
    ]


def test_skip_refuses_a_paused_subscription(gql, shop, signed_in, subscription):
    # given a paused subscription
    subscription_pause(
        subscription=subscription, user=shop.customer, until=date(2026, 6, 1)
    )
    before = snapshot(subscription)

    # when the customer tries to skip
    data = gql(SKIP, {"id": sub_id(subscription)})["subscriptionSkip"]

    # then the status is the reason and nothing changed
    assert data["errors"] == [
        {
            "field": None,
            "code": "WRONG_STATUS",
            "message": "A subscription that is paused cannot be skipped.",
        }
    ]
    assert snapshot(subscription) == before


def test_resume_refuses_an_active_subscription(gql, signed_in, subscription):
    data = gql(RESUME, {"id": sub_id(subscription)})["subscriptionResume"]

    assert data["errors"] == [
        {
            "field": None,
            "code": "WRONG_STATUS",
            "message": "A subscription that is active cannot be resumed.",
        }
    ]


def test_frequency_update_refuses_an_interval_not_offered(
    gql, shop, signed_in, subscription
):
    # given the plan offers only every 4 weeks
    shop.plan.intervals = ["4w"]
    shop.plan.save()
    before = snapshot(subscription)

    # when the customer asks for monthly
    data = gql(FREQUENCY, {"id": sub_id(subscription), "interval": "MONTHLY"})[
        "subscriptionFrequencyUpdate"
    ]

    # then interval is named and nothing changed
    assert data["errors"] == [
        {
            "field": "interval",
            "code": "INTERVAL_NOT_OFFERED",
            "message": "Choose one of the delivery frequencies offered.",
        }
    ]
    assert snapshot(subscription) == before


def test_frequency_update_refuses_an_unknown_interval_value(
    api, signed_in, subscription
):
    content = api(FREQUENCY, {"id": sub_id(subscription), "interval": "WEEKLY"})

    assert [e["message"] for e in content["errors"]] == [
        "Variable '$interval' got invalid value 'WEEKLY'; Value 'WEEKLY' does not "
        "exist in 'SubscriptionIntervalEnum' enum. Did you mean the enum value "
        "'YEARLY'?"
    ]
    subscription.refresh_from_db()
    assert subscription.interval == "4w"


@pytest.mark.parametrize(
    ("variables", "expected"),
    [
        pytest.param(
            {"quantity": 0},
            ("quantity", "INVALID", "Choose between 1 and 50."),
            id="zero",
        ),
        pytest.param(
            {"quantity": 51},
            ("quantity", "INVALID", "Choose between 1 and 50."),
            id="too-many",
        ),
        pytest.param(
            {"variantId": "other-product"},
            (
                "variantId",
                "VARIANT_OF_OTHER_PRODUCT",
                "Choose an option of the same product.",
            ),
            id="other-product",
        ),
        pytest.param(
            {"variantId": gid("ProductVariant", 0)},
            ("variantId", "NOT_FOUND", "Choose a product option."),
            id="unknown-variant",
        ),
        pytest.param(
            {"variantId": "not-an-id"},
            (
                "variantId",
                "NOT_FOUND",
                "Couldn't resolve to a ProductVariant: 'not-an-id'.",
            ),
            id="malformed-variant",
        ),
    ],
)
def test_line_update_names_bad_input_and_changes_nothing(
    gql, shop, signed_in, subscription, variables, expected
):
    # given the customer's line, and a variant of another product
    line = subscription.lines.get()
    other = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
    if variables.get("variantId") == "other-product":
        variables = {"variantId": gid("ProductVariant", other.pk)}
    before = snapshot(subscription)

    # when the bad input is sent
    data = gql(LINE, {"lineId": gid("SubscriptionLine", line.pk), **variables})[
        "subscriptionLineUpdate"
    ]

    # then the field is named and nothing changed
    assert [(e["field"], e["code"], e["message"]) for e in data["errors"]] == [expected]
    assert snapshot(subscription) == before


def test_address_update_names_missing_fields_and_changes_nothing(
    gql, signed_in, subscription
):
    before = snapshot(subscription)

    # when the street and city are left out
    address = {**NY_ADDRESS, "streetAddress1": "", "city": ""}
    data = gql(ADDRESS, {"id": sub_id(subscription), "address": address})[
        "subscriptionAddressUpdate"
    ]

    # then both are named
    assert sorted((e["field"], e["code"]) for e in data["errors"]) == [
        ("city", "REQUIRED"),
        ("streetAddress1", "REQUIRED"),
    ]
    assert snapshot(subscription) == before


def test_address_update_refuses_a_country_the_channel_does_not_serve(
    gql, signed_in, subscription
):
    before = snapshot(subscription)

    # when the customer moves to Berlin (the US channel does not deliver there)
    address = {
        "firstName": DE_ADDRESS["first_name"],
        "lastName": DE_ADDRESS["last_name"],
        "streetAddress1": DE_ADDRESS["street_address_1"],
        "city": DE_ADDRESS["city"],
        "postalCode": DE_ADDRESS["postal_code"],
        "country": "DE",
    }
    data = gql(ADDRESS, {"id": sub_id(subscription), "address": address})[
        "subscriptionAddressUpdate"
    ]

    # then country is named and nothing changed
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("country", "NOT_AVAILABLE_IN_REGION")
    ]
    assert snapshot(subscription) == before


def test_order_now_refuses_a_paused_subscription(gql, shop, signed_in, subscription):
    subscription_pause(
        subscription=subscription, user=shop.customer, until=date(2026, 6, 1)
    )
    before = snapshot(subscription)

    data = gql(ORDER_NOW, {"id": sub_id(subscription)})["subscriptionOrderNow"]

    assert data["order"] is None
    assert data["errors"] == [
        {
            "field": None,
            "code": "WRONG_STATUS",
            "message": "A subscription that is paused cannot be ordered early.",
        }
    ]
    assert snapshot(subscription) == before


@pytest.mark.parametrize(
    ("reason", "expected"),
    [
        pytest.param(
            "x" * 501, ("reason", "INVALID", "Use at most 500 characters."), id="long"
        ),
    ],
)
def test_cancel_names_a_bad_reason_and_changes_nothing(
    gql, signed_in, subscription, reason, expected
):
    before = snapshot(subscription)

    data = gql(CANCEL, {"id": sub_id(subscription), "reason": reason})[
        "subscriptionCancel"
    ]

    assert [(e["field"], e["code"], e["message"]) for e in data["errors"]] == [expected]
    assert snapshot(subscription) == before


def test_cancel_refuses_a_cancelled_subscription(gql, signed_in, subscription):
    gql(CANCEL, {"id": sub_id(subscription), "reason": "First time"})

    data = gql(CANCEL, {"id": sub_id(subscription), "reason": "Second time"})[
        "subscriptionCancel"
    ]

    assert [(e["field"], e["code"]) for e in data["errors"]] == [(None, "WRONG_STATUS")]
    subscription.refresh_from_db()
    assert subscription.cancel_reason == "First time"


def test_address_update_refuses_a_region_where_a_product_is_prohibited(
    gql, shop, signed_in, subscription
):
    """The API refuses what the account page refuses: the region rules run again."""
    # given the product's class is now prohibited in every US state
    product = shop.variant.product
    product.regulated_class = "psilocybin_truffle"
    product.save(update_fields=["regulated_class"])
    before = snapshot(subscription)

    # when the customer moves to New York
    data = gql(ADDRESS, {"id": sub_id(subscription), "address": NY_ADDRESS})[
        "subscriptionAddressUpdate"
    ]

    # then the shipping address is named with the region code and nothing changed
    assert [(e["field"], e["code"]) for e in data["errors"]] == [
        ("shippingAddress", "NOT_AVAILABLE_IN_REGION")
    ]
    assert data["errors"][0]["message"].startswith(
        f"{product.name} cannot be delivered to this address: "
    )
    assert snapshot(subscription) == before
