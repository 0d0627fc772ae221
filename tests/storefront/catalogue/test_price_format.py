"""Prices read the way each currency's shoppers write them."""

from decimal import Decimal

import pytest
from prices import Money

from storefront.catalogue.templatetags.catalogue_tags import money, price_range


@pytest.mark.parametrize(
    ("amount", "currency", "shown"),
    [
        (Decimal("24"), "USD", "$24.00"),
        (Decimal("1024.5"), "USD", "$1,024.50"),
        (Decimal("24"), "EUR", "24,00\xa0€"),
        (Decimal("1024.5"), "EUR", "1.024,50\xa0€"),
        (Decimal("24"), "GBP", "£24.00"),
        (Decimal("24.005"), "GBP", "£24.01"),
        (Decimal("1500"), "JPY", "¥1,500"),
    ],
)
def test_money_formats_per_currency(amount, currency, shown):
    assert money(amount, currency) == shown


def test_money_takes_its_currency_from_a_money_value():
    assert money(Money(Decimal("9.5"), "EUR")) == "9,50\xa0€"


def test_nothing_to_show_for_no_amount():
    assert money(None, "USD") == ""


def test_a_range_joins_the_lowest_and_highest():
    assert price_range(Decimal(24), Decimal(42), "USD") == "$24.00 \u2013 $42.00"
    assert price_range(Decimal(24), Decimal(24), "USD") == "$24.00"
