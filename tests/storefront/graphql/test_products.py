from decimal import Decimal

import pytest

from common.graphql.ids import to_global_id
from tests.factories.catalogue import (
    AttributeFactory,
    AttributeValueFactory,
    CategoryFactory,
    ProductMediaFactory,
    eu_channel,
    listed_product,
)

LIST = """
query List($first: Int, $last: Int, $after: String, $before: String,
           $channel: String, $where: ProductWhereInput, $filter: ProductFilterInput,
           $sortBy: ProductOrder, $search: String) {
  products(first: $first, last: $last, after: $after, before: $before,
           channel: $channel, where: $where, filter: $filter, sortBy: $sortBy,
           search: $search) {
    totalCount
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
    edges { cursor node { slug } }
  }
}
"""

FULL_LIST = """
query Full($first: Int) {
  products(first: $first, channel: "us") {
    totalCount
    edges { node {
      id name slug created isAvailable
      category { id name slug }
      thumbnail(size: 256) { url alt }
      pricing {
        priceRange { start { gross { amount currency } tax { amount } }
                     stop { gross { amount currency } } }
        priceRangeUndiscounted { start { gross { amount } } }
      }
      productVariants(first: 10) { totalCount edges { node {
        id sku name quantityAvailable
        pricing { price { gross { amount currency } } }
        attributes { attribute { slug } values { slug } }
      } } }
      assignedAttributes { attribute { slug } }
      media { url alt type }
    } }
  }
}
"""


def slugs(data):
    return [edge["node"]["slug"] for edge in data["products"]["edges"]]


@pytest.fixture
def three_products(channel):
    return [
        listed_product(channel=channel, name=name, slug=slug, prices=prices)
        for name, slug, prices in (
            ("Ashwagandha", "ashwagandha", (Decimal("18.00"), Decimal("30.00"))),
            ("Chamomile tea", "chamomile", (Decimal("6.50"),)),
            ("Lion's mane", "lions-mane", (Decimal("24.00"),)),
        )
    ]


def test_lists_channel_products_with_pricing_thumbnail_and_variants(gql, channel):
    # given a product with two priced variants, a picture and an attribute
    form = AttributeFactory(slug="form", name="Form")
    capsule = AttributeValueFactory(attribute=form, slug="capsule", name="Capsule")
    product = listed_product(
        channel=channel,
        name="Reishi",
        slug="reishi",
        prices=(Decimal("12"), Decimal("20")),
    )
    product.attribute_values.add(capsule)
    ProductMediaFactory(product=product, alt="Reishi jar")

    # when the storefront lists products
    data = gql(FULL_LIST, {"first": 20})

    # then prices, thumbnail, variants and attributes are served
    assert data["products"]["totalCount"] == 1
    node = data["products"]["edges"][0]["node"]
    assert node["id"] == to_global_id("Product", product.pk)
    assert node["isAvailable"] is True
    assert node["pricing"]["priceRange"]["start"]["gross"] == {
        "amount": 12.0,
        "currency": "USD",
    }
    assert node["pricing"]["priceRange"]["start"]["tax"] == {"amount": 0.0}
    assert node["pricing"]["priceRange"]["stop"]["gross"] == {
        "amount": 20.0,
        "currency": "USD",
    }
    assert node["thumbnail"]["alt"] == "Reishi jar"
    assert node["thumbnail"]["url"].startswith(
        "http://testserver/media/products/thumbnails/"
    )
    variants = node["productVariants"]
    assert variants["totalCount"] == 2
    assert [
        v["node"]["pricing"]["price"]["gross"]["amount"] for v in variants["edges"]
    ] == [
        12.0,
        20.0,
    ]
    assert [v["node"]["quantityAvailable"] for v in variants["edges"]] == [50, 50]
    assert node["assignedAttributes"] == [{"attribute": {"slug": "form"}}]
    assert node["media"][0]["type"] == "IMAGE"
    assert node["category"]["id"] == to_global_id("Category", product.category_id)


