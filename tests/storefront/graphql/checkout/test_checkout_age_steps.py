"""An API-only client buys an age-restricted product: date of birth, then a
provider's verification, then payment — the ladder the checkout pages walk."""

import pytest
from django.test import override_settings
from django.utils import timezone

from common.graphql.ids import to_global_id
from compliance.age.providers import TestProvider
from compliance.models import AgeResult, AgeVerification
from storefront.orders.models import Order
from storefront.payments.models import Payment
from tests.storefront.graphql.test_compliance import (
    CALIFORNIA,
    DELIVERY,
    PAY,
    add,
    new_checkout,
    regulated_shop,  # noqa: F401 - a fixture
)

DATE_OF_BIRTH = """
mutation($id: ID, $born: String!) {
  checkoutDateOfBirthUpdate(id: $id, dateOfBirth: $born) {
    errors { field code message }
    checkout { compliance { ageRequirement { minimumAge satisfied step } } }
  }
}"""
VERIFY = """
mutation($id: ID, $back: String!) {
  checkoutAgeVerificationStart(id: $id, returnUrl: $back) {
    errors { field code message } redirectUrl minimumAge
  }
}"""
BACK = "https://shop.example.com/checkout/review"
COMPLETE = """
mutation($id: ID) {
  checkoutComplete(id: $id) { errors { field code message } order { id } }
}"""


@pytest.fixture(autouse=True)
def _storefront():
    with override_settings(STOREFRONT_BASE_URL="https://shop.example.com"):
        yield


def _born(years_ago: int) -> str:
    today = timezone.localdate()
    return today.replace(year=today.year - years_ago, day=1).isoformat()


@pytest.fixture
def kratom_checkout(gql, regulated_shop):  # noqa: F811 - the fixture above
    # kratom (21+, a verified age in California), ready to pay but for the age
    kratom, _tea, method = regulated_shop
    checkout_id = new_checkout(gql, shippingAddress=CALIFORNIA)
    assert add(gql, checkout_id, kratom)["errors"] == []
    delivered = gql(
        DELIVERY,
        {"id": checkout_id, "method": to_global_id("ShippingMethod", method.pk)},
    )
    assert delivered["checkoutDeliveryMethodUpdate"]["errors"] == []
    return checkout_id


def _declare(gql, checkout_id, born):
    return gql(DATE_OF_BIRTH, {"id": checkout_id, "born": born})[
        "checkoutDateOfBirthUpdate"
    ]


def test_an_api_client_walks_the_age_ladder_to_an_order(client, gql, kratom_checkout):
    # when the client declares an adult date of birth
    declared = _declare(gql, kratom_checkout, _born(40))

    # then the next step is the provider's verification, and paying is refused
    assert declared["errors"] == []
    assert declared["checkout"]["compliance"]["ageRequirement"] == {
        "minimumAge": 21,
        "satisfied": False,
        "step": "AGE_VERIFICATION",
    }
    refused = gql(PAY, {"id": kratom_checkout})["transactionInitialize"]
    assert refused["errors"][0]["code"] == "AGE_VERIFICATION_REQUIRED"

    # when it opens a verification session and the provider's signed webhook arrives
    started = gql(
        VERIFY,
        {"id": kratom_checkout, "back": BACK},
    )["checkoutAgeVerificationStart"]
    assert started["errors"] == []
    assert started["minimumAge"] == 21
    verification = AgeVerification.objects.get(result=AgeResult.PENDING)
    assert started["redirectUrl"].startswith(
        f"http://testserver/compliance/age/test-provider/"
        f"{verification.provider_reference}/?return="
    )
    body, headers = TestProvider.webhook_build(
        reference=verification.provider_reference, status="approved"
    )
    webhook = client.post(
        "/compliance/age/webhook/test/",
        data=body,
        content_type="application/json",
        headers=headers,
    )
    assert webhook.status_code == 200

    # then paying and completing give one order for the verified adult
    paid = gql(PAY, {"id": kratom_checkout})["transactionInitialize"]
    assert paid["errors"] == []
    completed = gql(COMPLETE, {"id": kratom_checkout})["checkoutComplete"]
    assert completed["errors"] == []
    order = Order.objects.get()
    assert order.metadata["age_assurance"] == "verified"
    assert Payment.objects.get().order_id == order.pk


@pytest.mark.parametrize(
    ("born", "field", "code", "message"),
    [
        (
            "01/02/1980",
            "dateOfBirth",
            "INVALID",
            "Enter your date of birth as YYYY-MM-DD.",
        ),
        ("2999-01-01", "dateOfBirth", "INVALID", "The date of birth is in the future."),
    ],
)
def test_a_bad_date_of_birth_is_a_field_error(
    gql, kratom_checkout, born, field, code, message
):
    declared = _declare(gql, kratom_checkout, born)

    assert declared["errors"] == [{"field": field, "code": code, "message": message}]
    assert declared["checkout"] is None


def test_an_under_age_date_of_birth_is_refused_and_verification_cannot_start(
    gql, kratom_checkout
):
    declared = _declare(gql, kratom_checkout, _born(16))
    started = gql(VERIFY, {"id": kratom_checkout, "back": BACK})[
        "checkoutAgeVerificationStart"
    ]

    assert [e["code"] for e in declared["errors"]] == ["AGE_VERIFICATION_REQUIRED"]
    assert declared["errors"][0]["field"] == "dateOfBirth"
    assert "21 or older" in declared["errors"][0]["message"]
    assert started["redirectUrl"] is None
    assert started["errors"][0]["field"] == "dateOfBirth"
    assert not AgeVerification.objects.filter(result=AgeResult.PENDING).exists()


def test_verification_before_a_date_of_birth_says_which_step_comes_first(
    gql, kratom_checkout
):
    started = gql(VERIFY, {"id": kratom_checkout, "back": BACK})[
        "checkoutAgeVerificationStart"
    ]

    assert started["errors"] == [
        {
            "field": "dateOfBirth",
            "code": "AGE_VERIFICATION_REQUIRED",
            "message": "Enter your date of birth before verifying your age.",
        }
    ]


def test_the_return_url_must_be_one_of_the_shops_sites(gql, kratom_checkout):
    _declare(gql, kratom_checkout, _born(40))

    started = gql(
        VERIFY, {"id": kratom_checkout, "back": "https://evil.example.net/steal"}
    )["checkoutAgeVerificationStart"]

    assert started["redirectUrl"] is None
    assert started["errors"] == [
        {
            "field": "returnUrl",
            "code": "INVALID",
            "message": "The redirect URL is not one of the shop's sites.",
        }
    ]
    assert not AgeVerification.objects.filter(result=AgeResult.PENDING).exists()
