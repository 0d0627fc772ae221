"""The API's execution context answers exactly as graphql-core's own.

Each document is executed twice, once with graphql-core's ``ExecutionContext``
and once with ours, and the answers (data, errors with their messages, paths and
locations) must be identical: first on a small schema built to reach every branch
of the direct reading of default-resolved fields (objects and dicts, nulls in
nullable and non-null fields, failed reads and serialisations, lists, abstract
types, directives, coroutines), then through /graphql/ on the shop's own schema,
byte for byte and with the same SQL queries.
"""

import asyncio
import json
from decimal import Decimal
from typing import Any

import graphene
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from graphql import ExecutionContext, execute, parse

from bench.graphql import PRODUCT, PRODUCTS
from common.graphql.ids import to_global_id
from storefront.graphql import views
from storefront.graphql.core.execution import ShopExecutionContext
from tests.factories.catalogue import CategoryFactory, listed_product

# --- a schema reaching every branch ------------------------------------------------


class Colour(graphene.Enum):
    RED = 1
    BLUE = 2


class Named(graphene.Interface):
    name = graphene.String()

    @classmethod
    def resolve_type(cls, instance: Any, info: Any) -> Any:
        return Item if hasattr(instance, "code") else Label


class Label(graphene.ObjectType):
    class Meta:
        interfaces = (Named,)

    text = graphene.String(required=True)


class Checked(graphene.ObjectType):
    """A type that checks its values at run time, as Django object types do."""

    text = graphene.String()

    @classmethod
    def is_type_of(cls, root: Any, info: Any) -> bool:
        return isinstance(root, Thing)


class Item(graphene.ObjectType):
    class Meta:
        interfaces = (Named,)

    code = graphene.String(required=True)
    count = graphene.Int()
    price = graphene.Float()
    colour = graphene.Field(Colour)
    tags = graphene.List(graphene.String)
    strict_tags = graphene.List(graphene.NonNull(graphene.String))
    child = graphene.Field(lambda: Item)
    required_child = graphene.Field(lambda: Item, required=True)
    broken = graphene.String()
    checked = graphene.Field(Checked)
    bad_child = graphene.Field(lambda: Item)
    shout = graphene.String(loud=graphene.Boolean())
    later = graphene.String()
    echo = graphene.List(graphene.String, words=graphene.List(graphene.String))
    sized = graphene.String(size=graphene.Int(), colour=Colour())
    failing = graphene.String()
    required_failing = graphene.String(required=True)

    @staticmethod
    def resolve_echo(root: Any, info: Any, words: list) -> list:
        # Changes its argument in place: the next item must not see the change.
        words.append(root.code)
        return words

    @staticmethod
    def resolve_sized(root: Any, info: Any, size: int, colour: Any) -> str:
        return f"{root.code}:{size}:{colour}"

    @staticmethod
    def resolve_failing(root: Any, info: Any) -> str:
        raise ValueError("the resolver failed")

    @staticmethod
    def resolve_required_failing(root: Any, info: Any) -> str:
        raise ValueError("the required resolver failed")


class Thing:
    """A plain object read by graphene's default resolver."""

    def __init__(self, **values: Any) -> None:
        self.__dict__.update(values)

    @property
    def broken(self) -> str:
        raise RuntimeError("the property failed")


class Query(graphene.ObjectType):
    item = graphene.Field(Item)
    items = graphene.List(graphene.NonNull(Item))
    loose_items = graphene.List(Item)
    required_item = graphene.Field(Item, required=True)
    named = graphene.List(Named)
    label = graphene.Field(Label)

    @staticmethod
    def resolve_named(root: Any, info: Any) -> list:
        return root["named"]


SCHEMA = graphene.Schema(query=Query, types=[Item, Label]).graphql_schema


def _item(code: Any = "a1", **values: Any) -> Thing:
    defaults: dict[str, Any] = {
        "name": "Lion's mane",
        "count": 3,
        "price": 12.5,
        "colour": 2,
        "tags": ["calm", None],
        "strict_tags": ["one"],
        "child": None,
        "required_child": None,
        "shout": "hey",
        "later": None,
        "checked": Thing(text="checked"),
        "bad_child": ValueError("an error as a value"),
    }
    return Thing(code=code, **{**defaults, **values})


def _root() -> dict[str, Any]:
    """A fresh root for each execution."""
    return {
        "item": _item(child=_item("c1"), required_child=_item("r1")),
        "items": [
            _item("x1"),
            {"code": "d1", "name": "a dict", "count": 7},
            {"name": "no code"},
        ],
        "loose_items": [
            _item("l1"),
            _item(None),
            _item("l3", count="many", checked={"text": "not a thing"}),
        ],
        "required_item": _item(None),
        "named": [_item("n1"), Thing(name="a label", text="hello")],
        "label": {"text": None, "name": "dict label"},
    }


SMALL_DOCUMENTS = [
    "{ item { name code count price colour tags strictTags __typename } }",
    "{ item { a: name b: name code ...F child { code count } } }"
    " fragment F on Item { colour tags }",
    "{ item { name broken } }",
    "{ item { code failing } }",
    "{ item { code requiredFailing } }",
    "{ item { code requiredChild { code } child { requiredChild { code } } } }",
    "{ items { code name count colour } }",
    "{ looseItems { code count } }",
    "{ requiredItem { code } }",
    "{ item { shout(loud: true) } }",
    "{ item { checked { text } badChild { code } } }",
    '{ looseItems { code echo(words: ["x"]) sized(size: 5, colour: RED) } }',
    "{ items { checked { text } } looseItems { checked { text } } }",
    "{ named { __typename name ... on Item { code } ... on Label { text } } }",
    "{ label { name text } }",
    "query($skip: Boolean!) { item { code name @skip(if: $skip)"
    " count @include(if: $skip) } }",
    "{ item { code } looseItems { count } label { text } }",
    "{ __typename item { __typename } }",
]


