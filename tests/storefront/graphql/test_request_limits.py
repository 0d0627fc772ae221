"""The request pipeline: standard validation, limits, the document cache, errors.

Refusals are checked by what they cost the shop: none of them may reach the
database (asserted with a query count of zero), which is what keeps them fast.
"""

import json
import logging

import pytest
from graphql import GraphQLError, parse

from config.schema import schema
from storefront.graphql.core import documents
from storefront.graphql.core.documents import document_check
from storefront.graphql.core.error_format import error_format
from storefront.graphql.core.limits import (
    MAX_ALIASES,
    MAX_COST,
    MAX_TOKENS,
    Limits,
    operation_cost,
)
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import listed_product


def braces(body: str) -> str:
    return "{ " + body + " }"


def post(client, query, variables=None, **headers):
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        **headers,
    )
    return response.status_code, response.json()


# --- graphql-core's standard rules ----------------------------------------------


def test_an_unknown_field_is_a_validation_error(client, db):
    status, content = post(client, "{ foo }")

    assert status == 400
    assert "data" not in content
    assert content["errors"] == [
        {
            "message": "Cannot query field 'foo' on type 'Query'.",
            "locations": [{"line": 1, "column": 3}],
            "extensions": {"exception": {"code": "GraphQLError"}},
        }
    ]


def test_an_unknown_argument_is_a_validation_error(client, db):
    status, content = post(client, '{ me(colour: "green") { email } }')

    assert status == 400
    assert [e["message"] for e in content["errors"]] == [
        "Unknown argument 'colour' on field 'Query.me'."
    ]


def test_a_wrong_argument_type_is_a_validation_error(client, db):
    status, content = post(client, '{ products(first: "ten") { totalCount } }')

    assert status == 400
    assert [e["message"] for e in content["errors"]] == [
        'Int cannot represent non-integer value: "ten"'
    ]


def test_a_fragment_cycle_is_a_validation_error_not_a_crash(client, db):
    query = "query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }"

    status, content = post(client, query)

    assert status == 400
    assert [e["message"] for e in content["errors"]] == [
        "Cannot spread fragment 'A' within itself via 'B'."
    ]


# --- limits ---------------------------------------------------------------------

ALIASED_LISTING = braces(
    " ".join(
        f"p{i}: products(first: 100) {{ edges {{ node {{ name }} }} }}"
        for i in range(100)
    )
)


def test_an_alias_bomb_is_refused_before_any_sql(client, db, django_assert_num_queries):
    with django_assert_num_queries(0):
        status, content = post(client, ALIASED_LISTING)

    assert status == 400
    assert content["errors"] == [
        {
            "message": f"The query uses 100 aliases; at most {MAX_ALIASES} are "
            "allowed.",
            "extensions": {
                "exception": {"code": "QueryAliasLimitExceeded"},
                "aliases": 100,
                "maximumAliases": MAX_ALIASES,
            },
        }
    ]


def test_aliases_inside_fragments_count_too(client, db):
    fields = " ".join(f"a{i}: email" for i in range(MAX_ALIASES + 1))
    query = "{ me { ...S } } fragment S on User " + braces(fields)

    status, content = post(client, query)

    assert status == 400
    assert content["errors"][0]["extensions"]["exception"]["code"] == (
        "QueryAliasLimitExceeded"
    )


def test_cost_is_field_cost_times_page_size():
    # given a listing of 50 products, each with a category and two prices
    query = """query($n: Int) { products(first: $n) { edges { node {
        name category { name } pricing { priceRange { start { gross { amount } } } }
    } } } }"""
    checked = document_check(schema=schema.graphql_schema, query=query)
    operation = checked.document.definitions[0]

    # when its cost is computed for two page sizes
    costs = [
        operation_cost(schema.graphql_schema, checked.document, operation, {"n": n})
        for n in (50, 5)
    ]

    # then each node costs 7 objects (edges, node, category, pricing, priceRange,
    # start, gross) and the connection itself 1
    assert costs == [1 + 50 * 7, 1 + 5 * 7]


def test_a_query_over_the_cost_limit_is_refused_before_any_sql(
    client, db, django_assert_num_queries
):
    query = """{ categories(first: 100) { edges { node {
        products(first: 100) { edges { node { name } } }
    } } } }"""

    with django_assert_num_queries(0):
        status, content = post(client, query)

    assert status == 400
    cost = 1 + 100 * (2 + 1 + 100 * 2)
    assert content["errors"] == [
        {
            "message": f"The query exceeds the maximum cost of {MAX_COST}. "
            f"Actual cost is {cost}.",
            "extensions": {
                "exception": {"code": "QueryCostError"},
                "cost": {"requestedQueryCost": cost, "maximumAvailable": MAX_COST},
            },
        }
    ]


