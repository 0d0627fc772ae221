"""Global ids that decode but hold no usable key get a plain GraphQL error (or
nothing found), never a database message."""

import base64

import pytest


def gid(type_name: str, key: str) -> str:
    return base64.b64encode(f"{type_name}:{key}".encode()).decode()


@pytest.mark.parametrize(
    ("query", "key"),
    [
        ('{ product(id: "%s", channel: "us") { name } }', ("Product", "abc")),
        (
            '{ productVariant(id: "%s", channel: "us") { name } }',
            ("ProductVariant", "1e3"),
        ),
        ('{ category(id: "%s") { name } }', ("Category", "-1")),
        ('{ collection(id: "%s", channel: "us") { name } }', ("Collection", "9" * 30)),
    ],
)
def test_a_key_that_is_not_a_number_is_an_unresolvable_id(api, channel, query, key):
    global_id = gid(*key)

    content = api(query % global_id)

    assert [e["message"] for e in content["errors"]] == [
        f"Couldn't resolve id: {global_id}."
    ]


def lookup(template: str, global_id: str) -> str:
    return template.replace("ID", global_id)


@pytest.mark.parametrize(
    "query",
    [
        lookup('{ page(id: "ID") { title } }', gid("Page", "abc")),
        lookup(
            '{ pages(first: 5, where: {ids: ["ID"]}) { totalCount } }', gid("Page", "x")
        ),
        lookup(
            '{ products(first: 5, channel: "us", where: {ids: ["ID"]}) '
            "{ totalCount } }",
            gid("Product", "abc"),
        ),
        lookup(
            '{ products(first: 5, channel: "us", filter: {categories: ["ID"]}) '
            "{ totalCount } }",
            gid("Category", "abc"),
        ),
    ],
)
def test_lookups_by_a_key_that_is_not_a_number_find_nothing(gql, channel, query):
    data = gql(query)

    assert next(iter(data.values())) in (None, {"totalCount": 0})
