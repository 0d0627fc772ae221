import pytest

from storefront.catalogue.selectors import product_get_for_channel
from storefront.inventory.selectors import StockState, stock_state_for
from tests.factories.catalogue import (
    ChannelFactory,
    StockFactory,
    WarehouseFactory,
    eu_channel,
    listed_product,
)


@pytest.mark.parametrize(
    ("available", "state"),
    [
        (None, StockState.OUT_OF_STOCK),
        (-2, StockState.OUT_OF_STOCK),
        (0, StockState.OUT_OF_STOCK),
        (1, StockState.LOW),
        (5, StockState.LOW),
        (6, StockState.IN_STOCK),
    ],
)
def test_stock_state_for(available, state):
    assert stock_state_for(available) is state


@pytest.mark.django_db
def test_only_the_channels_warehouses_count():
    # given a variant with 4 free units in the US warehouse and 100 in Rotterdam
    us = ChannelFactory()
    eu = eu_channel()
    product = listed_product(channel=us, stock=10)
    variant = product.variants.get()
    stock = variant.stocks.get()
    stock.quantity_allocated = 6
    stock.save()
    rotterdam = WarehouseFactory(
        name="Rotterdam", slug="rotterdam", country="NL", channels=[eu]
    )
    StockFactory(warehouse=rotterdam, product_variant=variant, quantity=100)

    # when
    shown = product_get_for_channel(slug=product.slug, channel=us)

    # then
    assert [v.stock_available for v in shown.priced_variants] == [4]
    assert stock_state_for(shown.priced_variants[0].stock_available) is StockState.LOW
