"""Anonymous catalogue queries are answered from the cache until what they show
changes; nothing personal is ever cached, and API answers set no cookies."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.services import product_publish, product_variant_price_set
from storefront.graphql.response_cache import HEADER
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import listed_product

pytestmark = pytest.mark.django_db

LISTING = """
query($first: Int) { products(first: $first, channel: "us") {
  totalCount
  edges { node { name pricing { priceRange { start { gross { amount } } } } } }
} }"""


def _post(client: Client, query: str, variables: dict | None = None, **headers):
    return client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables or {}}),
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def nettle(channel):
    return listed_product(channel=channel, name="Nettle Tea", prices=(Decimal(12),))


def test_the_same_query_is_answered_from_the_cache(nettle, django_assert_num_queries):
    first = _post(Client(), LISTING, {"first": 5})
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = _post(Client(), LISTING, {"first": 5})
    assert second[HEADER] == "hit"
    assert second.json() == first.json()
    assert _post(Client(), LISTING, {"first": 6})[HEADER] == "miss"


def test_api_answers_set_no_cookie_and_do_not_vary_on_it(nettle):
    response = _post(Client(), LISTING, {"first": 5})
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_price_and_publication_edits_show_on_the_next_query(nettle, channel):
    _post(Client(), LISTING, {"first": 5})
    variant = nettle.variants.get()
    product_variant_price_set(variant=variant, channel=channel, amount=Decimal(9))
    fresh = _post(Client(), LISTING, {"first": 5}).json()["data"]["products"]
    price = fresh["edges"][0]["node"]["pricing"]["priceRange"]["start"]["gross"]
    assert price["amount"] == 9.0
    yarrow = listed_product(channel=channel, name="Yarrow Tea")
    ProductChannelListing.objects.filter(product=yarrow).update(is_published=False)
    assert (
        _post(Client(), LISTING, {"first": 5}).json()["data"]["products"]["totalCount"]
        == 1
    )
    product_publish(product=yarrow, channel=channel)
    listed = _post(Client(), LISTING, {"first": 5}).json()["data"]["products"]
    assert listed["totalCount"] == 2
    assert {edge["node"]["name"] for edge in listed["edges"]} == {
        "Nettle Tea",
        "Yarrow Tea",
    }


def test_signed_in_callers_and_sessions_are_never_cached(nettle):
    user = UserFactory()
    signed_in = Client()
    signed_in.force_login(user)
    _post(Client(), LISTING, {"first": 5})
    assert HEADER not in _post(signed_in, LISTING, {"first": 5})
    assert HEADER not in _post(
        Client(), LISTING, {"first": 5}, authorization="Bearer not-a-token"
    )


def test_mutations_and_personal_fields_are_never_cached(nettle):
    me = "{ me { email } }"
    assert HEADER not in _post(Client(), me)
    assert HEADER not in _post(Client(), me)
    create = """mutation { checkoutCreate(input: {channel: "us", lines: []}) {
      errors { field } checkout { id } } }"""
    assert HEADER not in _post(Client(), create)
    mixed = '{ products(first: 1, channel: "us") { totalCount } me { email } }'
    assert HEADER not in _post(Client(), mixed)
    stock = """{ products(first: 1, channel: "us") { edges { node {
      productVariants(first: 1) { edges { node { quantityAvailable } } } } } } }"""
    assert HEADER not in _post(Client(), stock)
