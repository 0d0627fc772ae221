"""Whole-page caching for anonymous visitors, dropped the moment what pages show
changes.

Every cached page is keyed by a generation number kept in the shared cache (Redis
in production, process memory in the demo); ``page_cache_invalidate`` moves the
generation on, so every page rendered before is unreachable at once. The services
that change what shoppers see (prices, publication, stock state, articles, rule
data) call it, each with one line. A short lifetime bounds what no write announces:
a publication date that passes.

A page is shared only between visitors who would be shown the same one: the caller
adds what the page depends on (channel, region, age-gate answer) to the key, and
anything personal bypasses the cache (a signed-in user, a session holding more
than the caller allows, pending messages, a method other than GET). CSRF tokens in
a stored page are replaced by a placeholder and re-issued for each visitor; so is
the request's own address (``here``) in a page stored under what it shows of its
address rather than the whole of it (``page_cached``'s ``address``).
"""

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.defaultfilters import urlencode
from django.template.loader import render_to_string
from django.template.response import SimpleTemplateResponse
from django.utils.safestring import SafeString, mark_safe

from common import request_reads

GENERATION_KEY = "pages:generation"
STOCK_GENERATION_KEY = "pages:stock-generation"
TIMEOUT_SECONDS = 60
HEADER = "X-Page-Cache"

_T = TypeVar("_T")

_CSRF_INPUT = re.compile(rb'(name="csrfmiddlewaretoken" value=")[A-Za-z0-9]+(")')
_CSRF_PLACEHOLDER = b"\x00csrf\x00"
_CSRF_PLACEHOLDER_TEXT = _CSRF_PLACEHOLDER.decode()


def page_cache_invalidate() -> None:
    """Make every cached page stale (call after a write that pages show).

    Done at once and again on commit, so a page rendered from the old rows while
    the write's transaction was open is not served afterwards.
    """
    _generation_next()
    transaction.on_commit(_generation_next)


def _generation_next(key: str = GENERATION_KEY) -> None:
    try:
        cache.incr(key)
    except ValueError:
        # No generation yet (first write, or the cache was flushed): nothing stored
        # under a generation can survive a fresh one either.
        cache.set(key, 2, timeout=None)
    # The request that wrote reads the new generation, not the one it pinned.
    request_reads.forget(key)


def stock_counts_changed() -> None:
    """Make stale what shows exact unit counts (call after any stock write).

    Separate from the page generation so that an order, which changes counts but
    rarely the in-stock state pages show, drops only the answers that show counts.
    """
    _generation_next(STOCK_GENERATION_KEY)
    transaction.on_commit(lambda: _generation_next(STOCK_GENERATION_KEY))


class PageCacheInvalidatingAdmin:
    """ModelAdmin mixin: a staff edit of something pages show drops cached pages."""

    def save_related(self, request: HttpRequest, *args: Any, **kwargs: Any) -> None:
        super().save_related(request, *args, **kwargs)  # type: ignore[misc]
        page_cache_invalidate()

    def delete_model(self, request: HttpRequest, obj: Any) -> None:
        super().delete_model(request, obj)  # type: ignore[misc]
        page_cache_invalidate()

    def delete_queryset(self, request: HttpRequest, queryset: Any) -> None:
        super().delete_queryset(request, queryset)  # type: ignore[misc]
        page_cache_invalidate()


def page_generation() -> int:
    """The current generation; part of every key that cached pages depend on."""
    return _generation(GENERATION_KEY)


def stock_generation() -> int:
    """The current stock generation; part of the key of answers showing unit counts."""
    return _generation(STOCK_GENERATION_KEY)


GENERATION_KEYS = (GENERATION_KEY, STOCK_GENERATION_KEY)
# Every cached read of the catalogue keys on them: read once per request.
request_reads.per_request(*GENERATION_KEYS)


def _generation(key: str) -> int:
    generation = request_reads.read(key)
    if generation is None:
        cache.add(key, 1, timeout=None)
        generation = request_reads.read(key) or 1
    return int(generation)


