"""Generated GraphQL documents for the API, and what counts as a leak.

Shared by the bounded fuzz test in the suite and by ``bench/fuzz.py``, which runs
the same generation at scale against gunicorn.
"""

import base64
import re
import string

import graphql
from hypothesis import strategies as st
from hypothesis_graphql import Mode, from_schema, mutations, nodes

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


_NUMBER = st.decimals(
    min_value=0, max_value=10**6, allow_nan=False, allow_infinity=False, places=2
).map(str)
_NUMBER_TEXT = st.one_of(_NUMBER, _TEXT)

VALID_SCALARS = {
    "JSONString": st.just('{"time": 0, "blocks": []}').map(nodes.String),
    "JSON": st.dictionaries(_NAME, _TEXT, max_size=3).map(_object),
    "Metadata": st.dictionaries(_NAME, _TEXT, max_size=3).map(_object),
    "PositiveInt": st.integers(1, 1000).map(nodes.Int),
    "PositiveDecimal": _NUMBER.map(nodes.String),
    "Decimal": _NUMBER.map(nodes.String),
    "Date": st.dates().map(str).map(nodes.String),
    "DateTime": st.datetimes().map(lambda d: d.isoformat()).map(nodes.String),
    "UUID": st.uuids().map(str).map(nodes.String),
}
"""Values each scalar accepts, so that valid documents reach the resolvers."""

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


def documents(
    schema: graphql.GraphQLSchema, known_ids: list[str] | None = None
) -> st.SearchStrategy[str]:
    """Queries and mutations, valid and deliberately invalid, as text.

    ``known_ids`` holds global ids of rows that exist; it is read at each draw, so
    it may be filled after the strategy is built (once the data is in place).
    Generated mutations then reach past "not found" into the services.
    """
    known = known_ids if known_ids is not None else []
    type_names = sorted(
        name
        for name, kind in schema.type_map.items()
        if isinstance(kind, graphql.GraphQLObjectType) and not name.startswith("__")
    )
    ids = st.one_of(
        # well-formed ids of a real type around a key that is not one
        st.tuples(st.sampled_from(type_names), _TEXT).map(
            lambda pair: base64.b64encode(f"{pair[0]}:{pair[1]}".encode()).decode()
        ),
        st.integers(0, 10**6).map(
            lambda i: known[i % len(known)] if known else "unknown"
        ),
        st.text(max_size=20),
    ).map(nodes.String)
    valid = {**VALID_SCALARS, "ID": ids}
    anything = {**CUSTOM_SCALARS, "ID": ids}
    return st.one_of(
        from_schema(schema, custom_scalars=valid, mode=Mode.POSITIVE),
        mutations(schema, custom_scalars=valid),
        from_schema(schema, custom_scalars=anything, mode=Mode.POSITIVE),
        from_schema(schema, custom_scalars=anything, mode=Mode.NEGATIVE),
    )


def seeded_ids() -> list[str]:
    """Global ids of what the database holds now (checkouts by token, as the API
    names them)."""
    from common.graphql.ids import to_global_id
    from storefront.catalogue.models import (
        Category,
        Collection,
        Product,
        ProductVariant,
    )
    from storefront.checkout.models import Checkout, CheckoutLine
    from storefront.shipping.models import ShippingMethod

    found: list[str] = []
    for model, name in (
        (Product, "Product"),
        (ProductVariant, "ProductVariant"),
        (Category, "Category"),
        (Collection, "Collection"),
        (CheckoutLine, "CheckoutLine"),
        (ShippingMethod, "ShippingMethod"),
    ):
        found += [
            to_global_id(name, pk)
            for pk in model.objects.values_list("pk", flat=True)[:5]
        ]
    found += [
        to_global_id("Checkout", token)
        for token in Checkout.objects.values_list("token", flat=True)[:5]
    ]
    return found


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
