"""Shopper pages served from the page cache to anonymous visitors.

What a catalogue page shows depends on the path, the channel (prices), the region
(what may ship, which badges), the age-gate answer in the session and the
compliance rule data; those make the key. Everything else personal bypasses the
cache (see ``common.page_cache``).
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import HttpRequest, HttpResponse

from common.page_cache import page_cached, request_is_anonymous
from compliance.rules import rules_load
from storefront.catalogue.age_gate import AGE_GATE_ADULT_KEY, AGE_GATE_REFUSED_KEY
from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY

# A session holding only these still gets shared pages.
SHARED_SESSION_KEYS = (
    SESSION_CHANNEL_KEY,
    SESSION_REGION_KEY,
    AGE_GATE_ADULT_KEY,
    AGE_GATE_REFUSED_KEY,
)

View = Callable[..., HttpResponse]


def anonymous_page_cache(view: View) -> View:
    """Serve the view's page from the cache to visitors with nothing personal."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request_is_anonymous(request, session_keys=SHARED_SESSION_KEYS):
            return view(request, *args, **kwargs)
        region = request.shopper_region  # type: ignore[attr-defined]
        session = request.session
        return page_cached(
            request,
            key_parts=(
                region.channel.slug,
                region.region,
                session.get(AGE_GATE_ADULT_KEY),
                session.get(AGE_GATE_REFUSED_KEY),
                rules_load().version,
            ),
            render=lambda: view(request, *args, **kwargs),
        )

    return wrapper
