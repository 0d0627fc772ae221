"""How much of a total is covered: one answer for checkouts and orders."""

from decimal import Decimal

import pytest

from storefront.payments.selectors import (
    payment_charge_status,
    payment_share_status,
    payment_shares,
)


@pytest.mark.parametrize(
    ("covered", "total", "overcharge", "expected"),
    [
        ("0", "25", True, "none"),
        ("10", "25", True, "partial"),
        ("25", "25", True, "full"),
        ("30", "25", True, "overcharged"),
        ("30", "25", False, "full"),
        ("0", "0", True, "full"),
    ],
)
def test_share_of_a_total(covered, total, overcharge, expected):
    assert (
        payment_share_status(
            covered=Decimal(covered), total=Decimal(total), overcharge=overcharge
        )
        == expected
    )


def test_charged_money_counts_as_authorised():
    shares = payment_shares(
        authorized=Decimal(0), charged=Decimal("10"), total=Decimal("25")
    )

    assert (shares.authorize_status, shares.charge_status) == ("partial", "partial")


@pytest.mark.parametrize(
    ("charged", "refunded", "total", "expected"),
    [
        ("0", "0", "25", "not_charged"),
        ("10", "0", "25", "partially_charged"),
        ("25", "0", "25", "fully_charged"),
        ("25", "5", "25", "partially_refunded"),
        ("25", "25", "25", "fully_refunded"),
    ],
)
def test_payment_charge_status(charged, refunded, total, expected):
    assert (
        payment_charge_status(
            charged=Decimal(charged), refunded=Decimal(refunded), total=Decimal(total)
        )
        == expected
    )
