import uuid
from datetime import datetime

from django.db.models import QuerySet

from storefront.payments.models import Payment, PaymentStatus

# A payment that took or reserved money.
MONEY_HELD = (PaymentStatus.AUTHORIZED, PaymentStatus.CHARGED)
# A payment still in progress with the customer or the provider.
IN_PROGRESS = (PaymentStatus.PENDING, PaymentStatus.ACTION_REQUIRED)


def payment_get_by_token(*, token: str | uuid.UUID) -> Payment | None:
    """The payment with this public token, or ``None`` for unknown or malformed."""
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        return None
    return Payment.objects.filter(token=parsed).first()


def payment_get_by_psp_reference(*, gateway: str, psp_reference: str) -> Payment | None:
    """The payment a gateway knows by this reference, or ``None``."""
    return Payment.objects.filter(gateway=gateway, psp_reference=psp_reference).first()


def payment_list_open_for_checkout(*, checkout_token: uuid.UUID) -> QuerySet[Payment]:
    """A checkout's payments that hold money or are in progress, with no order yet.

    Oldest first; payments held for review (amounts that did not match) are
    left out: staff decide about those.
    """
    return (
        Payment.objects.filter(
            checkout_token=checkout_token,
            order__isnull=True,
            status__in=(*MONEY_HELD, *IN_PROGRESS),
        )
        .exclude(metadata__has_key="held_for_review")
        .order_by("created_at", "pk")
    )


def payment_list_stranded(*, updated_before: datetime) -> QuerySet[Payment]:
    """Checkout payments that hold money but no order, unchanged since a time.

    Renewal payments (no checkout) and payments held for review are left out.
    """
    return (
        Payment.objects.filter(
            checkout_token__isnull=False,
            order__isnull=True,
            status__in=MONEY_HELD,
            updated_at__lt=updated_before,
        )
        .exclude(metadata__has_key="held_for_review")
        .order_by("updated_at", "pk")
    )