def generation_cached(
    *, namespace: str, key_parts: Iterable[object], compute: Callable[[], _T]
) -> _T:
    """``compute()``'s answer, kept in the shared cache under the page generation
    for as long as a cached page lives.

    For answers that change only when what pages show does: every such write
    moves the generation on, and the short lifetime bounds what no write
    announces (a publication date that passes meanwhile shows within it, as on
    the pages). ``key_parts`` must name everything the answer depends on;
    ``namespace`` keeps unrelated answers with equal parts apart.
    """
    key = generation_key(namespace=namespace, key_parts=key_parts)
    found = request_reads.read_ahead(key)
    if found is None:
        found = compute()
        cache.set(key, found, TIMEOUT_SECONDS)
    return found


def generation_key(*, namespace: str, key_parts: Iterable[object]) -> str:
    """The cache key ``generation_cached`` keeps an answer under."""
    digest = hashlib.sha256(
        json.dumps(list(key_parts), sort_keys=True, default=str).encode()
    ).hexdigest()
    return f"{namespace}:{page_generation()}:{digest}"


FRAGMENT_NAMESPACE = "fragment"


def page_fragment_cached(
    *, key_parts: Iterable[object], render: Callable[[], str]
) -> str:
    """HTML that many pages show alike (for anyone, whoever is signed in), kept
    as cached pages are (``generation_cached``), or rendered afresh when page
    caching is off.

    ``key_parts`` must name everything the fragment depends on.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return render()
    return generation_cached(
        namespace=FRAGMENT_NAMESPACE, key_parts=key_parts, compute=render
    )


PATH_PLACEHOLDER = "\x00here\x00"
"""What a shared page part shows where it links back to the request's own address
(``here`` in its template), filled in for each request."""
_PATH_PLACEHOLDER_BYTES = PATH_PLACEHOLDER.encode()
# Set on a request while a page is rendered to be stored for any address that
# shows the same (``page_cached``'s ``address``).
_ADDRESS_FREE = "_page_cache_address_free"


def _address_free(request: HttpRequest) -> bool:
    return bool(getattr(request, _ADDRESS_FREE, False))


def here(request: HttpRequest) -> dict[str, str]:
    """Context processor: ``here``, the request's own address URL-encoded for a
    ``next`` parameter, or its placeholder while the page is rendered to be
    shared by other addresses (filled in for each request)."""
    if _address_free(request):
        return {"here": PATH_PLACEHOLDER}
    return {"here": urlencode(request.get_full_path())}


def page_part_render(
    request: HttpRequest,
    *,
    template_name: str,
    context: Callable[[], dict[str, Any]],
    key_parts: Iterable[object],
    shared: bool,
) -> SafeString:
    """A part of a page (its main content, say) rendered from ``template_name``
    with ``context()``, kept as fragments are (``page_fragment_cached``) when
    ``shared``, which only a request with nothing personal may ask for.

    The part is rendered with placeholders for what differs between requests that
    share it: the CSRF token of its forms and the request's own address (``here``,
    URL-encoded for a ``next`` parameter); both are filled in for this request, so
    the part may be kept whatever the query string holds. ``key_parts`` must name
    everything else the part shows; ``context`` is called only to render it.
    """

    def render() -> str:
        return render_to_string(
            template_name,
            {
                **context(),
                "csrf_token": _CSRF_PLACEHOLDER_TEXT,
                "here": PATH_PLACEHOLDER,
            },
            request=request,
        )

    if shared:
        html = page_fragment_cached(
            key_parts=_page_part_parts(template_name, key_parts), render=render
        )
    else:
        html = render()
    if _CSRF_PLACEHOLDER_TEXT in html:
        html = html.replace(_CSRF_PLACEHOLDER_TEXT, get_token(request))
    # A page stored for any address fills in its own address when it is served.
    if PATH_PLACEHOLDER in html and not _address_free(request):
        html = html.replace(PATH_PLACEHOLDER, urlencode(request.get_full_path()))
    # Rendered by the template engine, which escaped what it was given.
    return mark_safe(html)


def page_part_key(*, template_name: str, key_parts: Iterable[object]) -> str:
    """The cache key of a shared page part (``page_part_render``), for reading it
    together with the page (``page_cached``'s ``read_with``)."""
    return generation_key(
        namespace=FRAGMENT_NAMESPACE,
        key_parts=_page_part_parts(template_name, key_parts),
    )


def _page_part_parts(
    template_name: str, key_parts: Iterable[object]
) -> tuple[object, ...]:
    return ("part", template_name, *key_parts)


def request_is_anonymous(request: HttpRequest, *, session_keys: Iterable[str]) -> bool:
    """Whether nothing personal can show in this request's page."""
    if request.method not in ("GET", "HEAD"):
        return False
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return False
    if "messages" in request.COOKIES:
        return False
    allowed = set(session_keys)
    session = getattr(request, "session", None)
    return session is None or set(session.keys()) <= allowed


def page_cached(
    request: HttpRequest,
    *,
    key_parts: Iterable[object],
    render: Callable[[], HttpResponse],
    read_with: Callable[[], Iterable[str]] = tuple,
    stamp: Callable[[], tuple[object, ...]] = tuple,
    address: Iterable[object] | None = None,
) -> HttpResponse:
    """The cached page for this request and ``key_parts``, or ``render()``'s,
    stored when it is an ordinary 200 page that changed nothing of the visitor's.

    A page is stored under its full address, or, given ``address`` (what the page
    shows of its address: the path, the host, the query parameters it reads), under
    that: it is then rendered with a placeholder for the request's own address
    (``here``, see ``here``), filled in for each request, so that an address with a
    parameter the page does not read (a campaign tag) is answered by the stored page.

    A page is stored with the page generation it was rendered under, and with
    ``stamp()`` (other versions read once per request, ``common.request_reads``,
    that the page depends on), rather than under a key naming them: reading it
    then shares the request's one round trip for those versions, and a page
    stored under other ones is never served. ``read_with`` names other keys of
    the shared cache that ``render`` would read (see ``page_part_key``): they are
    read together before rendering.
    """
    if not settings.PAGE_CACHE_ENABLED:
        return render()
    htmx = bool(getattr(request, "htmx", False))
    shown = (request.get_full_path(),) if address is None else tuple(address)
    parts = (*shown, htmx, *key_parts)
    digest = hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()
    key = f"page:{digest}"
    stored = request_reads.read_along(key)
    current = (page_generation(), *stamp())
    if isinstance(stored, dict) and stored.get("stamp") == current:
        return _replay(request, stored)
    request_reads.read_together(read_with())
    setattr(request, _ADDRESS_FREE, address is not None)
    try:
        response = render()
        if isinstance(response, SimpleTemplateResponse) and not response.is_rendered:
            # Wagtail's pages come unrendered; what is stored is the finished page.
            response.render()
    finally:
        # An error page rendered after this one shows the request's own address.
        setattr(request, _ADDRESS_FREE, False)
    session = getattr(request, "session", None)
    if (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not (session is not None and session.modified)
        and "private" not in response.get("Cache-Control", "")
    ):
        content = _CSRF_INPUT.sub(rb"\1" + _CSRF_PLACEHOLDER + rb"\2", response.content)
        cache.set(
            key,
            {
                "stamp": current,
                "content": content,
                "content_type": response["Content-Type"],
            },
            TIMEOUT_SECONDS,
        )
        response[HEADER] = "miss"
    if (
        address is not None
        and not response.streaming
        and _PATH_PLACEHOLDER_BYTES in response.content
    ):
        response.content = _address_fill(request, response.content)
    return response


def _address_fill(request: HttpRequest, content: bytes) -> bytes:
    return content.replace(
        _PATH_PLACEHOLDER_BYTES, urlencode(request.get_full_path()).encode()
    )


def _replay(request: HttpRequest, stored: dict[str, object]) -> HttpResponse:
    content: bytes = stored["content"]  # type: ignore[assignment]
    if _CSRF_PLACEHOLDER in content:
        parts = content.split(_CSRF_PLACEHOLDER)
        content = parts[0] + b"".join(
            get_token(request).encode() + part for part in parts[1:]
        )
    if _PATH_PLACEHOLDER_BYTES in content:
        content = _address_fill(request, content)
    response = HttpResponse(content, content_type=stored["content_type"])
    response[HEADER] = "hit"
    return response
