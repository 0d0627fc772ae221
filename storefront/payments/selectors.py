import uuid

from storefront.payments.models import Payment


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
