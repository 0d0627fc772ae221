"""Completing a checkout reuses the info loaded before paying only while the
checkout is unchanged."""

import pytest

from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.errors import TotalChangedError
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.cart import checkout_line_update
from storefront.checkout.services.complete import checkout_complete
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import PaymentStatus
from storefront.payments.services import payment_authorize, payment_create


def _authorised_for(checkout, info):
    payment = payment_create(
        gateway="dummy",
        amount=checkout_totals_calculate(info=info).total.gross,
        customer_email=checkout.email,
        checkout_token=checkout.token,
        metadata={},
    )
    return payment_authorize(payment=payment, card_number=CARD_SUCCESS)


def test_a_checkout_changed_after_loading_is_loaded_again(ready_checkout):
    # given the info loaded (two units) and a payment authorised for its total
    info = checkout_info_fetch(checkout=ready_checkout)
    payment = _authorised_for(ready_checkout, info)
    # and the cart then changes to one unit before the order is made
    line = ready_checkout.lines.get()
    checkout_line_update(checkout=ready_checkout, line_id=line.pk, quantity=1)

    # when the order is made with the info loaded earlier
    with pytest.raises(TotalChangedError):
        checkout_complete(
            checkout_token=ready_checkout.token, payment=payment, info=info
        )

    # then the new total was seen: no order, and the authorisation is given back
    assert Order.objects.count() == 0
    payment.refresh_from_db()
    assert payment.status != PaymentStatus.AUTHORIZED


def test_an_unchanged_checkout_is_completed_from_the_info_loaded(ready_checkout):
    # given the info loaded and a payment authorised for its total
    info = checkout_info_fetch(checkout=ready_checkout)
    payment = _authorised_for(ready_checkout, info)

    # when the order is made with that info
    order = checkout_complete(
        checkout_token=ready_checkout.token, payment=payment, info=info
    )

    # then it holds the two units, paid in full
    assert [line.quantity for line in order.lines.all()] == [2]
    assert order.total_charged_amount == payment.amount_value
