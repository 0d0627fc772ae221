"""How an error leaves the API: Saleor's shape, and nothing internal.

Saleor's clients read ``extensions.exception.code`` (the error's class). Errors the
API raises on purpose (validation, limits, ``GraphQLError`` from a resolver, a
domain error) keep their message. Anything else is a defect: the client gets a
generic ``INTERNAL_ERROR`` with the request's id, and the detail goes to the log
under the same id, so a support request can be traced without the response ever
carrying a database, Python or framework message.
"""

import logging
import re
import uuid
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from graphql import GraphQLError

from common.errors import DomainError

logger = logging.getLogger("storefront.graphql")

INTERNAL_MESSAGE = (
    "Something went wrong on our side. If it keeps happening, contact us quoting "
    "the request id."
)
_REQUEST_ID = re.compile(r"^[A-Za-z0-9._-]{8,64}$")
_EXPECTED_TYPE = re.compile(r"^(?P<head>.*Expected type '[^']+'\.)")


def request_id_for(request: HttpRequest) -> str:
    """The id of ``request``: a well-formed ``X-Request-ID`` header, or a new one."""
    existing = getattr(request, "_graphql_request_id", None)
    if existing:
        return existing
    header = request.headers.get("X-Request-ID", "")
    request_id = header if _REQUEST_ID.match(header) else uuid.uuid4().hex
    request._graphql_request_id = request_id  # type: ignore[attr-defined]
    return request_id


def _root_cause(error: GraphQLError) -> BaseException:
    cause: BaseException = error
    while isinstance(cause, GraphQLError) and cause.original_error is not None:
        cause = cause.original_error
    return cause


def _expected_message(error: GraphQLError, cause: BaseException) -> str | None:
    """The message of an error raised on purpose, or None for a defect."""
    if isinstance(cause, GraphQLError):
        return error.message
    if isinstance(cause, DomainError):
        return cause.message
    if isinstance(cause, ValidationError):
        return " ".join(cause.messages)
    if isinstance(cause, PermissionDenied):
        return str(cause) or "You may not do this."
    return None


def error_format(error: GraphQLError | Exception, *, request: HttpRequest) -> dict:
    """``error`` as a response entry (see the module docstring)."""
    if not isinstance(error, GraphQLError):
        error = GraphQLError(str(error), original_error=error)
    cause = _root_cause(error)
    formatted: dict[str, Any] = dict(error.formatted)
    extensions: dict[str, Any] = dict(formatted.get("extensions") or {})
    message = _expected_message(error, cause)
    if message is None and not error.path:
        # A variable that a scalar could not parse: graphql-core appends the
        # parser's own exception text after the expected type.
        head = _EXPECTED_TYPE.match(error.message)
        if head is not None:
            message = head.group("head")
            cause = error
    if message is None:
        request_id = request_id_for(request)
        logger.error(
            "GraphQL request %s failed at %s",
            request_id,
            error.path,
            exc_info=(type(cause), cause, cause.__traceback__),
        )
        formatted["message"] = INTERNAL_MESSAGE
        extensions["exception"] = {"code": "INTERNAL_ERROR"}
        extensions["requestId"] = request_id
    else:
        formatted["message"] = message
        extensions.setdefault("exception", {"code": type(cause).__name__})
    formatted["extensions"] = extensions
    return formatted