def test_prices_follow_the_channel_currency(gql, channel):
    # given a product priced in the US and the EU channels
    eu = eu_channel()
    product = listed_product(channel=channel, slug="kava", prices=(Decimal("10"),))
    variant = product.variants.get()
    from tests.factories.catalogue import (
        ProductChannelListingFactory,
        ProductVariantChannelListingFactory,
    )

    ProductChannelListingFactory(product=product, channel=eu)
    ProductVariantChannelListingFactory(variant=variant, channel=eu, price_amount=9)

    # when asked in each channel
    query = """query($c: String) { product(slug: "kava", channel: $c) {
        pricing { priceRange { start { gross { amount currency } } } } } }"""
    us = gql(query, {"c": "us"})["product"]["pricing"]["priceRange"]["start"]["gross"]
    eu_price = gql(query, {"c": "eu"})["product"]["pricing"]["priceRange"]["start"][
        "gross"
    ]

    # then each channel's currency and price is served
    assert us == {"amount": 10.0, "currency": "USD"}
    assert eu_price == {"amount": 9.0, "currency": "EUR"}


def test_forward_and_backward_cursors(gql, three_products):
    # given three products (fixture) sorted by name
    # when paging forward two at a time
    first = gql(LIST, {"first": 2})["products"]
    second = gql(LIST, {"first": 2, "after": first["pageInfo"]["endCursor"]})[
        "products"
    ]

    # then the pages follow each other
    assert [e["node"]["slug"] for e in first["edges"]] == ["ashwagandha", "chamomile"]
    assert first["pageInfo"]["hasNextPage"] is True
    assert first["pageInfo"]["hasPreviousPage"] is False
    assert first["totalCount"] == 3
    assert [e["node"]["slug"] for e in second["edges"]] == ["lions-mane"]
    assert second["pageInfo"]["hasNextPage"] is False
    assert second["pageInfo"]["hasPreviousPage"] is True

    # and paging backward from the end gives the last two
    last = gql(LIST, {"last": 2})["products"]
    assert [e["node"]["slug"] for e in last["edges"]] == ["chamomile", "lions-mane"]
    before = gql(LIST, {"last": 1, "before": last["pageInfo"]["startCursor"]})[
        "products"
    ]
    assert [e["node"]["slug"] for e in before["edges"]] == ["ashwagandha"]


def test_page_size_above_100_is_refused(api, channel):
    # when a client asks for 101 products
    content = api(LIST, {"first": 101})

    # then the request fails with a clear message and no data
    assert content["data"] == {"products": None}
    assert [e["message"] for e in content["errors"]] == [
        "Requesting 101 records on the `products` connection exceeds the `first` "
        "limit of 100 records."
    ]


def test_pagination_without_first_or_last_is_refused(api, channel):
    content = api('{ products(channel: "us") { totalCount } }')

    assert [e["message"] for e in content["errors"]] == [
        "You must provide a `first` or `last` value to properly paginate the "
        "`products` connection."
    ]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (
            {"field": "PRICE", "direction": "ASC"},
            ["chamomile", "ashwagandha", "lions-mane"],
        ),
        (
            {"field": "PRICE", "direction": "DESC"},
            ["lions-mane", "ashwagandha", "chamomile"],
        ),
        (
            {"field": "NAME", "direction": "DESC"},
            ["lions-mane", "chamomile", "ashwagandha"],
        ),
    ],
)
def test_sort_by(gql, three_products, sort, expected):
    assert slugs(gql(LIST, {"first": 10, "sortBy": sort})) == expected


def test_where_price_range_and_category(gql, channel, three_products):
    # given a fourth product in another category
    teas = CategoryFactory(slug="teas", name="Teas")
    listed_product(
        channel=channel, slug="nettle", category=teas, prices=(Decimal("7"),)
    )

    # when filtering by price range, then by category
    cheap = gql(LIST, {"first": 10, "where": {"price": {"range": {"lte": "10"}}}})
    in_teas = gql(
        LIST,
        {"first": 10, "where": {"category": {"eq": to_global_id("Category", teas.pk)}}},
    )

    # then only the matching products come back
    assert slugs(cheap) == ["chamomile", "nettle"]
    assert slugs(in_teas) == ["nettle"]


