"""The payment state machine: which status may follow which.

A payment only moves forward. Money taken is never "failed" afterwards, a voided
or fully refunded payment is final, and a refund follows a charge. A failed
attempt may still succeed later: Stripe lets the customer retry the same
PaymentIntent with another card.
"""

from storefront.payments.models import PaymentStatus as S

_MOVES: dict[str, frozenset[str]] = {
    S.PENDING: frozenset(
        {S.ACTION_REQUIRED, S.AUTHORIZED, S.CHARGED, S.FAILED, S.CANCELED}
    ),
    S.ACTION_REQUIRED: frozenset(
        {S.ACTION_REQUIRED, S.AUTHORIZED, S.CHARGED, S.FAILED, S.CANCELED}
    ),
    S.FAILED: frozenset({S.ACTION_REQUIRED, S.AUTHORIZED, S.CHARGED, S.CANCELED}),
    S.AUTHORIZED: frozenset({S.CHARGED, S.CANCELED}),
    S.CHARGED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.PARTIALLY_REFUNDED: frozenset({S.PARTIALLY_REFUNDED, S.REFUNDED}),
    S.REFUNDED: frozenset(),
    S.CANCELED: frozenset(),
}


def payment_status_can_move(*, current: str, to: str) -> bool:
    """Whether a payment in ``current`` may move to ``to`` (staying put is allowed)."""
    return current == to or to in _MOVES.get(current, frozenset())
