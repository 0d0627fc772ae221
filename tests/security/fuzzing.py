"""Generated GraphQL documents for the API, and what counts as a leak.

Shared by the bounded fuzz test in the suite and by ``bench/fuzz.py``, which runs
the same generation at scale against gunicorn.
"""

import re
import string

import graphql
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, nodes

_NAME = st.text(string.ascii_letters, min_size=1, max_size=8)
_TEXT = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["", "\x00", "a\x00b", "x" * 300, "<script>", "1e400", "NaN"]),
)


def _object(pairs: dict[str, str]) -> graphql.ObjectValueNode:
    return nodes.Object(
        [
            graphql.ObjectFieldNode(
                name=graphql.NameNode(value=key), value=nodes.String(value)
            )
            for key, value in pairs.items()
        ]
    )


_NUMBER_TEXT = st.one_of(
    st.decimals(allow_nan=False, allow_infinity=False, places=2).map(str),
    _TEXT,
)

CUSTOM_SCALARS = {
    "JSONString": st.one_of(st.just('{"time": 0, "blocks": []}'), _TEXT).map(
        nodes.String
    ),
    "JSON": st.one_of(
        st.dictionaries(_NAME, _TEXT, max_size=3).map(_object),
        _TEXT.map(nodes.String),
    ),
    "Metadata": st.dictionaries(_NAME, _TEXT, max_size=3).map(_object),
    "PositiveInt": st.integers(-(2**40), 2**40).map(nodes.Int),
    "PositiveDecimal": _NUMBER_TEXT.map(nodes.String),
    "Decimal": _NUMBER_TEXT.map(nodes.String),
    "Date": st.one_of(st.dates().map(str), _TEXT).map(nodes.String),
    "DateTime": st.one_of(st.datetimes().map(lambda d: d.isoformat()), _TEXT).map(
        nodes.String
    ),
    "UUID": st.one_of(st.uuids().map(str), _TEXT).map(nodes.String),
}


def documents(schema: graphql.GraphQLSchema) -> st.SearchStrategy[str]:
    """Queries and mutations, valid and deliberately invalid, as text."""
    return st.one_of(
        from_schema(schema, custom_scalars=CUSTOM_SCALARS, mode=Mode.POSITIVE),
        from_schema(schema, custom_scalars=CUSTOM_SCALARS, mode=Mode.NEGATIVE),
    )


LEAK_PATTERNS = re.compile(
    "|".join(
        [
            r"Traceback",
            r"File \"",
            r"psycopg",
            r"PostgreSQL",
            r"NUL \(0x00\)",
            r"violates .* constraint",
            r"value too long",
            r"object of type",
            r"has no len",
            r"NoneType",
            r"invalid literal for",
            r"is not JSON serializable",
            r"%\(\w+\)s",
            r"expected a number but got",
            r"matching query does not exist",
            r"IntegrityError|DataError|OperationalError|ProgrammingError",
            r"KeyError|AttributeError|TypeError|ValueError|RecursionError",
            r"django\.|graphene\.|storefront\.",
            r"Expecting value: line",
            r"unsupported operand",
            r"decimal\.",
        ]
    )
)


def leaks(body: str) -> list[str]:
    """Fragments of internal text found in a response body."""
    return sorted({m.group(0) for m in LEAK_PATTERNS.finditer(body)})
