"""Search reads stored entries; every write that changes what a channel lists, or
what search matches, shows on the next request, and the demo's results are those
of matching the products themselves."""

import io
import json
from datetime import timedelta
from decimal import Decimal

import pytest
from django.contrib.postgres.search import SearchRank
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance.product_classes import ProductClass
from storefront.catalogue.models import ProductSearchEntry, SearchTerm
from storefront.catalogue.search import (
    _tsquery,
    product_search_entries_refresh,
    search_ranked_ids,
    search_words,
)
from storefront.catalogue.search_results import product_search, product_search_page
from storefront.catalogue.selectors import product_list_for_channel
from storefront.catalogue.services import (
    product_publish,
    product_unpublish,
    product_update,
    product_variant_create,
    product_variant_price_set,
)
from storefront.channels.models import Channel
from storefront.inventory.services import stock_quantity_set
from tests.factories.catalogue import (
    ProductChannelListingFactory,
    ProductFactory,
    WarehouseFactory,
    listed_product,
)

pytestmark = pytest.mark.django_db


def _found(client, query: str) -> str:
    response = client.get("/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def test_an_unpublished_product_is_gone_on_the_next_request(client, channel_us):
    # given
    product = listed_product(channel=channel_us, name="Yarrow Tincture")
    assert "Yarrow Tincture" in _found(client, "yarrow")

    # when
    product_unpublish(product=product, channel=channel_us)

    # then
    assert "Yarrow Tincture" not in _found(client, "yarrow")
    assert not ProductSearchEntry.objects.filter(product=product).exists()


def test_a_published_product_shows_on_the_next_request(client, channel_us):
    # given
    product = ProductFactory(name="Yarrow Tincture")
    variant = product_variant_create(product=product, sku="YAR-1")
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal(9))
    assert "Yarrow Tincture" not in _found(client, "yarrow")

    # when
    product_publish(product=product, channel=channel_us)

    # then
    assert "Yarrow Tincture" in _found(client, "yarrow")


def test_a_product_hidden_from_listings_is_not_found(client, channel_us):
    # given
    product = listed_product(channel=channel_us, name="Yarrow Tincture")
    assert "Yarrow Tincture" in _found(client, "yarrow")

    # when
    product_publish(product=product, channel=channel_us, visible_in_listings=False)

    # then
    assert "Yarrow Tincture" not in _found(client, "yarrow")


def test_a_first_price_makes_a_published_product_found(client, channel_us):
    # given: published, but no variant priced in the channel yet
    product = ProductFactory(name="Yarrow Tincture")
    ProductChannelListingFactory(product=product, channel=channel_us)
    variant = product_variant_create(product=product, sku="YAR-1")
    assert "Yarrow Tincture" not in _found(client, "yarrow")

    # when
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal(9))

    # then
    assert "Yarrow Tincture" in _found(client, "yarrow")


def test_a_rename_and_a_class_change_follow(client, channel_us):
    # given
    product = listed_product(channel=channel_us, name="Yarrow Tincture")

    # when
    product_update(
        product=product,
        name="Milfoil Tincture",
        regulated_class=ProductClass.FUNCTIONAL_MUSHROOM,
    )

    # then
    body = _found(client, "milfoil")
    assert "Milfoil Tincture" in body
    assert "Milfoil Tincture" not in _found(client, "yarrow")
    entry = ProductSearchEntry.objects.get(product=product)
    assert (entry.name, entry.regulated_class) == (
        "Milfoil Tincture",
        ProductClass.FUNCTIONAL_MUSHROOM,
    )
    assert (
        product_search_page(
            channel=channel_us,
            query="milfoil",
            exclude_classes=[ProductClass.FUNCTIONAL_MUSHROOM],
        ).total
        == 0
    )


def test_a_product_out_of_stock_is_still_found(client, channel_us):
    # given: search finds what a channel lists, in stock or not, as the listing does
    warehouse = WarehouseFactory()
    product = listed_product(
        channel=channel_us, name="Yarrow Tincture", warehouse=warehouse
    )

    # when
    stock_quantity_set(
        variant_id=product.variants.get().pk, warehouse=warehouse, quantity=0
    )

    # then
    assert "Yarrow Tincture" in _found(client, "yarrow")


def test_a_publication_date_ahead_shows_when_it_comes(channel_us, monkeypatch):
    # given
    now = timezone.now()
    product = ProductFactory(name="Yarrow Tincture")
    variant = product_variant_create(product=product, sku="YAR-1")
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal(9))
    product_publish(
        product=product, channel=channel_us, published_at=now + timedelta(hours=1)
    )
    assert product_search_page(channel=channel_us, query="yarrow").total == 0

    # when: the date passes, with no write (the stored answer is for an hour ago)
    monkeypatch.setattr(timezone, "now", lambda: now + timedelta(hours=2))
    cache.clear()

    # then
    page = product_search_page(channel=channel_us, query="yarrow")
    assert [p.name for p in page.page.object_list] == ["Yarrow Tincture"]
    assert [p.name for p in product_search(channel=channel_us, query="yarrow")] == [
        "Yarrow Tincture"
    ]


def test_each_channel_finds_what_it_lists(channel_us, channel_eu):
    # given
    listed_product(channel=channel_us, name="Yarrow Tincture")
    both = listed_product(channel=channel_us, name="Yarrow Tea")
    listed_product(channel=channel_eu, name="Yarrow Capsules")
    ProductChannelListingFactory(product=both, channel=channel_eu)
    product_variant_price_set(
        variant=both.variants.get(), channel=channel_eu, amount=Decimal(8)
    )

    # then
    def names(channel: Channel) -> list[str]:
        page = product_search_page(channel=channel, query="yarrow")
        return sorted(p.name for p in page.page.object_list)

    assert names(channel_us) == ["Yarrow Tea", "Yarrow Tincture"]
    assert names(channel_eu) == ["Yarrow Capsules", "Yarrow Tea"]


