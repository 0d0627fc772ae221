"""Reads of stock: what a channel's warehouses can still sell."""

from enum import StrEnum

from django.db.models import F, IntegerField, OuterRef, Subquery, Sum
from django.db.models.functions import Coalesce

from storefront.channels.models import Channel
from storefront.inventory.models import Stock

LOW_STOCK_THRESHOLD = 5


class StockState(StrEnum):
    IN_STOCK = "in_stock"
    LOW = "low"
    OUT_OF_STOCK = "out_of_stock"

    @property
    def label(self) -> str:
        return {
            "in_stock": "In stock",
            "low": "Only a few left",
            "out_of_stock": "Out of stock",
        }[self.value]


def stock_state_for(quantity_available: int | None) -> StockState:
    """Classify a sellable quantity as in stock, low, or out of stock."""
    available = quantity_available or 0
    if available <= 0:
        return StockState.OUT_OF_STOCK
    if available <= LOW_STOCK_THRESHOLD:
        return StockState.LOW
    return StockState.IN_STOCK


def stock_available_subquery(*, channel: Channel, outer_field: str) -> Coalesce:
    """An expression: units free to sell over the channel's warehouses.

    Args:
        channel: whose warehouses count.
        outer_field: the path from ``Stock`` to the outer row's primary key, for
            example ``"product_variant"`` (outer query on variants) or
            ``"product_variant__product"`` (outer query on products).
    """
    stocks = (
        Stock.objects.filter(
            **{outer_field: OuterRef("pk")}, warehouse__channels=channel
        )
        .order_by()
        .values(outer_field)
        .annotate(free=Sum(F("quantity") - F("quantity_allocated")))
        .values("free")
    )
    return Coalesce(Subquery(stocks, output_field=IntegerField()), 0)
