"""A variant that does not track inventory is buyable on every surface.

The product page, its card in listings, the cart and the API all read stock from
the same inventory selectors; each is asked here about a product with no stock
rows at all (as the demo's membership has) and about one whose rows say zero.
"""

import json

import pytest

from storefront.checkout.selectors import checkout_max_quantity_per_line
from storefront.inventory.selectors import StockState, stock_state_for
from tests.factories.catalogue import (
    ChannelFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
    StockFactory,
    WarehouseFactory,
)

PRODUCT_QUERY = """
query P($slug: String!) {
  product(slug: $slug, channel: "us") {
    isAvailable
    isAvailableForPurchase
    variants { sku quantityAvailable }
  }
}
"""


@pytest.fixture
def gql(client):
    def call(query, variables=None):
        response = client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
        )
        content = response.json()
        assert "errors" not in content, content.get("errors")
        return content["data"]

    return call


@pytest.fixture
def untracked(db):
    """Two untracked variants: one with no stock row, one whose row is empty."""
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    product = ProductFactory(name="Reading pass", slug="reading-pass")
    ProductChannelListingFactory(product=product, channel=channel)
    no_rows = ProductVariantFactory(
        product=product, sku="PASS-1", name="Monthly", track_inventory=False
    )
    empty_row = ProductVariantFactory(
        product=product,
        sku="PASS-2",
        name="Yearly",
        track_inventory=False,
        sort_order=1,
    )
    StockFactory(warehouse=warehouse, product_variant=empty_row, quantity=0)
    for variant in (no_rows, empty_row):
        ProductVariantChannelListingFactory(variant=variant, channel=channel)
    return product


def test_untracked_quantity_is_available_whatever_the_number():
    assert stock_state_for(0, track_inventory=False) is StockState.UNLIMITED
    assert stock_state_for(None, track_inventory=False) is StockState.UNLIMITED
    assert stock_state_for(0) is StockState.OUT_OF_STOCK


def test_product_page_offers_untracked_variants(client, untracked):
    # when
    html = client.get("/products/reading-pass/").content.decode()

    # then both options can be chosen and the button is live
    assert "Out of stock" not in html
    assert html.count('<span class="stock stock--unlimited">Available</span>') == 2
    assert " disabled" not in html
    assert '<button type="submit" class="button--large">Add to cart</button>' in html


def test_listing_card_does_not_say_out_of_stock(client, untracked):
    # when
    html = client.get(f"/categories/{untracked.category.slug}/").content.decode()

    # then
    assert "Reading pass" in html
    assert "Out of stock" not in html


def test_cart_accepts_an_untracked_line(client, untracked):
    # given
    variant = untracked.variants.get(sku="PASS-2")

    # when
    added = client.post("/cart/add/", {"variant": variant.pk, "quantity": "3"})
    cart = client.get("/cart/").content.decode()

    # then
    assert added.status_code == 302
    assert added.url == "/cart/"
    assert "Unavailable" not in cart
    assert "Check out</a>" in cart


def test_api_reports_untracked_variants_available(gql, untracked):
    # when
    data = gql(PRODUCT_QUERY, {"slug": "reading-pass"})

    # then
    product = data["product"]
    assert product["isAvailable"] is True
    assert product["isAvailableForPurchase"] is True
    assert product["variants"] == [
        {"sku": "PASS-1", "quantityAvailable": checkout_max_quantity_per_line()},
        {"sku": "PASS-2", "quantityAvailable": checkout_max_quantity_per_line()},
    ]


def test_api_in_stock_filter_keeps_untracked_products(gql, untracked):
    # when
    data = gql(
        """{ products(first: 5, channel: "us",
                      filter: {stockAvailability: IN_STOCK}) {
               edges { node { slug } } } }"""
    )

    # then
    assert data["products"]["edges"] == [{"node": {"slug": "reading-pass"}}]
