"""Celery tasks, scheduled by beat (CELERY_BEAT_SCHEDULE); each calls one service."""

import logging

from celery import shared_task

from storefront.subscriptions.services.notifications import subscription_reminders_send
from storefront.subscriptions.services.renewals import subscription_renewals_run

logger = logging.getLogger(__name__)


@shared_task(name="subscriptions.renewals_run")
def renewals_run() -> dict[str, int]:
    """Renew every due subscription; safe to run twice or concurrently."""
    summary = subscription_renewals_run()
    counts = {"resumed": summary.resumed}
    for outcome in summary.outcomes:
        counts[outcome.result] = counts.get(outcome.result, 0) + 1
    logger.info("Renewals run: %s", counts)
    return counts


@shared_task(name="subscriptions.reminders_send")
def reminders_send() -> int:
    """Email customers whose renewal is a few days away."""
    return subscription_reminders_send()
