"""No stranded money: payments that took or reserved money but made no order.

A worker killed between "the provider said yes" and "the order committed" leaves
an authorised or charged payment and an open checkout. The periodic
``payments_reconcile`` finds such payments after a few minutes and either
completes the order (when the checkout can still be bought at the price paid)
or gives the money back; both outcomes leave a payment event, and a completed
order an order event. Running it twice, or at the same time as a late webhook or
the shopper paying again, changes nothing more: ``checkout_complete`` locks the
checkout and makes an order at most once.
"""

import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.conf import settings
from django.utils import timezone

from common.errors import DomainError
from storefront.checkout.services.complete import checkout_complete
from storefront.orders.models import Order, OrderEvent, OrderEventType
from storefront.payments.models import Payment
from storefront.payments.selectors import payment_list_stranded
from storefront.payments.services import payment_info_record

logger = logging.getLogger(__name__)


@dataclass
class ReconcileSummary:
    """What one run did: the orders placed and the payments given back."""

    completed: list[int] = field(default_factory=list)  # order ids
    released: list[int] = field(default_factory=list)  # payment ids


def _grace() -> timedelta:
    return timedelta(
        seconds=int(getattr(settings, "CHECKOUT_RECONCILE_AFTER_SECONDS", 5 * 60))
    )


def payments_reconcile(*, now: datetime | None = None) -> ReconcileSummary:
    """Complete or release every payment stranded without an order.

    Only payments unchanged for CHECKOUT_RECONCILE_AFTER_SECONDS are touched, so a
    checkout still being completed by its request is left to it.
    """
    now = now or timezone.now()
    summary = ReconcileSummary()
    stranded = list(payment_list_stranded(updated_before=now - _grace()))
    for payment in stranded:
        _reconcile_one(payment, summary)
    if stranded:
        logger.info(
            "Reconciled %s stranded payments: %s orders placed, %s released",
            len(stranded),
            len(summary.completed),
            len(summary.released),
        )
    return summary


def _reconcile_one(payment: Payment, summary: ReconcileSummary) -> None:
    if payment.checkout_token is None:  # renewals are not the selector's
        return
    try:
        order = checkout_complete(
            checkout_token=payment.checkout_token, payment=payment
        )
    except DomainError as exc:
        # checkout_complete has given the money back already; say why on the payment.
        payment_info_record(
            payment=payment,
            message=f"Reconciliation: no order could be placed ({exc.message}); "
            "the money was given back.",
        )
        summary.released.append(payment.pk)
        return
    except Exception:  # one bad payment must not stop the rest of the run
        logger.exception("Reconciliation of payment %s failed", payment.pk)
        return
    _order_note(order, payment)
    payment_info_record(
        payment=payment,
        message=f"Reconciliation: order {order.number} placed from this payment.",
    )
    summary.completed.append(order.pk)


def _order_note(order: Order, payment: Payment) -> None:
    OrderEvent.objects.create(
        order=order,
        type=OrderEventType.NOTE,
        parameters={
            "message": "Placed by reconciliation: the payment had succeeded but "
            "the order was not made at the time.",
            "payment": payment.pk,
        },
    )
