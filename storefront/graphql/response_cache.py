"""Cached answers to anonymous catalogue queries.

A storefront's product listings and product pages are the same for every anonymous
visitor of a channel, so their API answers are kept in the shared cache keyed by
(document hash, variables, operation name), each stored with the generation of the
page cache (``common.page_cache``) it was computed under, which the services move
on whenever prices, publication, names, media or stock state change: an answer of
an earlier generation is not served. Answers that show exact unit counts
(``quantityAvailable``, as a product page asks) also carry the stock generation,
which every stock write moves on, so an order drops them and nothing else.

The channel is part of the key through the variables or the document; without
either it is the default channel, since the shopper's region lives in the session
and a request with a session is not cached. A request that could depend on
anything else is not cached: any session cookie or ``Authorization`` header, a
mutation, or a field outside the catalogue.
"""

import hashlib
import json
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from graphql import GraphQLSchema, OperationType
from graphql.language import FieldNode, OperationDefinitionNode

from common import request_reads
from common.page_cache import page_generation, stock_generation
from storefront.graphql.core.documents import document_check
from storefront.graphql.core.limits import Limits

HEADER = "X-Response-Cache"
TIMEOUT_SECONDS = 60
MAX_BODY_BYTES = 64 * 1024
# Root fields whose answers are the same for every anonymous caller of a channel.
CATALOGUE_FIELDS = frozenset(
    {
        "products",
        "product",
        "productVariant",
        "productVariants",
        "categories",
        "category",
        "collection",
        "collections",
        "channel",
        "channels",
        "__typename",
    }
)
# Per-warehouse stock and sold units are not kept in step with any generation.
UNCACHEABLE_WORDS = (b"stocks", b"quantityOrdered")
# Exact counts change with every order, which moves only the stock generation.
STOCK_COUNT_WORDS = (b"quantityAvailable",)


def _document_cacheable(document: str, schema: GraphQLSchema, limits: Limits) -> bool:
    # The executor checks the same document next: parsed once per process, for
    # both, by ``document_check``'s cache.
    checked = document_check(schema=schema, query=document, limits=limits)
    tree = checked.document
    if checked.errors or tree is None:
        return False
    operations = [d for d in tree.definitions if isinstance(d, OperationDefinitionNode)]
    return bool(operations) and all(
        op.operation == OperationType.QUERY
        and all(
            isinstance(sel, FieldNode) and sel.name.value in CATALOGUE_FIELDS
            for sel in op.selection_set.selections
        )
        for op in operations
    )


def _cache_key(
    request: HttpRequest, schema: GraphQLSchema, limits: Limits
) -> tuple[str, bool] | None:
    """The key of an anonymous catalogue query and whether its answer shows unit
    counts, or None when it is not one."""
    if request.method != "POST" or request.headers.get("Authorization"):
        return None
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return None
    body = request.body
    if len(body) > MAX_BODY_BYTES or any(word in body for word in UNCACHEABLE_WORDS):
        return None
    try:
        payload = json.loads(body)
    except ValueError:
        return None
    if not isinstance(payload, dict) or not isinstance(payload.get("query"), str):
        return None
    document = payload["query"]
    digest = hashlib.sha256(document.encode()).hexdigest()
    if not _document_cacheable(document, schema, limits):
        return None
    variables = json.dumps(payload.get("variables") or {}, sort_keys=True)
    operation = str(payload.get("operationName") or "")
    rest = hashlib.sha256(f"{variables}\x1f{operation}".encode()).hexdigest()
    unit_counts = any(word in body for word in STOCK_COUNT_WORDS)
    return f"gql:answer:{digest}:{rest}", unit_counts


def _generation(*, unit_counts: bool) -> str:
    """The generations an answer was computed under; it is good while they last."""
    generation = str(page_generation())
    if unit_counts:
        generation += f".{stock_generation()}"
    return generation


def response_cached(
    request: HttpRequest,
    execute: Callable[[], HttpResponse],
    *,
    schema: GraphQLSchema,
    limits: Limits,
) -> HttpResponse:
    """The stored answer to this anonymous catalogue query, or ``execute()``'s,
    stored when it succeeded without errors.

    An answer is stored with the generations it was computed under rather than
    under a key naming them, so that reading it shares the request's one round
    trip for the generations (``common.request_reads``).
    """
    found = _cache_key(request, schema, limits) if settings.PAGE_CACHE_ENABLED else None
    if found is None:
        return execute()
    key, unit_counts = found
    stored = request_reads.read_along(key)
    generation = _generation(unit_counts=unit_counts)
    if isinstance(stored, tuple) and len(stored) == 2 and stored[0] == generation:
        response = HttpResponse(stored[1], content_type="application/json")
        response[HEADER] = "hit"
        return response
    response = execute()
    if (
        response.status_code == 200
        and not response.streaming
        and b'"errors"' not in response.content
    ):
        cache.set(key, (generation, response.content), TIMEOUT_SECONDS)
        response[HEADER] = "miss"
    return response


def response_without_cookie_dependence(
    request: HttpRequest, response: HttpResponse
) -> HttpResponse:
    """Keep API answers free of a CSRF cookie and ``Vary: Cookie`` when they do not
    depend on cookies, so that they can be cached.

    The endpoint is CSRF-exempt, so the cookie graphene-django's view asks for
    protects nothing. A caller without a session cookie has an empty session;
    having looked at it does not make the answer depend on cookies.
    """
    session = getattr(request, "session", None)
    if session is not None and session.modified:
        # A sign-in rotated the session and CSRF token: both cookies must go out.
        return response
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = False
    if settings.CSRF_COOKIE_NAME in response.cookies:
        # Set by graphene-django's ``ensure_csrf_cookie`` inside the view.
        del response.cookies[settings.CSRF_COOKIE_NAME]
        vary = [v.strip() for v in response.get("Vary", "").split(",") if v.strip()]
        kept = [v for v in vary if v.lower() != "cookie"]
        if kept:
            response["Vary"] = ", ".join(kept)
        elif "Vary" in response:
            del response["Vary"]
    if session is not None and settings.SESSION_COOKIE_NAME not in request.COOKIES:
        session.accessed = False
    return response
