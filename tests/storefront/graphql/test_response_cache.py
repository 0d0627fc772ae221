"""Anonymous catalogue queries are answered from the cache until what they show
changes; nothing personal is ever cached, and API answers set no cookies."""

import json
from decimal import Decimal

import pytest
from django.test import Client

from common.page_cache import GENERATION_KEYS
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.selectors import product_list_for_channel
from storefront.catalogue.services import (
    product_publish,
    product_unpublish,
    product_variant_price_set,
)
from storefront.graphql.product import queries
from storefront.graphql.response_cache import HEADER
from storefront.inventory.services import stock_quantity_set
from tests.common.round_trips import round_trips_counted
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


def test_a_cached_answer_is_read_with_the_generations_in_one_round_trip(nettle):
    _post(Client(), LISTING, {"first": 5})

    with round_trips_counted() as trips:
        hit = _post(Client(), LISTING, {"first": 5})

    assert hit[HEADER] == "hit"
    assert len(trips.keys) == 1
    (read,) = trips.keys
    assert set(GENERATION_KEYS) <= set(read)
    assert any(key.startswith("gql:answer:") for key in read)


def test_an_answer_of_an_earlier_generation_is_not_served(nettle, channel):
    # given a stored answer
    first = _post(Client(), LISTING, {"first": 5})
    assert first[HEADER] == "miss"

    # when the generation moves on (a price edit)
    variant = nettle.variants.get()
    product_variant_price_set(variant=variant, channel=channel, amount=Decimal(7))

    # then the stored answer is computed again, and stored for the new generation
    with round_trips_counted() as trips:
        second = _post(Client(), LISTING, {"first": 5})
    assert second[HEADER] == "miss"
    assert sum(1 for read in trips.keys if set(GENERATION_KEYS) <= set(read)) == 1
    node = second.json()["data"]["products"]["edges"][0]["node"]
    assert node["pricing"]["priceRange"]["start"]["gross"]["amount"] == 7.0
    assert _post(Client(), LISTING, {"first": 5})[HEADER] == "hit"


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
    stocks = """{ products(first: 1, channel: "us") { edges { node {
      productVariants(first: 1) { edges { node { stocks { quantity } } } } } } } }"""
    assert HEADER not in _post(Client(), stocks)


PRODUCT = """
query($slug: String) { product(slug: $slug, channel: "us") {
  name
  productVariants(first: 5) { edges { node {
    quantityAvailable pricing { price { gross { amount currency } } }
  } } }
} }"""


def _variant(response) -> dict:
    return response.json()["data"]["product"]["productVariants"]["edges"][0]["node"]


def test_a_product_page_query_with_variables_is_answered_from_the_cache(
    nettle, channel, django_assert_num_queries
):
    first = _post(Client(), PRODUCT, {"slug": nettle.slug})
    assert first[HEADER] == "miss"
    assert _variant(first)["quantityAvailable"] == 50
    with django_assert_num_queries(0):
        second = _post(Client(), PRODUCT, {"slug": nettle.slug})
    assert second[HEADER] == "hit"
    assert second.json() == first.json()
    yarrow = listed_product(channel=channel, name="Yarrow Tea")
    other = _post(Client(), PRODUCT, {"slug": yarrow.slug})
    assert other[HEADER] == "miss"
    assert other.json()["data"]["product"]["name"] == "Yarrow Tea"

    product_variant_price_set(
        variant=nettle.variants.get(), channel=channel, amount=Decimal("9.50")
    )
    edited = _post(Client(), PRODUCT, {"slug": nettle.slug})
    assert edited[HEADER] == "miss"
    assert _variant(edited)["pricing"]["price"]["gross"] == {
        "amount": 9.5,
        "currency": "USD",
    }