def test_a_refresh_repairs_entries_written_around_the_services(channel_us):
    # given
    product = listed_product(channel=channel_us, name="Yarrow Tincture")
    ProductSearchEntry.objects.filter(product=product).delete()
    product.channel_listings.update(is_published=False)
    other = listed_product(channel=channel_us, name="Yarrow Tea")
    ProductSearchEntry.objects.filter(product=other).delete()

    # when
    product_search_entries_refresh(product_ids=[product.pk, other.pk])

    # then
    assert list(ProductSearchEntry.objects.values_list("product_id", "listed_in")) == [
        (other.pk, [channel_us.pk])
    ]


def _matched_the_products_way(channel: Channel, query: str) -> list[str]:
    """What search found before it had entries: the listed products matched and
    ranked by their own vectors."""
    words = search_words(query)
    tsquery = _tsquery(words)
    return [
        p.name
        for p in product_list_for_channel(channel=channel)
        .filter(search_vector=tsquery)
        .annotate(rank=SearchRank(F("search_vector"), tsquery))
        .order_by("-rank", "name", "pk")
    ]


@pytest.mark.slow
def test_the_demo_catalogue_finds_what_it_found_before():
    # given
    call_command("populatedb", stdout=io.StringIO())
    queries = [
        *SearchTerm.objects.order_by("word").values_list("word", flat=True)[:60],
        "lions mane",
        "mushroom tea",
        "sleep",
        "calm tea",
        "ashwag",
    ]

    # then: every channel, every query, the same products in the same order
    compared = 0
    for channel in Channel.objects.order_by("pk"):
        for query in queries:
            expected = _matched_the_products_way(channel, query)
            api = [p.name for p in product_search(channel=channel, query=query)]
            page = product_search_page(channel=channel, query=query)
            if page.suggestion is None:
                assert api == expected, query
                assert [p.name for p in page.page.object_list] == expected[:24]
                assert page.total == len(expected)
                compared += bool(expected)
    assert compared > 50


def test_past_the_ranked_matches_the_rest_follow_by_name(channel_us):
    # given: six matches, of which the index's first three are ranked
    for name in ("Tulsi Tea F", "Tulsi Tea B", "Tulsi Tulsi Tea E"):
        listed_product(channel=channel_us, name=name)
    for name in ("Tulsi Tea D", "Tulsi Tea A", "Tulsi Tea C"):
        listed_product(channel=channel_us, name=name)
    words = search_words("tulsi")
    names = dict(ProductSearchEntry.objects.values_list("product_id", "name"))

    # when
    pages = [
        search_ranked_ids(
            channel=channel_us, words=words, start=start, stop=start + 2, ranked=3
        )
        for start in (0, 2, 4)
    ]
    whole, total = search_ranked_ids(
        channel=channel_us, words=words, start=0, stop=None, ranked=3
    )

    # then: every match on exactly one page, the total exact on each
    assert [t for _ids, t in pages] == [6, 6, 6]
    assert [pk for ids, _t in pages for pk in ids] == whole
    assert total == 6
    ranked, rest = [names[pk] for pk in whole[:3]], [names[pk] for pk in whole[3:]]
    assert ranked[0] == "Tulsi Tulsi Tea E"
    assert rest == sorted(rest)
    assert sorted(ranked + rest) == sorted(names.values())


LIST_SEARCH = """query($after: String) {
  products(first: 2, after: $after, channel: "us", search: "tulsi") {
    totalCount pageInfo { hasNextPage endCursor } edges { node { name } } } }"""


def _api(client, query: str, variables: dict) -> dict:
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
    )
    assert response.status_code == 200
    content = response.json()
    assert "errors" not in content, content
    return content["data"]["products"]


def test_the_api_pages_through_every_match_with_an_exact_total(client, channel_us):
    # given
    for n in range(5):
        listed_product(channel=channel_us, name=f"Tulsi Tea {n}")
    listed_product(channel=channel_us, name="Tulsi Tulsi Blend")

    # when
    names, totals, after = [], [], None
    while True:
        page = _api(client, LIST_SEARCH, {"after": after})
        names += [edge["node"]["name"] for edge in page["edges"]]
        totals.append(page["totalCount"])
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]

    # then: best first, as product_search ranks them, each once
    assert names == [p.name for p in product_search(channel=channel_us, query="tulsi")]
    assert names[0] == "Tulsi Tulsi Blend"
    assert totals == [6, 6, 6]


def test_the_api_search_costs_the_same_queries_for_more_matches(
    client, channel_us, django_assert_num_queries
):
    # given
    for n in range(3):
        listed_product(channel=channel_us, name=f"Tulsi Tea {n}")
    cache.clear()
    with CaptureQueriesContext(connection) as few:
        _api(client, LIST_SEARCH, {"after": None})
    for n in range(3, 12):
        listed_product(channel=channel_us, name=f"Tulsi Tea {n}")
    cache.clear()

    # then
    with django_assert_num_queries(len(few.captured_queries)):
        page = _api(client, LIST_SEARCH, {"after": None})
    assert page["totalCount"] == 12


def test_an_api_search_for_an_unpublished_product_finds_it_gone(client, channel_us):
    # given
    product = listed_product(channel=channel_us, name="Tulsi Tea")
    assert _api(client, LIST_SEARCH, {"after": None})["totalCount"] == 1

    # when
    product_unpublish(product=product, channel=channel_us)

    # then
    assert _api(client, LIST_SEARCH, {"after": None}) == {
        "totalCount": 0,
        "pageInfo": {"hasNextPage": False, "endCursor": None},
        "edges": [],
    }
