"""Absolute links for emails and redirects that leave the request."""

from contextvars import ContextVar

from django.conf import settings

# The origin of the request being served, set by RequestOriginMiddleware; only
# used when STOREFRONT_BASE_URL is empty (the demo), which production refuses.
request_origin: ContextVar[str] = ContextVar("request_origin", default="")

DEMO_FALLBACK_ORIGIN = "http://127.0.0.1:8000"


def storefront_base_url() -> str:
    """The shop's public origin, without a trailing slash.

    STOREFRONT_BASE_URL when set (production requires it); otherwise the address
    the demo is being served from, so links in its emails open on the same port.
    """
    configured = str(getattr(settings, "STOREFRONT_BASE_URL", "") or "")
    if configured:
        return configured.rstrip("/")
    return request_origin.get() or DEMO_FALLBACK_ORIGIN


def absolute_url(path: str) -> str:
    """``path`` (starting with "/") on the shop's public origin."""
    return storefront_base_url() + path
