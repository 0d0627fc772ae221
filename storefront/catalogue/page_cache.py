"""Shopper pages served from the page cache to anonymous visitors.

What a catalogue page shows depends on the path, the channel (prices), the region
(what may ship, which badges), the age-gate answer in the session and the
compliance rule data; those make the key. Everything else personal bypasses the
cache (see ``common.page_cache``).

A page that shows stored main content (``shopper_content``) is kept under what
it shows of its address (the path, the host and the query parameters the page
reads) with its links back to its own address left as placeholders, so an
address with a parameter the page does not read (a campaign tag, say) is
answered by the stored page with no reads beyond the request's first round trip.
Its main content is kept as well, for pages put together when the whole page
could not be kept.
"""

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial, wraps
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.safestring import SafeString

from common.page_cache import (
    page_cached,
    page_part_key,
    page_part_render,
    request_is_anonymous,
    stock_generation,
)
from compliance.rules import rules_load
from storefront.catalogue.age_gate import AGE_GATE_ADULT_KEY, AGE_GATE_REFUSED_KEY
from storefront.channels.cache import channels_version
from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY

# A session holding only these still gets shared pages.
SHARED_SESSION_KEYS = (
    SESSION_CHANNEL_KEY,
    SESSION_REGION_KEY,
    AGE_GATE_ADULT_KEY,
    AGE_GATE_REFUSED_KEY,
)

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class ContentKey:
    """Which stored main content a page shows (``shopper_content``): its template
    and what it shows beyond what every shared catalogue page keys on."""

    template_name: str
    key_parts: tuple[object, ...] = ()
    counts: bool = False
    """Whether it is rendered from exact unit counts, which move with every stock
    write (``common.page_cache.stock_generation``); the page shows only the stock
    states, whose changes move the page generation on."""


ContentOf = Callable[..., ContentKey]
"""A view's ``ContentKey`` for a request and the view's arguments."""


def anonymous_page_cache(view: View) -> View:
    """Serve the view's page from the cache to visitors with nothing personal."""
    return _page_cache(view, content=None)


def anonymous_page_cache_with(*, content: ContentOf) -> Callable[[View], View]:
    """``anonymous_page_cache`` for a view that shows ``shopper_content``
    (``content(request, *args, **kwargs)`` names it): the page is kept under what
    it shows of its address, and when it has to be rendered its stored content is
    read before the view runs."""
    return lambda view: _page_cache(view, content=content)


def _page_cache(view: View, *, content: ContentOf | None) -> View:
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request_is_anonymous(request, session_keys=SHARED_SESSION_KEYS):
            return view(request, *args, **kwargs)

        render = partial(view, request, *args, **kwargs)
        if content is None:
            return page_cached(
                request,
                key_parts=_shopper_choice_key_parts(request),
                render=render,
                stamp=lambda: (channels_version(),),
            )
        key = content(request, *args, **kwargs)
        return page_cached(
            request,
            key_parts=_shopper_choice_key_parts(request),
            render=render,
            read_with=lambda: (
                page_part_key(
                    template_name=key.template_name,
                    key_parts=_content_key_parts(request, key),
                ),
            ),
            # The region is resolved from the choice against the active channels.
            stamp=lambda: (channels_version(),),
            # Everything else the page shows of its address is what its content shows.
            address=_content_address(request, key),
        )

    return wrapper


def _shopper_choice_key_parts(request: HttpRequest) -> tuple[object, ...]:
    """What, besides the address, a shared catalogue page depends on, read from
    the visitor's session as it stands: the region it resolves to follows from
    the choice and the active channels (the page's ``stamp``), so the page can be
    looked up before anything is resolved, in the request's first round trip."""
    session = request.session
    return (
        session.get(SESSION_CHANNEL_KEY),
        session.get(SESSION_REGION_KEY),
        session.get(AGE_GATE_ADULT_KEY),
        session.get(AGE_GATE_REFUSED_KEY),
        rules_load().version,
    )


def _shopper_key_parts(request: HttpRequest) -> tuple[object, ...]:
    """What, besides the address, a shared catalogue page depends on."""
    region = request.shopper_region  # type: ignore[attr-defined]
    session = request.session
    return (
        region.channel.slug,
        region.region,
        session.get(AGE_GATE_ADULT_KEY),
        session.get(AGE_GATE_REFUSED_KEY),
        rules_load().version,
    )


def shopper_content(
    request: HttpRequest,
    *,
    content: ContentKey,
    context: Callable[[], dict[str, Any]],
) -> SafeString:
    """A catalogue page's main content, shared by the visitors with nothing
    personal whom it would show the same (``common.page_cache.page_part_render``).

    ``content.key_parts`` must name what the content shows beyond the visitor's
    channel, region, age-gate answer and the rule data (which are added here):
    the object shown and the query parameters the page reads, never the whole
    query string. ``context`` is called only when the content has to be rendered.
    """
    return page_part_render(
        request,
        template_name=content.template_name,
        context=context,
        key_parts=_content_key_parts(request, content),
        shared=request_is_anonymous(request, session_keys=SHARED_SESSION_KEYS),
    )


def _content_address(request: HttpRequest, content: ContentKey) -> tuple[object, ...]:
    # The host: links to articles are written for the site the request came to.
    return (request.path, request.get_host(), content.template_name, *content.key_parts)


def _content_key_parts(request: HttpRequest, content: ContentKey) -> tuple[object, ...]:
    return (
        *_content_address(request, content),
        *_shopper_key_parts(request),
        *((stock_generation(),) if content.counts else ()),
    )
