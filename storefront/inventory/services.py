"""Writes of stock that staff make by hand: counting what a warehouse holds."""

from django.core.exceptions import ValidationError
from django.db import transaction

from common.page_cache import page_cache_invalidate, stock_counts_changed
from storefront.inventory.models import Stock, Warehouse
from storefront.inventory.selectors import stock_row_change_may_move_state


def stock_quantity_set(
    *, variant_id: int, warehouse: Warehouse, quantity: int
) -> Stock:
    """Set how many units of a variant the warehouse holds, creating the row.

    Locks the stock row so a concurrent order's allocation is seen; units already
    promised to orders cannot be counted away.

    Raises:
        ValidationError: on ``quantity`` when negative or below the allocated units.
    """
    if quantity < 0:
        raise ValidationError(
            {"quantity": ValidationError("Stock cannot be negative.", code="invalid")}
        )
    with transaction.atomic():
        stock = (
            Stock.objects.select_for_update()
            .filter(product_variant_id=variant_id, warehouse=warehouse)
            .first()
        ) or Stock(product_variant_id=variant_id, warehouse=warehouse)
        if quantity < stock.quantity_allocated:
            raise ValidationError(
                {
                    "quantity": ValidationError(
                        "%(allocated)d units in %(warehouse)s are already promised "
                        "to orders; the stock cannot go below that.",
                        code="invalid",
                        params={
                            "allocated": stock.quantity_allocated,
                            "warehouse": warehouse.name,
                        },
                    )
                }
            )
        if stock.pk and stock.quantity == quantity:
            return stock
        before = stock.quantity - stock.quantity_allocated if stock.pk else 0
        stock.quantity = quantity
        stock.full_clean()
        stock.save()
        stock_counts_changed()
        # Pages show only the stock state; they are dropped when it may move.
        if stock_row_change_may_move_state(
            before=before, after=quantity - stock.quantity_allocated
        ):
            page_cache_invalidate()
    return stock
