"""Writes of stock that staff make by hand: counting what a warehouse holds."""

from django.core.exceptions import ValidationError
from django.db import transaction

from common.page_cache import stock_counts_changed
from storefront.inventory.models import Stock, Warehouse


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
        stock.quantity = quantity
        stock.full_clean()
        stock.save()
        stock_counts_changed()
    return stock
