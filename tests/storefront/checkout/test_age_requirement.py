"""One answer to "which age assurance does this sale need, whose, and is it met"."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from compliance.age.services import age_self_declare
from compliance.models import AgeLevel, AgeMethod, AgeResult, AgeVerification
from storefront.accounts.models import User
from storefront.checkout.age import AgeStep, checkout_age_requirement
from storefront.checkout.errors import AgeVerificationRequiredError
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.customer_age import (
    checkout_date_of_birth_set,
    checkout_gate_declaration_record,
)
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.validation import checkout_validate_for_payment
from tests.factories.checkout import US_ADDRESS, sellable_variant

TEXAS = {
    **US_ADDRESS,
    "street_address_1": "1100 Congress Ave",
    "city": "Austin",
    "postal_code": "78701",
    "country_area": "TX",
}
UNDER_21 = "You must be 21 or older to buy Kratom in Texas."


def _aged(years: int) -> date:
    return date(timezone.localdate().year - years - 1, 1, 1)


@pytest.fixture
def kratom_checkout(shop):
    kratom = sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        product_fields={"regulated_class": "kratom", "name": "Kratom Powder"},
    )
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=kratom.pk, quantity=1)
    checkout_email_set(checkout=checkout, email="tex@example.com")
    checkout_shipping_address_set(checkout=checkout, data=TEXAS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    return checkout


def _verified(subject: str, threshold: int = 21) -> None:
    AgeVerification.objects.create(
        subject_ref=subject,
        result=AgeResult.APPROVED,
        level=AgeLevel.VERIFIED,
        method=AgeMethod.ID_DOCUMENT,
        provider="test",
        threshold=threshold,
        verified_at=timezone.now(),
    )


def test_a_cart_without_an_age_needs_nothing_and_reads_nothing(
    ready_checkout, django_assert_num_queries
):
    info = checkout_info_fetch(checkout=ready_checkout)

    with django_assert_num_queries(0):
        requirement = checkout_age_requirement(ready_checkout, info=info)

    assert (requirement.minimum_age, requirement.assurance_level) == (None, "none")
    assert requirement.satisfied
    assert requirement.refusal is None
    assert requirement.subject == f"guest:{ready_checkout.token}"


def test_a_guest_with_nothing_on_file_needs_a_verified_age(kratom_checkout):
    requirement = checkout_age_requirement(kratom_checkout)

    assert requirement.minimum_age == 21
    assert requirement.assurance_level == "verified"
    assert requirement.subject == f"guest:{kratom_checkout.token}"
    # the page starts the ladder with the date of birth; paying names the goal
    assert requirement.needs_date_of_birth
    assert not requirement.can_start_verification
    assert requirement.step == AgeStep.AGE_VERIFICATION
    assert not requirement.satisfied
    refusal = requirement.refusal
    assert isinstance(refusal, AgeVerificationRequiredError)
    assert (refusal.field, refusal.message) == (
        "age_verification",
        "Kratom Powder: Age verification required. This product needs a verified "
        "age of 21 or over in Texas; use “Verify your age” before paying.",
    )


def test_a_signed_in_customers_own_account_is_the_subject(kratom_checkout):
    user = User.objects.create_user("adult@example.com", "x" * 12)
    kratom_checkout.user = user
    kratom_checkout.save(update_fields=["user"])
    _verified(f"user:{user.pk}")

    requirement = checkout_age_requirement(kratom_checkout)

    assert requirement.subject == f"user:{user.pk}"
    assert requirement.satisfied
    assert requirement.verified


def test_a_declaration_under_18_is_under_age_on_every_step(kratom_checkout):
    # given a 16-year-old's date of birth (kept only as "declined at 18")
    with pytest.raises(ValidationError) as declared:
        checkout_date_of_birth_set(
            checkout=kratom_checkout, date_of_birth=_aged(16).isoformat()
        )

    # when the checkout is judged again, as the review page and payment do
    requirement = checkout_age_requirement(kratom_checkout)
    with pytest.raises(AgeVerificationRequiredError) as paying:
        checkout_validate_for_payment(
            info=checkout_info_fetch(checkout=kratom_checkout)
        )

    # then all of them say "under age", not "enter your date of birth"
    assert declared.value.message_dict == {"date_of_birth": [UNDER_21]}
    assert requirement.step == AgeStep.UNDER_AGE
    assert requirement.under_age
    assert not requirement.needs_date_of_birth
    assert paying.value.message == UNDER_21


def test_the_latest_declaration_counts_not_an_earlier_higher_one(kratom_checkout):
    # given the guest first declared 35, then 19
    subject = f"guest:{kratom_checkout.token}"
    age_self_declare(subject_ref=subject, date_of_birth=_aged(35))
    with pytest.raises(ValidationError) as declared:
        checkout_date_of_birth_set(
            checkout=kratom_checkout, date_of_birth=_aged(19).isoformat()
        )

    # when
    requirement = checkout_age_requirement(kratom_checkout)

    # then the 19 stands; the gate's earlier "adult" answer does not cover it
    assert declared.value.message_dict == {"date_of_birth": [UNDER_21]}
    assert requirement.step == AgeStep.UNDER_AGE
    assert not checkout_gate_declaration_record(
        checkout=kratom_checkout, declared_adult_for=21
    )
    assert checkout_age_requirement(kratom_checkout).step == AgeStep.UNDER_AGE


def test_a_providers_verification_outweighs_a_lower_declaration(kratom_checkout):
    subject = f"guest:{kratom_checkout.token}"
    age_self_declare(subject_ref=subject, date_of_birth=_aged(19))
    _verified(subject)

    requirement = checkout_age_requirement(kratom_checkout)

    assert requirement.satisfied
    assert requirement.step is None
    checkout_validate_for_payment(info=checkout_info_fetch(checkout=kratom_checkout))


def test_an_adult_declaration_leaves_only_the_verification(kratom_checkout):
    checkout_date_of_birth_set(
        checkout=kratom_checkout, date_of_birth=_aged(35).isoformat()
    )

    requirement = checkout_age_requirement(kratom_checkout)

    assert requirement.declared
    assert requirement.can_start_verification
    assert requirement.step == AgeStep.AGE_VERIFICATION
    assert requirement.refusal is not None
    assert requirement.refusal.field == "age_verification"
