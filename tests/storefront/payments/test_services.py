"""Payment records: which gateway may take money."""

from decimal import Decimal

import pytest
from prices import Money

from storefront.payments.errors import PaymentError
from storefront.payments.models import Payment
from storefront.payments.services import payment_create


def test_a_disabled_gateway_cannot_take_a_payment(db, settings):
    # given the dummy gateway is switched off (as in production)
    settings.PAYMENTS_DUMMY_ENABLED = False

    # when anything tries to record a payment through it
    with pytest.raises(PaymentError) as refused:
        payment_create(
            gateway="dummy",
            amount=Money(Decimal("10.00"), "USD"),
            customer_email="ada@example.com",
        )

    # then it is refused on the gateway field and nothing is recorded
    assert (refused.value.field, refused.value.message) == (
        "gateway",
        "This payment method is not available.",
    )
    assert Payment.objects.count() == 0


def test_an_enabled_gateway_records_a_pending_payment(db):
    payment = payment_create(
        gateway="dummy",
        amount=Money(Decimal("10.00"), "USD"),
        customer_email="ada@example.com",
    )

    assert (payment.status, payment.amount) == (
        "pending",
        Money(Decimal("10.00"), "USD"),
    )
