"""The email outbox: every email the shop sends goes through here.

``email_queue`` writes the email in the caller's transaction and hands it to a
Celery task once that transaction commits. Neither a broker that refuses the task
nor a mail server that refuses the email reaches the request: the failure is
logged, and ``email_retry_due`` (run every minute by beat) sends it later, with a
growing pause between attempts.
"""

import logging
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from common.models import OutboundEmail

logger = logging.getLogger(__name__)

# The queued task normally delivers at once; the sweep waits this long before it
# takes over an email, so the two do not race for a fresh one.
SWEEP_GRACE = timedelta(minutes=1)

SentHook = Callable[[OutboundEmail], None]
_sent_hooks: dict[str, SentHook] = {}


def email_sent_hook_register(*, kind: str, hook: SentHook) -> None:
    """Call ``hook`` with each email of this ``kind`` once it has been sent.

    Apps register their hooks in ``AppConfig.ready`` (for example, the orders app
    records "confirmation sent" on the order).
    """
    _sent_hooks[kind] = hook


def email_queue(
    *,
    to: Sequence[str],
    subject: str,
    body: str,
    from_email: str = "",
    kind: str = "",
    reference: str = "",
) -> OutboundEmail:
    """Write an email to the outbox and deliver it after the transaction commits.

    Returns the outbox row. Never raises for a mail or broker outage.
    """
    email = OutboundEmail.objects.create(
        to=list(to),
        from_email=from_email,
        subject=subject[:255],
        body=body,
        kind=kind,
        reference=reference,
        next_attempt_at=timezone.now() + SWEEP_GRACE,
    )
    email_id = email.pk
    transaction.on_commit(lambda: _dispatch(email_id), robust=True)
    return email


def _dispatch(email_id: int) -> None:
    # Imported here: the task module imports this one.
    from common.tasks import email_deliver_task

    try:
        email_deliver_task.delay(email_id)
    except Exception:  # a broker outage must not reach the request
        logger.warning(
            "Email %s could not be queued; the outbox sweep will send it",
            email_id,
            exc_info=True,
        )


def _retry_delay(attempts: int) -> timedelta:
    base = int(getattr(settings, "MAIL_RETRY_SECONDS", 60))
    return timedelta(seconds=base * 2 ** max(attempts - 1, 0))


def email_deliver(*, email_id: int) -> bool:
    """Send one outbox email if it is still waiting; safe to call twice.

    The row is locked while it is sent, so the task and the sweep never send the
    same email twice. A refused send is recorded with the next attempt's time,
    or marked given up after MAIL_MAX_ATTEMPTS. Returns whether it was sent.
    """
    with transaction.atomic():
        email = (
            OutboundEmail.objects.select_for_update(skip_locked=True)
            .filter(pk=email_id, status=OutboundEmail.Status.PENDING)
            .first()
        )
        if email is None:
            return False
        email.attempts += 1
        try:
            EmailMessage(
                subject=email.subject,
                body=email.body,
                from_email=email.from_email or settings.DEFAULT_FROM_EMAIL,
                to=email.to,
            ).send()
        except Exception as exc:  # any transport failure is retried later
            email.last_error = f"{exc.__class__.__name__}: {exc}"[:255]
            if email.attempts >= int(getattr(settings, "MAIL_MAX_ATTEMPTS", 8)):
                email.status = OutboundEmail.Status.FAILED
                logger.exception(
                    "Email %s given up after %s attempts", email.pk, email.attempts
                )
            else:
                email.next_attempt_at = timezone.now() + _retry_delay(email.attempts)
                logger.warning(
                    "Email %s not sent (attempt %s), retrying at %s",
                    email.pk,
                    email.attempts,
                    email.next_attempt_at.isoformat(),
                    exc_info=True,
                )
            email.save()
            return False
        email.status = OutboundEmail.Status.SENT
        email.sent_at = timezone.now()
        email.last_error = ""
        email.save()
        hook = _sent_hooks.get(email.kind)
        if hook is not None:
            hook(email)
    return True


def email_retry_due(*, now: datetime | None = None, limit: int = 200) -> int:
    """Send the waiting emails whose next attempt is due; returns how many were sent.

    Covers emails whose task was never queued (broker down) as well as those the
    mail server refused.
    """
    now = now or timezone.now()
    due = list(
        OutboundEmail.objects.filter(
            status=OutboundEmail.Status.PENDING, next_attempt_at__lte=now
        )
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return sum(1 for pk in due if email_deliver(email_id=pk))
