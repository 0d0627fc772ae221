"""Celery tasks of checkout, scheduled by beat; each calls one service."""

from celery import shared_task

from storefront.checkout.reconciliation import payments_reconcile


@shared_task(name="checkout.payments_reconcile", ignore_result=True)
def payments_reconcile_task() -> dict[str, int]:
    """Complete or give back payments that took money but made no order."""
    summary = payments_reconcile()
    return {"completed": len(summary.completed), "released": len(summary.released)}