def test_a_storefront_listing_is_within_the_limits(client, channel):
    listed_product(channel=channel, name="Reishi", slug="reishi")
    query = """{ products(first: 100, channel: "us") { edges { node {
        id name slug thumbnail { url } category { name }
        pricing { priceRange { start { gross { amount currency } } } }
        variants { id name pricing { price { gross { amount } } } }
    } } } }"""

    status, content = post(client, query)

    assert status == 200, content
    assert content["data"]["products"]["edges"][0]["node"]["slug"] == "reishi"


@pytest.mark.parametrize("name", ["tokenCreate", "requestPasswordReset"])
def test_a_sensitive_mutation_runs_at_most_once_per_request(
    client, db, name, django_assert_num_queries
):
    calls = {
        "tokenCreate": 'tokenCreate(email: "ada@example.com", password: "guess%d") '
        "{ token }",
        "requestPasswordReset": 'requestPasswordReset(email: "ada@example.com", '
        'redirectUrl: "http://localhost/r%d") { errors { code } }',
    }[name]
    query = "mutation " + braces(" ".join(f"a{i}: " + calls % i for i in range(2)))

    with django_assert_num_queries(0):
        status, content = post(client, query)

    assert status == 400
    assert content["errors"] == [
        {
            "message": f"`{name}` may be called once per request; this one calls "
            "it 2 times.",
            "extensions": {"exception": {"code": "MutationRepeatLimitExceeded"}},
        }
    ]


def test_two_sign_ins_through_a_fragment_are_refused_too(client, db):
    query = """mutation { ...Two }
    fragment Two on Mutation {
      tokenCreate(email: "a@example.com", password: "x") { token }
      again: tokenCreate(email: "b@example.com", password: "y") { token }
    }"""

    status, content = post(client, query)

    assert status == 400
    assert content["errors"][0]["extensions"]["exception"]["code"] == (
        "MutationRepeatLimitExceeded"
    )


def test_one_sign_in_still_works(client, db):
    UserFactory(email="ada@example.com", password="a long passphrase 42")
    query = """mutation { tokenCreate(email: "ada@example.com",
        password: "a long passphrase 42") { token errors { code } } }"""

    status, content = post(client, query)

    assert status == 200
    assert content["data"]["tokenCreate"]["errors"] == []
    assert content["data"]["tokenCreate"]["token"]


def test_a_document_over_the_size_limit_is_refused_unparsed(client, db):
    query = "{ me { email } }" + " " * Limits().document_bytes

    status, content = post(client, query)

    assert status == 400
    assert content["errors"][0]["extensions"]["exception"]["code"] == "QueryTooLarge"


def test_a_document_with_too_many_tokens_is_refused(client, db):
    query = braces("me " + braces(" ".join(["email"] * MAX_TOKENS)))

    status, content = post(client, query)

    assert status == 400
    assert content["errors"] == [
        {
            "message": f"The query has more than {MAX_TOKENS} tokens.",
            "extensions": {
                "exception": {"code": "QueryTooLarge"},
                "maximumTokens": MAX_TOKENS,
            },
        }
    ]


def test_a_fragment_spread_many_times_is_priced_without_walking_each_path(client, db):
    # given fragments that each spread the next one ten times: 10^10 paths
    levels = 10
    fragments = " ".join(
        f"fragment F{i} on Query "
        + braces(" ".join([f"...F{i + 1}"] * 10) if i < levels else "me { email }")
        for i in range(levels + 1)
    )

    # when it is sent
    status, content = post(client, "{ ...F0 } " + fragments)

    # then its depth and cost come from each fragment measured once
    assert status == 400
    assert content["errors"][0]["extensions"]["cost"]["requestedQueryCost"] == 10**10


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('{"query": 5}', "`query` must be a string."),
        (
            '{"query": "{ me { email } }", "variables": [1]}',
            "`variables` must be an object.",
        ),
        (
            '{"query": "{ me { email } }", "operationName": {"a": 1}}',
            "`operationName` must be a string.",
        ),
        ("[1, 2]", "The received data is not a valid JSON query."),
        (b'{"query": "\xff"}', "The request body is not UTF-8."),
    ],
)
def test_malformed_requests_are_refused_plainly(client, db, body, message):
    response = client.post("/graphql/", data=body, content_type="application/json")

    assert response.status_code == 400
    assert response.json() == {"errors": [{"message": message}]}


# --- the document cache ---------------------------------------------------------


