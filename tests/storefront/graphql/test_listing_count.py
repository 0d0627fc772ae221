"""`totalCount` of a product listing: counted only when asked, once per catalogue
generation."""

import itertools
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.page_cache import page_cache_invalidate
from tests.factories.catalogue import listed_product

_documents = itertools.count()


def _listing(client, selection: str) -> tuple[dict, list[str]]:
    # A comment that differs each time passes the API's response cache by.
    query = (
        '{ products(first: 2, channel: "us") { ' + selection + " } }"
        f"\n# {next(_documents)}"
    )
    with CaptureQueriesContext(connection) as queries:
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query}),
            content_type="application/json",
        ).json()
    assert "errors" not in response, response["errors"]
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    return response["data"]["products"], counts


@pytest.fixture
def listed(channel):
    return [listed_product(channel=channel) for _ in range(3)]


def test_a_listing_that_asks_no_total_is_not_counted(client, listed):
    data, counts = _listing(client, "edges { node { name } }")

    assert len(data["edges"]) == 2
    assert counts == []


def test_the_total_is_counted_once_until_the_catalogue_changes(client, channel, listed):
    # given the total asked once
    first, first_counts = _listing(client, "totalCount")
    assert first == {"totalCount": 3}
    assert len(first_counts) == 1

    # when it is asked again, then it comes without counting
    again, again_counts = _listing(client, "totalCount")
    assert again == {"totalCount": 3}
    assert again_counts == []

    # when a product is listed (its service moves the catalogue's generation on)
    listed_product(channel=channel)
    page_cache_invalidate()
    after, after_counts = _listing(client, "totalCount")

    # then the new total is counted
    assert after == {"totalCount": 4}
    assert len(after_counts) == 1


def test_each_filter_has_its_own_total(client, channel, listed):
    listed_product(channel=channel, name="Reishi Powder")

    everything, _ = _listing(client, "totalCount")
    _data, _ = _listing(client, "totalCount")
    query = (
        '{ products(first: 2, channel: "us", filter: {search: "reishi"}) '
        "{ totalCount } }"
    )
    searched = client.post(
        "/graphql/", data=json.dumps({"query": query}), content_type="application/json"
    ).json()

    assert everything == {"totalCount": 4}
    assert searched["data"]["products"] == {"totalCount": 1}
