"""Parsing and validating GraphQL documents, once per distinct document.

A storefront sends the same few dozen documents over and over, so the parsed
document and its validation result are kept per process, keyed by the text. The
standard rules of the GraphQL specification (graphql-core's ``specified_rules``)
run first and always; our limits (``limits.py``) run only on documents that
passed them, because they walk fragments and would loop on a fragment cycle.
"""

from dataclasses import dataclass
from functools import lru_cache

from graphql import (
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    GraphQLSyntaxError,
    Location,
    Source,
    Token,
    validate,
)
from graphql.language.parser import Parser
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


class _Location(Location):
    """Where a node was written: its offsets and the source, as errors report it.

    graphql-core's own locations also hold the node's first and last token, and
    through the tokens' links every token of the document. Nothing reads them once
    the document is parsed, but a cached document would keep them all alive:
    a third of what it holds, for the garbage collector to walk again and again.
    """

    __slots__ = ()

    def __init__(self, start: int, end: int, source: Source) -> None:
        self.start = start
        self.end = end
        self.source = source


class _Parser(Parser):
    """graphql-core's parser, with locations that keep no tokens."""

    def loc(self, start_token: Token) -> Location | None:
        lexer = self._lexer
        return _Location(start_token.start, lexer.last_token.end, lexer.source)


def _parse(query: str, *, max_tokens: int) -> DocumentNode:
    """``graphql.parse(query, max_tokens=max_tokens)``, with token-free locations."""
    parser = _Parser(query, max_tokens=max_tokens)
    try:
        return parser.parse_document()
    except RecursionError:
        pass
    # Raised outside the handler, as graphql-core does, so that the error keeps
    # no frame of the recursion alive.
    lexer = parser._lexer
    raise GraphQLSyntaxError(
        lexer.source,
        lexer.token.start,
        "Document is nested too deeply. Parsing aborted.",
    )


@lru_cache(maxsize=CACHE_SIZE)
def _checked(schema: GraphQLSchema, query: str, limits: Limits) -> CheckedDocument:
    try:
        document = _parse(query, max_tokens=limits.tokens)
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
