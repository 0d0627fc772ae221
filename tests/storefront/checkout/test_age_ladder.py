"""The age-check ladder at checkout: date of birth first, then provider verification."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.age.providers import TestProvider
from compliance.models import AgeLevel, AgeResult, AgeVerification, AuditEntry
from storefront.checkout.errors import AgeVerificationRequiredError
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.customer_age import (
    checkout_age_verification_start,
    checkout_date_of_birth_set,
)
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.checkout.views import SESSION_KEY
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment
from tests.factories.checkout import US_ADDRESS, sellable_variant

COLORADO = {
    **US_ADDRESS,
    "street_address_1": "200 E Colfax Ave",
    "city": "Denver",
    "postal_code": "80203",
    "country_area": "CO",
}
UNDER_21 = "You must be 21 or older to buy Kratom in Colorado."


def _years_ago(years: int, days: int = 0) -> date:
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - years)
    except ValueError:  # 29 February in a year without one
        born = today.replace(year=today.year - years, day=28)
    return born.fromordinal(born.toordinal() + days)


@pytest.fixture
def kratom(shop):
    return sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        product_fields={"regulated_class": "kratom", "name": "Kratom powder"},
    )


@pytest.fixture
def colorado_checkout(shop, kratom):
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=kratom.pk, quantity=1)
    checkout_email_set(checkout=checkout, email="cole@example.com")
    checkout_shipping_address_set(checkout=checkout, data=COLORADO)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    return checkout


def _pay(checkout):
    return checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
    )


def test_under_age_date_of_birth_is_refused_with_the_age_and_place(
    colorado_checkout,
):
    # given a 20-year-old (one day short of 21)
    born = _years_ago(21, days=1)

    # when
    with pytest.raises(ValidationError) as caught:
        checkout_date_of_birth_set(checkout=colorado_checkout, date_of_birth=born)

    # then the refusal names the field and the age; the date itself is not kept
    assert caught.value.message_dict == {"date_of_birth": [UNDER_21]}
    assert caught.value.error_dict["date_of_birth"][0].code == (
        "age_verification_required"
    )
    check = AgeVerification.objects.get()
    assert (check.subject_ref, check.level, check.result, check.threshold) == (
        f"guest:{colorado_checkout.token}",
        AgeLevel.SELF_DECLARED,
        AgeResult.APPROVED,
        19,
    )
    assert not hasattr(colorado_checkout, "date_of_birth")


def test_under_age_shopper_cannot_pay_and_nothing_is_charged(colorado_checkout):
    # given
    with pytest.raises(ValidationError):
        checkout_date_of_birth_set(
            checkout=colorado_checkout, date_of_birth=_years_ago(19)
        )

    # when
    with pytest.raises(AgeVerificationRequiredError) as caught:
        _pay(colorado_checkout)

    # then
    assert caught.value.field == "date_of_birth"
    assert caught.value.message == UNDER_21
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_exactly_21_today_passes_the_date_of_birth_step(colorado_checkout):
    checkout_date_of_birth_set(checkout=colorado_checkout, date_of_birth=_years_ago(21))
    assert AgeVerification.objects.get().threshold == 21


def test_adult_date_of_birth_still_needs_verification_before_payment(
    colorado_checkout,
):
    # given
    checkout_date_of_birth_set(checkout=colorado_checkout, date_of_birth=_years_ago(30))

    # when
    with pytest.raises(AgeVerificationRequiredError) as caught:
        _pay(colorado_checkout)

    # then
    assert caught.value.field == "age_verification"
    assert caught.value.message == (
        "Kratom powder: Age verification required. This product needs a verified "
        "age of 21 or over in Colorado; use “Verify your age” before paying."
    )
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_verification_cannot_start_before_the_date_of_birth(colorado_checkout):
    with pytest.raises(ValidationError) as caught:
        checkout_age_verification_start(
            checkout=colorado_checkout, return_url="http://testserver/r/"
        )
    assert caught.value.message_dict == {
        "date_of_birth": ["Enter your date of birth before verifying your age."]
    }
    assert AgeVerification.objects.count() == 0


def test_verification_cannot_start_for_an_under_age_declaration(colorado_checkout):
    with pytest.raises(ValidationError):
        checkout_date_of_birth_set(
            checkout=colorado_checkout, date_of_birth=_years_ago(20)
        )
    with pytest.raises(ValidationError) as caught:
        checkout_age_verification_start(
            checkout=colorado_checkout, return_url="http://testserver/r/"
        )
    assert caught.value.message_dict == {"date_of_birth": [UNDER_21]}
    assert AgeVerification.objects.filter(level=AgeLevel.VERIFIED).count() == 0


def test_verification_not_needed_for_a_cart_without_age_limits(ready_checkout):
    with pytest.raises(ValidationError) as caught:
        checkout_age_verification_start(
            checkout=ready_checkout, return_url="http://testserver/r/"
        )
    assert caught.value.message_dict == {
        "age_verification": ["No item in your cart needs a verified age right now."]
    }


def test_verification_blocks_until_the_signed_webhook_arrives(
    client, colorado_checkout
):
    # given an adult date of birth and a started provider session
    checkout_date_of_birth_set(checkout=colorado_checkout, date_of_birth=_years_ago(40))
    started = checkout_age_verification_start(
        checkout=colorado_checkout, return_url="http://testserver/cart/checkout/review/"
    )
    pending = AgeVerification.objects.get(pk=started.verification_id)
    assert (pending.subject_ref, pending.result, pending.threshold) == (
        f"guest:{colorado_checkout.token}",
        AgeResult.PENDING,
        21,
    )
    assert started.redirect_url == (
        f"/compliance/age/test-provider/{pending.provider_reference}/"
        "?return=http%3A%2F%2Ftestserver%2Fcart%2Fcheckout%2Freview%2F"
    )
    with pytest.raises(AgeVerificationRequiredError):
        _pay(colorado_checkout)

    # when a webhook with a wrong signature arrives, nothing changes
    body, _ = TestProvider.webhook_build(
        reference=pending.provider_reference, status="approved"
    )
    forged = client.post(
        "/compliance/age/webhook/test/",
        data=body,
        content_type="application/json",
        headers={"X-HMAC-SIGNATURE": "0" * 64},
    )
    assert forged.status_code == 400
    with pytest.raises(AgeVerificationRequiredError):
        _pay(colorado_checkout)
    assert Payment.objects.count() == 0

    # when the provider's signed webhook arrives
    body, headers = TestProvider.webhook_build(
        reference=pending.provider_reference, status="approved"
    )
    response = client.post(
        "/compliance/age/webhook/test/",
        data=body,
        content_type="application/json",
        headers=headers,
    )

    # then the check is recorded (result, level, method, date only) and payment passes
    assert response.json() == {"status": "recorded"}
    pending.refresh_from_db()
    assert (pending.result, pending.level, pending.method) == (
        AgeResult.APPROVED,
        AgeLevel.VERIFIED,
        "id_document",
    )
    assert pending.verified_at is not None
    outcome = _pay(colorado_checkout)
    order = Order.objects.get(pk=outcome.order_id)
    assert order.requires_adult_signature is True
    assert order.region == "US-CO"
    assert order.metadata["age_assurance"] == "verified"
    assert Payment.objects.get().order_id == order.pk
    assert AuditEntry.objects.filter(object_type="age_verification").count() == 2


def test_declined_verification_keeps_payment_blocked(client, colorado_checkout):
    checkout_date_of_birth_set(checkout=colorado_checkout, date_of_birth=_years_ago(40))
    started = checkout_age_verification_start(
        checkout=colorado_checkout, return_url="http://testserver/r/"
    )
    reference = AgeVerification.objects.get(pk=started.verification_id)
    body, headers = TestProvider.webhook_build(
        reference=reference.provider_reference, status="declined"
    )
    client.post(
        "/compliance/age/webhook/test/",
        data=body,
        content_type="application/json",
        headers=headers,
    )
    with pytest.raises(AgeVerificationRequiredError) as caught:
        _pay(colorado_checkout)
    assert caught.value.field == "age_verification"
    assert Payment.objects.count() == 0


# --- the review page -----------------------------------------------------------


def _as_shopper(client, checkout):
    session = client.session
    session[SESSION_KEY] = str(checkout.token)
    session.save()


def test_review_asks_for_the_date_of_birth_first(client, colorado_checkout):
    _as_shopper(client, colorado_checkout)
    page = client.get("/cart/checkout/review/").content.decode()
    assert "Step 1: your date of birth" in page
    assert 'name="dob_day"' in page
    assert 'name="dob_month"' in page
    assert "Verify your age" not in page


def test_review_refuses_an_under_age_date_of_birth(client, colorado_checkout):
    _as_shopper(client, colorado_checkout)
    born = _years_ago(18)
    response = client.post(
        "/cart/checkout/date-of-birth/",
        {"dob_day": born.day, "dob_month": born.month, "dob_year": born.year},
        follow=True,
    )
    page = response.content.decode()
    assert f"Date of birth: {UNDER_21}" in page
    assert "Verify your age" not in page
    assert "Remove the item from your cart to carry on." in page


def test_review_names_an_impossible_date(client, colorado_checkout):
    _as_shopper(client, colorado_checkout)
    response = client.post(
        "/cart/checkout/date-of-birth/",
        {"dob_day": "31", "dob_month": "2", "dob_year": "1990"},
        follow=True,
    )
    assert "Day of birth: This day does not exist in that month." in (
        response.content.decode()
    )
    assert AgeVerification.objects.count() == 0


def test_review_offers_verification_after_an_adult_date_of_birth(
    client, colorado_checkout
):
    # given
    _as_shopper(client, colorado_checkout)
    client.post(
        "/cart/checkout/date-of-birth/",
        {"dob_day": "5", "dob_month": "6", "dob_year": "1980"},
    )

    # when
    page = client.get("/cart/checkout/review/").content.decode()
    pay = client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": CARD_SUCCESS},
        follow=True,
    ).content.decode()
    verify = client.post("/cart/checkout/verify-age/")

    # then
    assert "Step 1: your date of birth" not in page
    assert "Step 2: Age verification required." in page
    assert 'id="verify-age-button"' in page
    assert "Kratom powder: Age verification required." in pay
    assert Payment.objects.count() == 0
    reference = AgeVerification.objects.get(level=AgeLevel.VERIFIED).provider_reference
    assert verify.status_code == 302
    assert verify.url.startswith(f"/compliance/age/test-provider/{reference}/?return=")
