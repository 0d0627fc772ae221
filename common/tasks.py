"""Celery tasks of the shared kernel: delivering the email outbox."""

from celery import shared_task

from common.mail import email_deliver, email_retry_due


@shared_task(name="common.email_deliver", ignore_result=True)
def email_deliver_task(email_id: int) -> bool:
    """Send one outbox email; a failure is recorded on it for the sweep."""
    return email_deliver(email_id=email_id)


@shared_task(name="common.mail_retry_due", ignore_result=True)
def mail_retry_due_task() -> int:
    """Retry every outbox email whose next attempt is due."""
    return email_retry_due()
