"""A product listing reads only what the query selects."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories.catalogue import listed_product


def _listing_sql(client, selection: str) -> str:
    query = (
        '{ products(first: 10, channel: "us") { edges { node { '
        + selection
        + " } } } }"
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query}),
            content_type="application/json",
        )
    assert "errors" not in response.json()
    return "\n".join(q["sql"] for q in queries.captured_queries).lower()


@pytest.fixture
def listed(channel):
    return [listed_product(channel=channel) for _ in range(3)]


def test_names_only_cost_no_price_media_stock_or_category_reads(client, listed):
    sql = _listing_sql(client, "name slug")

    assert "catalogue_productmedia" not in sql
    assert "min(" not in sql
    assert "inventory_stock" not in sql
    assert "catalogue_category" not in sql


def test_each_selected_field_brings_its_read(client, listed):
    sql = _listing_sql(
        client,
        "name thumbnail { url } pricing { priceRange { start { gross { amount } } } }"
        " category { name }",
    )

    assert "catalogue_productmedia" in sql
    assert "min(" in sql
    assert "catalogue_category" in sql


def test_a_filtered_listing_keeps_the_annotations_its_filters_read(client, listed):
    query = """{ products(first: 10, channel: "us",
                filter: {price: {gte: 1}, stockAvailability: IN_STOCK}) {
                edges { node { name } } } }"""
    response = client.post(
        "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
    ).json()

    assert "errors" not in response, response["errors"]
    assert len(response["data"]["products"]["edges"]) == 3
