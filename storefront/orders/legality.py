"""Whether an order's lines may still ship where it goes, by today's rules.

The law may change after a sale: fulfilment asks again, and staff see the same
answer on the order's pages.
"""

from compliance.regions import RegionDecision, availability_decide
from storefront.orders.models import Order, OrderLine


def order_shipping_region(order: Order) -> str:
    """The region whose law applies to the order: the shipping address's."""
    address = order.shipping_address
    return address.region if address is not None else order.region


def order_line_decisions_today(
    *, order: Order, lines: list[OrderLine]
) -> dict[int, RegionDecision | None]:
    """Each line's region decision for the order's shipping region, decided today.

    Decided once per product class (rule data in memory, no queries). ``None`` for
    an order without a region.
    """
    region = order_shipping_region(order)
    by_class: dict[str, RegionDecision] = {}
    decisions: dict[int, RegionDecision | None] = {}
    for line in lines:
        if not region:
            decisions[line.pk] = None
            continue
        product_class = line.regulated_class or "general"
        if product_class not in by_class:
            by_class[product_class] = availability_decide(
                product_class=product_class, region=region
            )
        decisions[line.pk] = by_class[product_class]
    return decisions


def order_lines_prohibited_today(
    *, order: Order, lines: list[OrderLine]
) -> dict[int, RegionDecision]:
    """The lines that may no longer ship to the order's region, with the decision."""
    decisions = order_line_decisions_today(order=order, lines=lines)
    return {
        line_id: decision
        for line_id, decision in decisions.items()
        if decision is not None and decision.decision == "prohibited"
    }
