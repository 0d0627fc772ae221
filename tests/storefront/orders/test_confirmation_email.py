"""The order confirmation email: addresses laid out by their country, prices as
each currency's shoppers read them.

Orders are placed through the checkout services on PostgreSQL; the email is read
from the outbox as Django's test mail backend received it.
"""

import pytest
from django.core import mail

from common.models import OutboundEmail
from storefront.channels.models import Channel
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_billing_address_set,
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.orders.models import Order
from storefront.orders.services import ORDER_CONFIRMATION_EMAIL
from storefront.payments.gateways.dummy import CARD_SUCCESS
from tests.factories.catalogue import (
    ChannelFactory,
    WarehouseFactory,
    eu_channel,
    uk_channel,
)
from tests.factories.checkout import sellable_variant, shipping_method
from tests.storefront.checkout.test_digital_checkout import digital_variant

OREGON = {
    "first_name": "Jane",
    "last_name": "Doe",
    "street_address_1": "1 Main St",
    "city": "Portland",
    "postal_code": "97201",
    "country": "US",
    "country_area": "OR",
}
LONDON = {
    "first_name": "Tom",
    "last_name": "O'Brien",
    "street_address_1": "10 Downing Street",
    "city": "London",
    "postal_code": "SW1A 2AA",
    "country": "GB",
}
BERLIN = {
    "first_name": "Grete",
    "last_name": "Weiss",
    "company_name": "Weiss & Söhne",
    "street_address_1": "Unter den Linden 1",
    "city": "Berlin",
    "postal_code": "10115",
    "country": "DE",
}
HAMBURG = {
    "first_name": "Grete",
    "last_name": "Weiss",
    "street_address_1": "Jungfernstieg 7",
    "city": "Hamburg",
    "postal_code": "20354",
    "country": "DE",
}


def _place(
    *,
    channel: Channel,
    address: dict[str, str],
    billing: dict[str, str] | None = None,
    price: str = "24.00",
    shipping_price: str = "5.00",
    django_capture_on_commit_callbacks,
) -> str:
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(
        channel=channel,
        warehouse=warehouse,
        price=price,
        name="60 capsules",
        product_fields={"name": "Lion's mane"},
    )
    method = shipping_method(
        channel=channel, countries=[address["country"]], price=shipping_price
    )
    checkout = checkout_create(channel=channel, region=address["country"])
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    checkout_email_set(checkout=checkout, email="buyer@example.com")
    checkout_shipping_address_set(checkout=checkout, data=address)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=method.pk)
    if billing is not None:
        checkout_billing_address_set(
            checkout=checkout, same_as_shipping=False, data=billing
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        outcome = checkout_payment_start(
            checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
        )
    order = Order.objects.get(pk=outcome.order_id)
    [message] = [m for m in mail.outbox if order.number in m.subject]
    return message.body


def test_a_us_order(db, django_capture_on_commit_callbacks):
    # when
    body = _place(
        channel=ChannelFactory(),
        address=OREGON,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    # then prices read "$24.00" and both addresses are laid out as the US post wants
    assert "1 x Lion's mane (60 capsules)  $24.00\n" in body
    assert "Subtotal: $24.00\n" in body
    assert "Shipping: $5.00\n" in body
    assert "Total: $29.00\n" in body
    assert " USD" not in body
    address = "Jane Doe\n1 Main St\nPORTLAND, OR 97201\nUNITED STATES"
    assert f"Shipping to:\n{address}\n" in body
    assert f"Billing address:\n{address}\n" in body


def test_a_gb_order_is_not_html_escaped(db, django_capture_on_commit_callbacks):
    # when
    body = _place(
        channel=uk_channel(),
        address=LONDON,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    # then
    assert "1 x Lion's mane (60 capsules)  £24.00\n" in body
    assert "Shipping: £5.00\n" in body
    assert "Total: £29.00\n" in body
    assert (
        "Shipping to:\nTom O'Brien\n10 Downing Street\nLONDON\nSW1A 2AA\n"
        "UNITED KINGDOM\n"
    ) in body
    assert "&#x27;" not in body


def test_a_de_order_with_a_separate_billing_address(
    db, django_capture_on_commit_callbacks
):
    # when
    body = _place(
        channel=eu_channel(),
        address=BERLIN,
        billing=HAMBURG,
        django_capture_on_commit_callbacks=django_capture_on_commit_callbacks,
    )

    # then euros are written the German way and each address the German post's way
    assert "1 x Lion's mane (60 capsules)  24,00\xa0€\n" in body
    assert "Shipping: 5,00\xa0€\n" in body
    assert "Total: 29,00\xa0€\n" in body
    assert (
        "Shipping to:\nGrete Weiss\nWeiss & Söhne\nUnter den Linden 1\n"
        "10115 BERLIN\nGERMANY\n"
    ) in body
    assert (
        "Billing address:\nGrete Weiss\nJungfernstieg 7\n20354 HAMBURG\nGERMANY\n"
    ) in body
    assert "&amp;" not in body


def test_a_digital_order_shows_only_the_billing_address(
    db, django_capture_on_commit_callbacks
):
    # given a cart with nothing to deliver, billed in Oregon
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = digital_variant(channel=channel, warehouse=warehouse, price="9.00")
    checkout = checkout_create(channel=channel, region="US-OR")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    checkout_email_set(checkout=checkout, email="jane@example.com")
    checkout_billing_address_set(checkout=checkout, same_as_shipping=False, data=OREGON)

    # when
    with django_capture_on_commit_callbacks(execute=True):
        checkout_payment_start(
            checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
        )

    # then
    email = OutboundEmail.objects.get(kind=ORDER_CONFIRMATION_EMAIL)
    assert email.status == OutboundEmail.Status.SENT
    [message] = mail.outbox
    assert message.body == email.body
    assert "Shipping" not in message.body
    assert (
        "Billing address:\nJane Doe\n1 Main St\nPORTLAND, OR 97201\nUNITED STATES\n"
        in message.body
    )


@pytest.mark.parametrize(
    ("address", "expected"),
    [
        (OREGON, "Jane Doe\n1 Main St\nPORTLAND, OR 97201\nUNITED STATES"),
        (LONDON, "Tom O'Brien\n10 Downing Street\nLONDON\nSW1A 2AA\nUNITED KINGDOM"),
        (
            BERLIN,
            "Grete Weiss\nWeiss & Söhne\nUnter den Linden 1\n10115 BERLIN\nGERMANY",
        ),
    ],
)
def test_postal_text_follows_the_country(address, expected):
    from storefront.accounts.models import Address

    assert Address(**address).postal_text == expected