def test_filter_by_attribute_and_price(gql, channel, three_products):
    # given one capsule product
    form = AttributeFactory(slug="form", name="Form")
    capsule = AttributeValueFactory(attribute=form, slug="capsule", name="Capsule")
    three_products[2].attribute_values.add(capsule)

    # when filtering by the attribute (old `filter` and new `where`), and by price
    by_filter = gql(
        LIST,
        {
            "first": 10,
            "filter": {"attributes": [{"slug": "form", "values": ["capsule"]}]},
        },
    )
    by_where = gql(
        LIST,
        {
            "first": 10,
            "where": {
                "attributes": [{"slug": "form", "value": {"slug": {"eq": "capsule"}}}]
            },
        },
    )
    by_price = gql(LIST, {"first": 10, "filter": {"price": {"gte": 20, "lte": 100}}})

    # then
    assert slugs(by_filter) == ["lions-mane"]
    assert slugs(by_where) == ["lions-mane"]
    assert slugs(by_price) == ["ashwagandha", "lions-mane"]


def test_search(gql, three_products):
    data = gql(LIST, {"first": 10, "search": "chamomile"})
    assert slugs(data) == ["chamomile"]


def test_unpublished_products_are_not_listed(gql, channel, three_products):
    # given one product unpublished in the channel
    three_products[0].channel_listings.update(is_published=False)

    # then it is neither listed nor found by slug
    assert slugs(gql(LIST, {"first": 10})) == ["chamomile", "lions-mane"]
    assert gql('{ product(slug: "ashwagandha", channel: "us") { id } }') == {
        "product": None
    }


def test_unknown_channel_is_an_error(api, channel):
    content = api(LIST, {"first": 1, "channel": "mars"})
    assert [e["message"] for e in content["errors"]] == [
        "Channel with 'mars' slug does not exist."
    ]


def _make_products(channel, count):
    form = AttributeFactory(slug="form", name="Form")
    capsule = AttributeValueFactory(attribute=form, slug="capsule", name="Capsule")
    for _ in range(count):
        product = listed_product(channel=channel, prices=(Decimal("10"), Decimal("12")))
        product.attribute_values.add(capsule)
        ProductMediaFactory(product=product)


@pytest.mark.parametrize("count", [20, 100])
def test_query_count_does_not_grow_with_the_page(
    gql, channel, count, django_assert_num_queries
):
    """products(first: 20) and products(first: 100) cost the same queries."""
    # given as many products as the page holds, each with variants, media, attributes
    _make_products(channel, count)

    # when the full listing is asked for; then the count is fixed: channel (1),
    # page (1), total (1), variants (1), their attribute values (1), product
    # attribute values (1), media (1)
    with django_assert_num_queries(7):
        data = gql(FULL_LIST, {"first": count})
    assert len(data["products"]["edges"]) == count


CARD_LIST = """
query Cards($first: Int) {
  products(first: $first, channel: "us") {
    totalCount
    edges { node {
      id name slug
      thumbnail(size: 512, format: WEBP) { url alt }
      category { name slug }
      pricing { priceRange { start { gross { amount currency } } } }
      productVariants(first: 5) { edges { node { id name sku } } }
    } }
  }
}
"""


def test_listing_without_variant_attributes_or_counts_reads_neither(
    gql, channel, django_assert_num_queries
):
    """Variants shown without attributes or unit counts cost no attribute query."""
    # given products whose variants carry attribute values
    _make_products(channel, 20)

    # when a storefront's card listing is asked for; then: channel (1), page (1),
    # total (1), variants (1)
    with django_assert_num_queries(4):
        data = gql(CARD_LIST, {"first": 20})

    # then every variant is still listed
    edges = data["products"]["edges"]
    assert len(edges) == 20
    assert all(len(e["node"]["productVariants"]["edges"]) == 2 for e in edges)