def test_unit_counts_show_the_next_stock_write_and_other_answers_stay(nettle):
    _post(Client(), PRODUCT, {"slug": nettle.slug})
    _post(Client(), LISTING, {"first": 5})
    stock = nettle.variants.get().stocks.get()
    stock_quantity_set(
        variant_id=stock.product_variant_id, warehouse=stock.warehouse, quantity=7
    )
    fresh = _post(Client(), PRODUCT, {"slug": nettle.slug})
    assert fresh[HEADER] == "miss"
    assert _variant(fresh)["quantityAvailable"] == 7
    # A count changing is not a listing changing: the listing is still served.
    assert _post(Client(), LISTING, {"first": 5})[HEADER] == "hit"


KNOWN_LISTING = """
query($first: Int) { products(first: $first, channel: "us") {
  totalCount
  edges { node { name pricing { priceRange { start { gross { amount } } } }
    productVariants(first: 5) { edges { node { sku quantityAvailable } } } } }
} }"""
KNOWN_PRODUCT = """
query($slug: String) { product(slug: $slug, channel: "us") {
  name productVariants(first: 5) { edges { node { quantityAvailable } } }
} }"""


def test_answers_the_cache_misses_reuse_the_catalogue_reads(
    nettle, django_assert_num_queries
):
    """An answer not cached for these variables still reads the listing's rows and
    the product once per catalogue generation, not once per answer."""
    # given both queries answered once
    _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 1})
    _post(Client(), KNOWN_PRODUCT, {"slug": nettle.slug, "bench": 1})

    # when they are asked for with another variable the document does not use
    with django_assert_num_queries(0):
        listing = _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 2})
        product = _post(Client(), KNOWN_PRODUCT, {"slug": nettle.slug, "bench": 2})

    # then the answers are computed again from those reads
    assert listing[HEADER] == product[HEADER] == "miss"
    assert listing.json()["data"]["products"]["totalCount"] == 1
    assert product.json()["data"]["product"]["name"] == "Nettle Tea"


def test_a_price_edit_or_stock_write_shows_in_an_answer_not_cached_yet(nettle, channel):
    _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 1})
    product_variant_price_set(
        variant=nettle.variants.get(), channel=channel, amount=Decimal("9.50")
    )
    stock = nettle.variants.get().stocks.get()
    stock_quantity_set(
        variant_id=stock.product_variant_id, warehouse=stock.warehouse, quantity=7
    )
    node = _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 2}).json()["data"][
        "products"
    ]["edges"][0]["node"]
    assert node["pricing"]["priceRange"]["start"]["gross"]["amount"] == 9.5
    assert node["productVariants"]["edges"][0]["node"]["quantityAvailable"] == 7


def test_a_stock_write_alone_shows_in_the_listings_unit_counts(nettle):
    _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 1})
    stock = nettle.variants.get().stocks.get()
    stock_quantity_set(
        variant_id=stock.product_variant_id, warehouse=stock.warehouse, quantity=30
    )
    node = _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 2}).json()["data"][
        "products"
    ]["edges"][0]["node"]
    assert node["productVariants"]["edges"][0]["node"]["quantityAvailable"] == 30


def test_a_publication_shows_in_an_answer_not_cached_yet(nettle, channel):
    yarrow = listed_product(channel=channel, name="Yarrow Tea")
    product_unpublish(product=yarrow, channel=channel)
    hidden = _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 1}).json()
    assert hidden["data"]["products"]["totalCount"] == 1
    product_publish(product=yarrow, channel=channel)
    shown = _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 2}).json()
    assert shown["data"]["products"]["totalCount"] == 2
    names = {edge["node"]["name"] for edge in shown["data"]["products"]["edges"]}
    assert names == {"Nettle Tea", "Yarrow Tea"}


def test_the_listing_query_is_built_only_when_its_rows_are_not_stored(
    nettle, channel, monkeypatch
):
    built = []

    def counted(**kwargs):
        built.append(kwargs)
        return product_list_for_channel(**kwargs)

    monkeypatch.setattr(queries, "product_list_for_channel", counted)
    first = _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 1}).json()
    assert len(built) == 1
    again = _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 2}).json()
    assert len(built) == 1
    assert again == first
    product_variant_price_set(
        variant=nettle.variants.get(), channel=channel, amount=Decimal(8)
    )
    _post(Client(), KNOWN_LISTING, {"first": 5, "bench": 3})
    assert len(built) == 2
