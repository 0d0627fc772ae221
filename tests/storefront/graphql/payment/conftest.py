"""localstripe for the API's Stripe tests: the payments tests' session fixture."""

from tests.storefront.payments.conftest import localstripe, stripe_settings

__all__ = ["localstripe", "stripe_settings"]