def test_each_document_is_parsed_and_validated_once(client, db):
    documents.document_cache_clear()
    query = "query Cached { me { email } }"

    post(client, query)
    post(client, query)
    status, _ = post(client, "{ foo }")
    again, _ = post(client, "{ foo }")

    info = documents._checked.cache_info()
    # Parsed once each, though every request looks its document up twice: for
    # the answer cache's verdict and for execution.
    assert (info.misses, info.hits) == (2, 6)
    # a cached refusal is still a refusal
    assert (status, again) == (400, 400)


def test_a_cached_document_keeps_its_locations_but_not_its_tokens(client, db):
    # given a document parsed into the cache
    documents.document_cache_clear()
    query = "query Cached {\n  me { email }\n  foo\n}"
    checked = document_check(schema=schema.graphql_schema, query=query)
    reference = parse(query)

    # then every node is where graphql-core's parser puts it
    operation = checked.document.definitions[0]
    expected = reference.definitions[0]
    assert (checked.document.loc.start, checked.document.loc.end) == (0, len(query))
    for ours, theirs in zip(
        (operation, *operation.selection_set.selections),
        (expected, *expected.selection_set.selections),
        strict=True,
    ):
        assert (ours.loc.start, ours.loc.end) == (theirs.loc.start, theirs.loc.end)
        assert ours.loc.source.body == query
        # but no token list is kept alive with the document
        assert not hasattr(ours.loc, "start_token")
        assert not hasattr(ours.loc, "end_token")
    # and errors still say where
    status, content = post(client, query)
    assert status == 400
    assert content["errors"][0]["locations"] == [{"line": 3, "column": 3}]


@pytest.mark.parametrize(
    "written",
    ["\\u0000", "\\u{0}", "\\u{000000}", "\x00"],
    ids=["escape", "braced-escape", "long-braced-escape", "raw"],
)
def test_a_nul_in_a_literal_is_refused_however_it_is_written(
    client, db, django_assert_num_queries, written
):
    query = '{ products(first: 1, channel: "us' + written + '") { totalCount } }'

    with django_assert_num_queries(0):
        status, content = post(client, query)

    assert status == 400
    assert [e["message"] for e in content["errors"]] == [
        "`channel` must not contain NUL characters."
    ]


def test_a_nul_in_a_block_string_is_refused(client, db, django_assert_num_queries):
    # a block string takes its text as written, NUL included (and no escapes)
    query = '{ products(first: 1, search: """a\x00b""") { totalCount } }'

    with django_assert_num_queries(0):
        status, content = post(client, query)

    assert status == 400
    assert [e["message"] for e in content["errors"]] == [
        "`search` must not contain NUL characters."
    ]


# --- errors ---------------------------------------------------------------------


def test_an_unexpected_exception_is_a_generic_error_with_a_request_id(
    client, db, monkeypatch, caplog
):
    # given a resolver that fails with an internal message
    def broken(root, info, **kwargs):
        raise RuntimeError('relation "secret_table" does not exist')

    me = schema.graphql_schema.query_type.fields["me"]
    monkeypatch.setattr(me, "resolve", broken)

    # when it is queried with a request id
    with caplog.at_level(logging.ERROR, logger="storefront.graphql"):
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": "{ me { email } }"}),
            content_type="application/json",
            HTTP_X_REQUEST_ID="req-12345678",
        )

    # then the client sees a coded error and the id, the log has the detail
    content = response.json()
    assert content["errors"] == [
        {
            "message": "Something went wrong on our side. If it keeps happening, "
            "contact us quoting the request id.",
            "locations": [{"line": 1, "column": 3}],
            "path": ["me"],
            "extensions": {
                "exception": {"code": "INTERNAL_ERROR"},
                "requestId": "req-12345678",
            },
        }
    ]
    assert response["X-Request-ID"] == "req-12345678"
    assert "secret_table" not in response.content.decode()
    assert any(
        "req-12345678" in r.getMessage() and "secret_table" in r.exc_text
        for r in caplog.records
        if r.exc_text
    )


def test_a_bad_variable_names_the_variable_without_the_parser_text(rf):
    # given graphql-core's report of a scalar whose parser raised
    parser_error = ValueError("badly formed hexadecimal UUID string")
    error = GraphQLError(
        "Variable '$t' got invalid value 'x'; Expected type 'UUID'. "
        "badly formed hexadecimal UUID string",
        original_error=parser_error,
    )

    # when it is formatted for the response
    formatted = error_format(error, request=rf.post("/graphql/"))

    # then it names the variable and the type, not the parser's words
    assert formatted == {
        "message": "Variable '$t' got invalid value 'x'; Expected type 'UUID'.",
        "extensions": {"exception": {"code": "GraphQLError"}},
    }
