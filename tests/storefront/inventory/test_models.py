import pytest
from django.db import IntegrityError, transaction

from storefront.inventory.models import Stock
from tests.factories.catalogue import StockFactory

pytestmark = pytest.mark.django_db


def test_stock_cannot_be_over_allocated():
    # given
    stock = StockFactory(quantity=5, quantity_allocated=5)

    # when / then
    stock.quantity_allocated = 6
    with (
        pytest.raises(IntegrityError, match="stock_not_overallocated"),
        transaction.atomic(),
    ):
        stock.save()
    stock.refresh_from_db()
    assert stock.quantity_allocated == 5


def test_one_stock_row_per_variant_and_warehouse():
    # given
    stock = StockFactory()

    # when / then
    with (
        pytest.raises(IntegrityError, match="stock_unique_variant"),
        transaction.atomic(),
    ):
        StockFactory(warehouse=stock.warehouse, product_variant=stock.product_variant)
    assert Stock.objects.count() == 1


def test_quantity_available_never_negative():
    # given
    stock = StockFactory.build(quantity=3, quantity_allocated=3)

    # then
    assert stock.quantity_available == 0
