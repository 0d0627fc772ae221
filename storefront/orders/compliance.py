"""Holding an order for compliance review when the law changes under it."""

from django.db import transaction
from django.utils import timezone

from storefront.orders.models import Order, OrderEvent, OrderEventType, OrderStatus

HOLDABLE = (OrderStatus.UNCONFIRMED, OrderStatus.UNFULFILLED)


def order_compliance_hold(*, order_id: int, reason: str, rules_version: str) -> bool:
    """Hold an unfulfilled order so that nothing ships before an officer reviews it.

    Fulfilment refuses a held order (``order_fulfil``). Holding twice changes
    nothing the second time.

    Returns:
        Whether the order was put on hold now.
    """
    with transaction.atomic():
        order = Order.objects.select_for_update().filter(pk=order_id).first()
        if order is None or order.status not in HOLDABLE:
            return False
        metadata = dict(order.metadata or {})
        if metadata.get("compliance_hold"):
            return False
        metadata["compliance_hold"] = {
            "reason": reason,
            "rules_version": rules_version,
            "at": timezone.now().isoformat(),
        }
        order.metadata = metadata
        order.save(update_fields=["metadata"])
        OrderEvent.objects.create(
            order=order,
            type=OrderEventType.NOTE,
            parameters={"message": f"Held for compliance review: {reason}"},
        )
    return True
