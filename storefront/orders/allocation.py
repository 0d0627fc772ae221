"""Stock allocation for order lines: promising, releasing and shipping units.

Every write here assumes the caller holds a transaction; Stock rows are locked with
``select_for_update()`` ordered by primary key, so concurrent orders queue on the
same rows in the same order and can never oversell (nor deadlock on each other).
"""

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import transaction
from django.db.models import F

from common.page_cache import page_cache_invalidate, stock_counts_changed
from storefront.inventory.errors import InsufficientStockError
from storefront.inventory.models import Stock
from storefront.inventory.selectors import stock_state_for
from storefront.orders.models import Allocation, OrderLine


@dataclass(frozen=True)
class AllocationRequest:
    order_line: OrderLine
    variant_id: int
    sku: str
    quantity: int
    track_inventory: bool = True


def stock_allocate(*, channel_id: int, requests: Sequence[AllocationRequest]) -> None:
    """Promise stock to order lines, taking from the fullest warehouse first.

    Must run inside ``transaction.atomic``; locks the channel's Stock rows of every
    requested variant, ordered by pk.

    Raises:
        InsufficientStockError: listing every SKU short of stock; nothing is written.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("stock_allocate must run inside a transaction.")
    tracked = [r for r in requests if r.track_inventory]
    if not tracked:
        return
    stocks = list(
        Stock.objects.select_for_update(of=("self",))
        .filter(
            product_variant_id__in={r.variant_id for r in tracked},
            warehouse__channels__id=channel_id,
        )
        .order_by("pk")
    )
    by_variant: dict[int, list[Stock]] = defaultdict(list)
    for stock in stocks:
        by_variant[stock.product_variant_id].append(stock)
    plan: list[tuple[AllocationRequest, Stock, int]] = []
    short: list[str] = []
    remaining_by_stock = {s.pk: s.quantity - s.quantity_allocated for s in stocks}
    for request in tracked:
        needed = request.quantity
        candidates = sorted(
            by_variant[request.variant_id],
            key=lambda s: (-remaining_by_stock[s.pk], s.pk),
        )
        for stock in candidates:
            if needed == 0:
                break
            take = min(needed, max(remaining_by_stock[stock.pk], 0))
            if take:
                plan.append((request, stock, take))
                remaining_by_stock[stock.pk] -= take
                needed -= take
        if needed:
            short.append(request.sku)
    if short:
        raise InsufficientStockError(items=short)
    allocations = []
    for request, stock, take in plan:
        Stock.objects.filter(pk=stock.pk).update(
            quantity_allocated=F("quantity_allocated") + take
        )
        allocations.append(
            Allocation(
                order_line=request.order_line, stock=stock, quantity_allocated=take
            )
        )
    Allocation.objects.bulk_create(allocations)
    stock_counts_changed()
    if _stock_states_changed(stocks, remaining_by_stock):
        page_cache_invalidate()


def _stock_states_changed(stocks: Sequence[Stock], remaining: dict[int, int]) -> bool:
    """Whether allocating moved any variant between in stock, low and out of stock,
    which is all that pages show of stock."""
    before: dict[int, int] = defaultdict(int)
    after: dict[int, int] = defaultdict(int)
    for stock in stocks:
        before[stock.product_variant_id] += stock.quantity - stock.quantity_allocated
        after[stock.product_variant_id] += remaining[stock.pk]
    return any(stock_state_for(before[v]) != stock_state_for(after[v]) for v in before)


def stock_release(*, order_line_ids: Sequence[int]) -> None:
    """Give back every unit still allocated to these order lines (order cancelled).

    Must run inside ``transaction.atomic``; locks the Stock rows by pk.
    """
    allocations = list(
        Allocation.objects.filter(
            order_line_id__in=order_line_ids, quantity_allocated__gt=0
        )
    )
    stock_ids = sorted({a.stock_id for a in allocations})
    list(Stock.objects.select_for_update().filter(pk__in=stock_ids).order_by("pk"))
    for allocation in allocations:
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity_allocated=F("quantity_allocated") - allocation.quantity_allocated
        )
    Allocation.objects.filter(pk__in=[a.pk for a in allocations]).update(
        quantity_allocated=0
    )
    if allocations:
        stock_counts_changed()
        page_cache_invalidate()


def stock_ship(*, order_line_id: int, quantity: int) -> None:
    """Take shipped units off the shelf: both quantity and allocation go down.

    Must run inside ``transaction.atomic``; locks the Stock rows by pk.

    Raises:
        InsufficientStockError: when fewer units are allocated than shipped.
    """
    allocations = list(
        Allocation.objects.select_related("stock__product_variant")
        .filter(order_line_id=order_line_id, quantity_allocated__gt=0)
        .order_by("pk")
    )
    list(
        Stock.objects.select_for_update()
        .filter(pk__in=sorted(a.stock_id for a in allocations))
        .order_by("pk")
    )
    needed = quantity
    for allocation in allocations:
        take = min(needed, allocation.quantity_allocated)
        if not take:
            continue
        Stock.objects.filter(pk=allocation.stock_id).update(
            quantity=F("quantity") - take,
            quantity_allocated=F("quantity_allocated") - take,
        )
        Allocation.objects.filter(pk=allocation.pk).update(
            quantity_allocated=F("quantity_allocated") - take
        )
        needed -= take
    if needed:
        sku = allocations[0].stock.product_variant.sku if allocations else "this line"
        raise InsufficientStockError(items=[sku])
