"""Payment gateways behind one interface; ``gateway_get`` picks one by name."""

from django.conf import settings

from storefront.payments.errors import PaymentError, PaymentErrorCode
from storefront.payments.gateways.base import PaymentGateway
from storefront.payments.gateways.dummy import DummyGateway
from storefront.payments.gateways.stripe import StripeGateway

DUMMY = "dummy"
STRIPE = "stripe"


def gateways_enabled() -> list[str]:
    """Names of the gateways a shopper may pay with, the default first."""
    names = []
    if settings.STRIPE_SECRET_KEY and settings.STRIPE_PUBLISHABLE_KEY:
        names.append(STRIPE)
    if getattr(settings, "PAYMENTS_DUMMY_ENABLED", True):
        names.append(DUMMY)
    return names


def gateway_get(name: str) -> PaymentGateway:
    """The gateway with this name.

    Raises:
        PaymentError: for an unknown gateway name.
    """
    if name == DUMMY:
        return DummyGateway()
    if name == STRIPE:
        return StripeGateway()
    raise PaymentError("This payment method is not available.", field="gateway")


__all__ = ["DUMMY", "STRIPE", "PaymentErrorCode", "PaymentGateway", "gateway_get"]
