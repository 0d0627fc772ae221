"""Reads of the home page that change only with the catalogue are kept per
catalogue generation, and a catalogue write shows on the next page."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.page_cache import page_cache_invalidate
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.services import product_publish
from tests.factories.catalogue import CategoryFactory, listed_product

pytestmark = pytest.mark.django_db


def _promoted(response) -> list[str]:
    """The categories the page's "Shop by category" tiles link to, in order (the
    page may be put together from stored content, rendering no context)."""
    return re.findall(
        r'<div class="category-tile__body">\s*<a href="/categories/([^/]+)/"',
        response.text,
    )


def _home(client, n: int):
    # A query string of its own each time: the page itself is never cached.
    with CaptureQueriesContext(connection) as queries:
        response = client.get("/", {"v": n})
    assert response.status_code == 200
    return response, len(queries.captured_queries)


def test_promoted_categories_are_read_once_per_catalogue_generation(client, channel_us):
    teas = CategoryFactory(name="Herbal teas", slug="herbal-teas")
    listed_product(channel=channel_us, category=teas)

    _home(client, 1)  # warms what every page reads once per process
    page_cache_invalidate()

    computed, computed_queries = _home(client, 2)
    kept, kept_queries = _home(client, 3)

    assert computed.context["categories"] == [teas]
    assert _promoted(computed) == _promoted(kept) == ["herbal-teas"]
    # the promoted categories took three queries the first time (the featured
    # products and the latest articles two each), and nothing is read after
    assert computed_queries == 7
    assert kept_queries == 0


def test_a_category_listed_later_is_promoted_on_the_next_page(client, channel_us):
    teas = CategoryFactory(name="Herbal teas", slug="herbal-teas", sort_order=1)
    listed_product(channel=channel_us, category=teas)
    _home(client, 1)

    # when a product of another category is published (its service moves the
    # catalogue's generation on)
    books = CategoryFactory(name="Books", slug="books", sort_order=2)
    book = listed_product(channel=channel_us, category=books)
    ProductChannelListing.objects.filter(product=book).delete()
    product_publish(product=book, channel=channel_us)

    # then the home page promotes both
    response, _ = _home(client, 2)
    assert response.context["categories"] == [teas, books]


def test_without_a_catalogue_write_nothing_new_is_promoted_until_it_moves_on(
    client, channel_us
):
    teas = CategoryFactory(name="Herbal teas", slug="herbal-teas", sort_order=1)
    listed_product(channel=channel_us, category=teas)
    _home(client, 1)
    books = CategoryFactory(name="Books", slug="books", sort_order=2)
    listed_product(channel=channel_us, category=books)  # rows written directly

    stale, _ = _home(client, 2)
    page_cache_invalidate()
    fresh, _ = _home(client, 3)

    assert _promoted(stale) == ["herbal-teas"]
    assert fresh.context["categories"] == [teas, books]
    assert _promoted(fresh) == ["herbal-teas", "books"]
