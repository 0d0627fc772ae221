import uuid

from storefront.payments.models import Payment


def payment_get_by_token(*, token: str | uuid.UUID) -> Payment | None:
    """The payment with this public token, or ``None`` for unknown or malformed."""
    try:
        parsed = uuid.UUID(str(token))
    except ValueError:
        return None
    return Payment.objects.filter(token=parsed).first()
