"""Reads of stock: what a channel's warehouses can still sell."""

from collections.abc import Iterable
from enum import StrEnum

from django.db.models import (
    Case,
    F,
    IntegerField,
    OuterRef,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from storefront.channels.models import Channel
from storefront.inventory.models import Stock

LOW_STOCK_THRESHOLD = 5

# What a variant that does not track inventory (a membership, a download) reports
# as free to sell: large enough that no quantity check ever refuses it, and still
# an integer so listings can compare and sort it like any other stock figure.
UNTRACKED_AVAILABLE = 10**6


class StockState(StrEnum):
    UNLIMITED = "unlimited"
    IN_STOCK = "in_stock"
    LOW = "low"
    OUT_OF_STOCK = "out_of_stock"

    @property
    def label(self) -> str:
        return {
            "unlimited": "Available",
            "in_stock": "In stock",
            "low": "Only a few left",
            "out_of_stock": "Out of stock",
        }[self.value]


def stock_state_for(
    quantity_available: int | None, *, track_inventory: bool = True
) -> StockState:
    """Classify a sellable quantity as in stock, low, or out of stock.

    A variant that does not track inventory (a membership, a download) is always
    available, whatever stock rows it has or lacks.
    """
    if not track_inventory:
        return StockState.UNLIMITED
    available = quantity_available or 0
    if available <= 0:
        return StockState.OUT_OF_STOCK
    if available <= LOW_STOCK_THRESHOLD:
        return StockState.LOW
    return StockState.IN_STOCK


def stock_row_change_may_move_state(*, before: int, after: int) -> bool:
    """Whether a stock row going from ``before`` to ``after`` units free to sell
    may move its variant between in stock, low and out of stock in some channel.

    A channel's figure is this row plus its other warehouses' rows, which are at
    least zero; only while the row is at or below the low-stock threshold can the
    sum cross zero or the threshold.
    """
    return before != after and min(before, after) <= LOW_STOCK_THRESHOLD


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


def stock_available_quantities(
    *, channel_id: int, variant_ids: Iterable[int]
) -> dict[int, int]:
    """Units free to sell per variant in the warehouses that serve a channel (1 query).

    Variants with no stock row in those warehouses are reported as 0.
    """
    ids = list(set(variant_ids))
    if not ids:
        return {}
    rows = (
        Stock.objects.filter(
            product_variant_id__in=ids, warehouse__channels__id=channel_id
        )
        .values("product_variant_id")
        .annotate(available=Sum(F("quantity") - F("quantity_allocated")))
    )
    available = dict.fromkeys(ids, 0)
    for row in rows:
        available[row["product_variant_id"]] = max(int(row["available"] or 0), 0)
    return available


def variant_available_expression(*, channel: Channel) -> Case:
    """An expression on variants: units free to sell in the channel.

    A variant that does not track inventory counts as ``UNTRACKED_AVAILABLE``
    whatever its stock rows say, so pages and the API never call it sold out.
    """
    return Case(
        When(track_inventory=False, then=Value(UNTRACKED_AVAILABLE)),
        default=stock_available_subquery(
            channel=channel, outer_field="product_variant"
        ),
        output_field=IntegerField(),
    )
