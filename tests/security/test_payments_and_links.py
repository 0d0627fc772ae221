"""The dummy gateway is refused wherever a payment starts when it is switched off;
email links use the public base URL, or in the demo the address being served."""

import re
from decimal import Decimal

import pytest
from django.core import mail
from prices import Money

from storefront.payments.errors import PaymentError
from storefront.payments.gateways import gateways_enabled
from storefront.payments.models import Payment
from storefront.payments.services import payment_create


def test_payment_create_refuses_the_dummy_gateway_when_it_is_off(db, settings):
    # given
    settings.PAYMENTS_DUMMY_ENABLED = False

    # when
    with pytest.raises(PaymentError, match="not available") as caught:
        payment_create(
            gateway="dummy",
            amount=Money(Decimal("12.95"), "USD"),
            customer_email="ada@example.com",
        )

    # then
    assert caught.value.field == "gateway"
    assert Payment.objects.count() == 0
    assert "dummy" not in gateways_enabled()


def test_the_api_does_not_list_the_dummy_gateway_when_it_is_off(
    client, ready_checkout, settings
):
    # given
    settings.PAYMENTS_DUMMY_ENABLED = False
    from common.graphql.ids import to_global_id

    # when
    response = client.post(
        "/graphql/",
        data={
            "query": "query($id: ID) { checkout(id: $id) "
            "{ availablePaymentGateways { id } } }",
            "variables": {"id": to_global_id("Checkout", ready_checkout.token)},
        },
        content_type="application/json",
    )

    # then
    assert response.json()["data"]["checkout"]["availablePaymentGateways"] == []


def test_the_html_checkout_refuses_the_dummy_gateway_when_it_is_off(
    client, ready_checkout, settings
):
    # given
    settings.PAYMENTS_DUMMY_ENABLED = False
    session = client.session
    session["checkout_token"] = str(ready_checkout.token)
    session.save()

    # when
    response = client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": "4242424242424242"},
    )

    # then
    assert response.status_code == 302
    assert response.url == "/cart/checkout/review/"
    assert Payment.objects.count() == 0


def test_demo_email_links_use_the_served_port(
    client, db, settings, django_capture_on_commit_callbacks
):
    # given the demo: no public base URL configured, served on port 8123
    settings.STOREFRONT_BASE_URL = ""

    # when
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/account/register/",
            {"email": "ada@example.com", "password": "a-long-pass-phrase-42"},
            HTTP_HOST="127.0.0.1:8123",
        )

    # then
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/account/confirm/\S+/", mail.outbox[0].body).group(0)
    assert link.startswith("http://127.0.0.1:8123/account/confirm/")


def test_order_email_link_uses_the_public_base_url(
    client, ready_checkout, settings, django_capture_on_commit_callbacks
):
    # given production-like settings
    settings.STOREFRONT_BASE_URL = "https://shop.example.com"
    session = client.session
    session["checkout_token"] = str(ready_checkout.token)
    session.save()

    # when the page is reached through another address
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            "/cart/checkout/pay/",
            {"gateway": "dummy", "card_number": "4242424242424242"},
            HTTP_HOST="127.0.0.1:9000",
        )

    # then
    assert len(mail.outbox) == 1
    assert "https://shop.example.com/orders/" in mail.outbox[0].body
    assert "127.0.0.1" not in mail.outbox[0].body