def _execute(
    context_class: type[ExecutionContext], document: str, root: dict[str, Any]
) -> dict[str, Any]:
    result = execute(
        SCHEMA,
        parse(document),
        root_value=root,
        variable_values={"skip": True},
        execution_context_class=context_class,
        is_awaitable=views._is_coroutine,
    )
    assert not asyncio.iscoroutine(result)
    return result.formatted  # type: ignore[union-attr]


@pytest.mark.parametrize("document", SMALL_DOCUMENTS)
def test_answers_and_errors_are_graphql_cores(document):
    # given a document over plain objects and dicts
    # when it is executed by graphql-core's context and by ours
    stock = _execute(ExecutionContext, document, _root())
    ours = _execute(ShopExecutionContext, document, _root())

    # then both answers are the same, errors (message, path, location) included
    assert ours == stock
    assert json.dumps(ours) == json.dumps(stock)


def test_the_documents_reach_errors_and_null_propagation():
    # given the documents above, executed by our context
    answers = {
        doc: _execute(ShopExecutionContext, doc, _root()) for doc in SMALL_DOCUMENTS
    }

    # then they include a failed read, a null in a non-null field that nulls its
    # parent, a failed serialisation, and an answer without errors
    messages = [e["message"] for a in answers.values() for e in a.get("errors", [])]
    assert "the property failed" in messages
    assert "an error as a value" in messages
    assert any(m.startswith("Expected value of type 'Checked'") for m in messages)
    assert "Cannot return null for non-nullable field Item.code." in messages
    assert any("Int cannot represent" in message for message in messages)
    assert answers["{ requiredItem { code } }"]["data"] is None
    assert answers["{ items { code name count colour } }"]["data"] == {"items": None}
    assert "errors" not in answers[SMALL_DOCUMENTS[0]]


def test_a_default_resolved_coroutine_is_awaited_as_graphql_core_does():
    # given an attribute that holds a coroutine, under graphql-core's own test
    # for awaitables
    document = "{ item { code later } }"

    async def later() -> str:
        return "awaited"

    def run(context_class: type[ExecutionContext]) -> dict[str, Any]:
        # A coroutine can be awaited only once: a fresh one for each execution.
        root = {"item": _item("z1", later=later())}
        result = execute(
            SCHEMA,
            parse(document),
            root_value=root,
            execution_context_class=context_class,
        )
        assert asyncio.iscoroutine(result)
        return asyncio.run(result).formatted  # type: ignore[arg-type]

    # when both contexts execute it, then it is awaited in both
    assert run(ShopExecutionContext) == run(ExecutionContext)
    assert run(ShopExecutionContext)["data"] == {
        "item": {"code": "z1", "later": "awaited"}
    }


# --- the shop's schema, through /graphql/ ------------------------------------------

VARIANT = """query($id: ID) { productVariant(id: $id, channel: "us") {
  id sku name quantityAvailable pricing { price { gross { amount currency } } }
  product { slug name category { slug } } } }"""
CATEGORIES = """{ categories(first: 5) { totalCount edges { cursor node {
  id name slug level parent { slug } children(first: 3) { edges { node { slug } } }
} } } }"""
ERRORS = """{ product(id: "bm90LWFuLWlk", channel: "us") { id name }
  a: products(first: 2, channel: "nowhere") { edges { node { id } } } }"""
TYPENAMES = """{ __typename products(first: 3, channel: "us") { __typename
  edges { node { __typename name pricing { __typename onSale } } } } }"""


@pytest.fixture
def shelf(channel):
    category = CategoryFactory(name="Mushrooms", slug="mushrooms")
    return [
        listed_product(
            channel=channel,
            name=f"Reishi {n}",
            slug=f"reishi-{n}",
            category=category,
            prices=(Decimal("12.00"), Decimal("20.50")),
        )
        for n in range(3)
    ]


def _api_documents(shelf: list) -> list[tuple[str, dict[str, Any]]]:
    variant = shelf[0].variants.order_by("sort_order").first()
    return [
        (PRODUCTS, {}),
        (PRODUCT, {"slug": shelf[1].slug}),
        (PRODUCT, {"slug": "no-such-product"}),
        (VARIANT, {"id": to_global_id("ProductVariant", variant.pk)}),
        (CATEGORIES, {}),
        (ERRORS, {}),
        (TYPENAMES, {}),
    ]


def _post(client: Any, query: str, variables: dict[str, Any]) -> tuple[bytes, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
        )
    return response.content, len(queries.captured_queries)


def test_api_answers_are_byte_identical_with_the_same_queries(
    client, shelf, settings, monkeypatch
):
    # given the bench's documents and others over the storefront's queries, and
    # no stored answers
    settings.PAGE_CACHE_ENABLED = False
    documents = _api_documents(shelf)

    def answers(context_class: type[ExecutionContext]) -> list[tuple[bytes, int]]:
        monkeypatch.setattr(views, "ShopExecutionContext", context_class)
        return [_post(client, query, variables) for query, variables in documents]

    # when each is answered by graphql-core's context and then by ours (twice,
    # so that what a first request warms is warm for both)
    answers(ShopExecutionContext)
    stock = answers(ExecutionContext)
    ours = answers(ShopExecutionContext)

    # then the bodies are the same bytes and cost the same SQL queries
    assert ours == stock
    bodies = [json.loads(body) for body, _ in ours]
    assert len(bodies[0]["data"]["products"]["edges"]) == 3
    assert bodies[2]["data"] == {"product": None}
    assert "errors" in bodies[5]
