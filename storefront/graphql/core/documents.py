"""Parsing and validating GraphQL documents, once per distinct document.

A storefront sends the same few dozen documents over and over, so the parsed
document and its validation result are kept per process, keyed by the text. The
standard rules of the GraphQL specification (graphql-core's ``specified_rules``)
run first and always; our limits (``limits.py``) run only on documents that
passed them, because they walk fragments and would loop on a fragment cycle.
"""

from dataclasses import dataclass
from functools import lru_cache

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse, validate
from graphql.validation import specified_rules

from storefront.graphql.core.input_text import document_nul_errors
from storefront.graphql.core.limits import (
    DEFAULT_LIMITS,
    Limits,
    limit_error,
    static_limit_errors,
)

CACHE_SIZE = 512
MAX_VALIDATION_ERRORS = 20


@dataclass(frozen=True)
class CheckedDocument:
    """A parsed document, or why it cannot run; ``errors`` empty when it may."""

    document: DocumentNode | None
    errors: tuple[GraphQLError, ...]


def document_check(
    *, schema: GraphQLSchema, query: str, limits: Limits = DEFAULT_LIMITS
) -> CheckedDocument:
    """``query`` parsed and validated against ``schema``, within ``limits``.

    Documents over the size limit are refused before parsing and never cached.
    """
    size = len(query.encode("utf-8", "surrogatepass"))
    if size > limits.document_bytes:
        return CheckedDocument(
            None,
            (
                limit_error(
                    f"The query is {size} bytes long; at most "
                    f"{limits.document_bytes} are allowed.",
                    "QueryTooLarge",
                    size=size,
                    maximumSize=limits.document_bytes,
                ),
            ),
        )
    return _checked(schema, query, limits)


@lru_cache(maxsize=CACHE_SIZE)
def _checked(schema: GraphQLSchema, query: str, limits: Limits) -> CheckedDocument:
    try:
        document = parse(query, max_tokens=limits.tokens)
    except RecursionError:
        return CheckedDocument(
            None,
            (limit_error("The query is nested too deeply.", "QueryTooLarge"),),
        )
    except GraphQLError as exc:
        if "Parsing aborted" in exc.message:
            exc = limit_error(
                f"The query has more than {limits.tokens} tokens.",
                "QueryTooLarge",
                maximumTokens=limits.tokens,
            )
        return CheckedDocument(None, (exc,))
    try:
        errors = validate(
            schema, document, specified_rules, max_errors=MAX_VALIDATION_ERRORS
        )
    except RecursionError:
        errors = [limit_error("The query is nested too deeply.", "QueryTooLarge")]
    if not errors:
        errors = document_nul_errors(document) or static_limit_errors(document, limits)
    return CheckedDocument(document, tuple(errors))


def document_cache_clear() -> None:
    """Forget every checked document (the schema or the limits changed)."""
    _checked.cache_clear()
