"""An age verification belongs to whoever did it, not to an email string.

A stranger who types a verified adult's email into a guest checkout gets no
benefit from that adult's verification, through the pages or the API.
"""

import json
import re

import pytest
from django.utils import timezone

from common.graphql.ids import to_global_id
from compliance.models import AgeLevel, AgeMethod, AgeResult, AgeVerification
from storefront.accounts.models import User
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import US_ADDRESS, sellable_variant, shipping_method

ADULT = "adult@example.com"


def _verified(subject_ref: str) -> AgeVerification:
    return AgeVerification.objects.create(
        subject_ref=subject_ref,
        result=AgeResult.APPROVED,
        level=AgeLevel.VERIFIED,
        method=AgeMethod.ID_DOCUMENT,
        provider="test",
        threshold=21,
        verified_at=timezone.now(),
    )


@pytest.fixture
def cbd_checkout_as_the_adults_email(db):
    """A stranger's guest checkout: CBD (verified 21+) to California, adult's email."""
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    cbd = sellable_variant(
        channel=channel,
        warehouse=warehouse,
        product_fields={"regulated_class": "cbd", "name": "CBD Oil"},
    )
    method = shipping_method(channel=channel, countries=["US"])
    adult = User.objects.create_user(ADULT, "a-long-pass-phrase-42")
    # the adult verified their age, as a signed-in customer and (before this
    # change) as a guest under their email
    _verified(f"user:{adult.pk}")
    _verified(f"email:{ADULT}")
    checkout = checkout_create(channel=channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=cbd.pk, quantity=1)
    checkout_email_set(checkout=checkout, email=ADULT)
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=method.pk)
    return checkout


def test_page_checkout_refuses_a_stranger_using_an_adults_email(
    client, cbd_checkout_as_the_adults_email
):
    # given the stranger's own session holds the checkout
    session = client.session
    session["checkout_token"] = str(cbd_checkout_as_the_adults_email.token)
    session.save()

    # when they pay
    response = client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": CARD_SUCCESS},
        follow=True,
    )

    # then they are asked for their own age, and nothing is charged
    assert response.redirect_chain[0] == ("/cart/checkout/review/", 302)
    assert "verified age of 21" in response.content.decode()
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


PAY = """
mutation($id: ID!) {
  transactionInitialize(id: $id,
      paymentGateway: {id: "saleor.io.dummy-payment-app"}) {
    errors { field code message } transaction { id }
  }
}"""


def test_api_checkout_refuses_a_stranger_using_an_adults_email(
    client, cbd_checkout_as_the_adults_email
):
    # when
    response = client.post(
        "/graphql/",
        data=json.dumps(
            {
                "query": PAY,
                "variables": {
                    "id": to_global_id(
                        "Checkout", cbd_checkout_as_the_adults_email.token
                    )
                },
            }
        ),
        content_type="application/json",
    )

    # then
    errors = response.json()["data"]["transactionInitialize"]["errors"]
    assert [(e["field"], e["code"]) for e in errors] == [
        ("ageVerification", "AGE_VERIFICATION_REQUIRED")
    ]
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_the_guest_who_verified_in_their_own_checkout_may_pay(
    client, cbd_checkout_as_the_adults_email
):
    # given the guest proved their age within this checkout
    checkout = cbd_checkout_as_the_adults_email
    _verified(f"guest:{checkout.token}")
    session = client.session
    session["checkout_token"] = str(checkout.token)
    session.save()

    # when
    response = client.post(
        "/cart/checkout/pay/", {"gateway": "dummy", "card_number": CARD_SUCCESS}
    )

    # then
    assert response.status_code == 302
    assert response.url.startswith("/orders/")
    assert Order.objects.get().requires_adult_signature is True


def test_the_signed_in_adult_keeps_their_verification(
    client, cbd_checkout_as_the_adults_email
):
    # given the adult signs in; their account's verification applies
    checkout = cbd_checkout_as_the_adults_email
    adult = User.objects.get(email=ADULT)
    checkout.user = adult
    checkout.save(update_fields=["user"])
    client.force_login(adult)
    session = client.session
    session["checkout_token"] = str(checkout.token)
    session.save()

    # when
    response = client.post(
        "/cart/checkout/pay/", {"gateway": "dummy", "card_number": CARD_SUCCESS}
    )

    # then
    assert response.status_code == 302
    assert Order.objects.count() == 1


def _in_session(client, checkout):
    session = client.session
    session["checkout_token"] = str(checkout.token)
    session.save()


def _confirm_the_adults_address():
    from storefront.accounts.models import EmailConfirmation

    EmailConfirmation.objects.create(
        user=User.objects.get(email=ADULT), confirmed_at=timezone.now()
    )


def test_the_owner_of_the_address_brings_their_age_with_the_emailed_code(
    client, cbd_checkout_as_the_adults_email, django_capture_on_commit_callbacks
):
    # given the adult, as a guest, asks for a code
    from django.core import mail

    checkout = cbd_checkout_as_the_adults_email
    _confirm_the_adults_address()
    _in_session(client, checkout)
    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post("/cart/checkout/age-code/", follow=True)
    assert "we have emailed it a six-digit code" in asked.content.decode()
    assert [m.to for m in mail.outbox] == [[ADULT]]
    code = re.search(
        r"enter this code on the checkout page: (\d{6})", mail.outbox[0].body
    )

    # when they enter it in their cart
    entered = client.post(
        "/cart/checkout/age-code/enter/", {"age_code": code.group(1)}, follow=True
    )
    paid = client.post(
        "/cart/checkout/pay/", {"gateway": "dummy", "card_number": CARD_SUCCESS}
    )

    # then the account's verification applies to this checkout only, and they pay
    assert "age check now applies to this cart" in entered.content.decode()
    carried = AgeVerification.objects.get(subject_ref=f"guest:{checkout.token}")
    assert (carried.level, carried.threshold, carried.provider) == (
        AgeLevel.VERIFIED,
        21,
        "carried",
    )
    assert paid.status_code == 302
    assert Order.objects.count() == 1


def test_a_stranger_cannot_guess_the_code(
    client, cbd_checkout_as_the_adults_email, django_capture_on_commit_callbacks
):
    # given a stranger typed the adult's email and asked for a code
    from django.core import mail

    checkout = cbd_checkout_as_the_adults_email
    _confirm_the_adults_address()
    _in_session(client, checkout)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/cart/checkout/age-code/")
    code = re.search(r"page: (\d{6})", mail.outbox[0].body).group(1)
    wrong = "000000" if code != "000000" else "111111"

    # when they try five wrong codes, then the right one (read over the
    # adult's shoulder, too late)
    for _ in range(5):
        response = client.post(
            "/cart/checkout/age-code/enter/", {"age_code": wrong}, follow=True
        )
        assert "That code is not right or has expired" in response.content.decode()
    late = client.post(
        "/cart/checkout/age-code/enter/", {"age_code": code}, follow=True
    )

    # then nothing was carried
    assert "That code is not right or has expired" in late.content.decode()
    assert not AgeVerification.objects.filter(
        subject_ref=f"guest:{checkout.token}"
    ).exists()


def test_no_code_goes_to_an_unconfirmed_account(
    client, cbd_checkout_as_the_adults_email, django_capture_on_commit_callbacks
):
    # given the account's address was never confirmed
    from django.core import mail

    _in_session(client, cbd_checkout_as_the_adults_email)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/cart/checkout/age-code/", follow=True)

    # then the page says the same, and no email leaves
    assert "we have emailed it a six-digit code" in response.content.decode()
    assert mail.outbox == []
