"""An age verification belongs to whoever did it, not to an email string.

A stranger who types a verified adult's email into a guest checkout gets no
benefit from that adult's verification, through the pages or the API.
"""

import json

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
