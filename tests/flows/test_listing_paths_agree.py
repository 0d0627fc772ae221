"""The category and search pages and the API list the same products with the
same prices and availability: both ask the catalogue selectors."""

import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.selectors import product_is_available_for_purchase
from storefront.inventory.models import Stock
from tests.factories.catalogue import CategoryFactory, ChannelFactory, listed_product

pytestmark = pytest.mark.django_db

CATEGORY = """
query($slug: String) {
  category(slug: $slug) {
    products(first: 50, channel: "us") { edges { node {
      slug isAvailableForPurchase
      pricing { priceRange { start { net { amount } gross { amount } }
                             stop { net { amount } gross { amount } } } }
      variants { quantityAvailable }
    } } }
  }
}"""
SEARCH = """
query($q: String) {
  products(first: 50, channel: "us", search: $q) { edges { node { slug } } }
}"""
FILTER_SEARCH = """
query($q: String) {
  products(first: 50, channel: "us", filter: {search: $q}) {
    edges { node { slug } }
  }
}"""


def _gql(client, query, variables):
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
    )
    content = response.json()
    assert "errors" not in content, content.get("errors")
    return content["data"]


@pytest.fixture
def shop():
    channel = ChannelFactory()
    teas = CategoryFactory(name="Teas", slug="teas")
    listed_product(
        channel=channel,
        category=teas,
        name="Chamomile Evening Tea",
        search_document="calming chamomile flowers",
        prices=(Decimal("9.50"), Decimal("14.00")),
    )
    sold_out = listed_product(
        channel=channel, category=teas, name="Hibiscus Tea", stock=3
    )
    Stock.objects.filter(product_variant__product=sold_out).update(quantity_allocated=3)
    later = listed_product(
        channel=channel,
        category=teas,
        name="Lion's Mane Tea",
        search_document="mushroom focus blend",
    )
    ProductChannelListing.objects.filter(product=later).update(
        available_for_purchase_at=timezone.now() + timedelta(days=3)
    )
    listed_product(channel=channel, name="Reishi Mushroom Powder")
    return channel


def test_the_category_page_and_the_api_agree_on_prices_and_availability(client, shop):
    # given three teas: one with a price range, one sold out, one not on sale yet

    # when the category page and the API's category list them
    page = client.get("/categories/teas/")
    api = _gql(client, CATEGORY, {"slug": "teas"})["category"]["products"]["edges"]

    # then the same products come in the same order, with the same prices,
    # stock and purchase dates
    assert page.status_code == 200
    entered = "gross" if shop.prices_entered_with_tax else "net"
    on_page = [
        (
            product.slug,
            product.price_min,
            product.price_max,
            product.stock_available > 0,
            product_is_available_for_purchase(product),
        )
        for product in page.context["page"].object_list
    ]
    in_api = [
        (
            node["slug"],
            Decimal(str(node["pricing"]["priceRange"]["start"][entered]["amount"])),
            Decimal(str(node["pricing"]["priceRange"]["stop"][entered]["amount"])),
            sum(v["quantityAvailable"] for v in node["variants"]) > 0,
            node["isAvailableForPurchase"],
        )
        for node in (edge["node"] for edge in api)
    ]
    assert on_page == in_api
    assert [row[3:] for row in on_page] == [
        (True, True),
        (False, True),
        (True, False),
    ]


@pytest.mark.parametrize("query", ["mushroom", "chamomile tea", "mushrom"])
def test_the_search_page_and_both_api_searches_find_the_same_products(
    client, shop, query
):
    # given teas and a powder whose texts hold the words (fixture)

    # when the search page and the API's two ways of searching are asked
    page = client.get("/search/", {"q": query})
    searched = _gql(client, SEARCH, {"q": query})["products"]["edges"]
    filtered = _gql(client, FILTER_SEARCH, {"q": query})["products"]["edges"]

    # then all three find the same products in the same order, misspelt or not
    found = [product.slug for product in page.context["page"].object_list]
    assert found
    assert [edge["node"]["slug"] for edge in searched] == found
    assert [edge["node"]["slug"] for edge in filtered] == found
