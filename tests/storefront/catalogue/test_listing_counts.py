"""The stored listing counts agree with a real count after every kind of change, and
pages read them (or count up to a bound) instead of counting every product."""

import re
import threading
import time
from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from storefront.catalogue import paging, search_results
from storefront.catalogue.listing_counts import listing_counts_rebuild
from storefront.catalogue.models import ListingCount, ProductChannelListing
from storefront.catalogue.search_results import product_search_page
from storefront.catalogue.selectors import (
    ProductFilters,
    product_count_listed,
    product_list_for_category,
    product_list_for_channel,
)
from storefront.catalogue.services import (
    product_publish,
    product_unpublish,
    product_update,
    product_variant_price_set,
)
from tests.factories.catalogue import (
    CategoryFactory,
    ChannelFactory,
    ProductVariantFactory,
    listed_product,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def shelves():
    drinks = CategoryFactory(name="Drinks", slug="drinks")
    teas = CategoryFactory(name="Teas", slug="teas", parent=drinks)
    powders = CategoryFactory(name="Powders", slug="powders")
    return drinks, teas, powders


def _assert_agree(channels, categories) -> None:
    for channel in channels:
        assert product_count_listed(channel=channel) == (
            product_list_for_channel(channel=channel).count()
        )
        for category in categories:
            real = product_list_for_category(
                channel=channel, category=category, filters=ProductFilters()
            ).count()
            assert product_count_listed(channel=channel, category=category) == real


def test_every_change_through_the_services_keeps_the_count_exact(
    channel_us, channel_eu, shelves
):
    drinks, teas, powders = shelves
    channels, categories = (channel_us, channel_eu), shelves
    listed_product(channel=channel_us, category=teas)
    variant = ProductVariantFactory(product__category=teas)
    product = variant.product
    _assert_agree(channels, categories)

    # a first price, then publication
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal(9))
    _assert_agree(channels, categories)
    product_publish(product=product, channel=channel_us)
    assert product_count_listed(channel=channel_us, category=drinks) == 2
    _assert_agree(channels, categories)

    # shown on its page only, then in listings again
    product_publish(product=product, channel=channel_us, visible_in_listings=False)
    assert product_count_listed(channel=channel_us, category=teas) == 1
    _assert_agree(channels, categories)
    product_publish(product=product, channel=channel_us)
    _assert_agree(channels, categories)

    # moved to another category, published in a second channel
    product_update(product=product, category=powders)
    assert product_count_listed(channel=channel_us, category=powders) == 1
    _assert_agree(channels, categories)
    product_variant_price_set(variant=variant, channel=channel_eu, amount=Decimal(8))
    product_publish(product=product, channel=channel_eu)
    _assert_agree(channels, categories)

    # unpublished
    product_unpublish(product=product, channel=channel_us)
    assert product_count_listed(channel=channel_us, category=powders) == 0
    assert product_count_listed(channel=channel_eu) == 1
    _assert_agree(channels, categories)


def test_a_publication_date_ahead_counts_once_it_passes_without_a_write(
    channel_us, shelves
):
    _drinks, teas, _powders = shelves
    variant = ProductVariantFactory(product__category=teas)
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal(9))
    soon = timezone.now() + timedelta(days=1)

    product_publish(product=variant.product, channel=channel_us, published_at=soon)

    assert product_count_listed(channel=channel_us, category=teas) == 0
    _assert_agree([channel_us], shelves)
    with time_machine.travel(soon + timedelta(minutes=1)):
        assert product_count_listed(channel=channel_us, category=teas) == 1
        _assert_agree([channel_us], shelves)


def test_a_rebuild_repairs_counts_of_rows_written_around_the_services(
    channel_us, shelves
):
    # given listings written directly, as a bulk import does
    _drinks, teas, powders = shelves
    for _ in range(3):
        listed_product(channel=channel_us, category=teas)
    ProductChannelListing.objects.filter(product__category=teas).update(
        is_published=False
    )
    ListingCount.objects.all().delete()

    # when
    listing_counts_rebuild()

    # then
    assert ListingCount.objects.filter(listed__gt=0).count() == 0
    _assert_agree([channel_us], shelves)
    listed_product(channel=channel_us, category=powders)
    _assert_agree([channel_us], shelves)


def test_the_api_total_and_the_category_page_read_the_stored_count(
    client, channel_us, shelves
):
    # given
    _drinks, teas, _powders = shelves
    for _ in range(3):
        listed_product(channel=channel_us, category=teas)

    # when
    with CaptureQueriesContext(connection) as queries:
        api = client.post(
            "/graphql/",
            data={"query": '{ products(first: 1, channel: "us") { totalCount } }'},
            content_type="application/json",
        ).json()
        page = client.get("/categories/drinks/")

    # then neither counted the products themselves
    assert api == {"data": {"products": {"totalCount": 3}}}
    assert page.context["page"].paginator.count == 3
    assert b"3 products" in page.content
    counts = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert len(counts) == 2
    assert all("catalogue_listingcount" in sql for sql in counts)
    assert not any(re.search(r"FROM \"catalogue_product\"", sql) for sql in counts)


def test_a_filtered_category_page_counts_up_to_the_bound(
    client, channel_us, shelves, monkeypatch
):
    # given more products than the bound
    monkeypatch.setattr(paging, "COUNT_BOUND", 5)
    _drinks, teas, _powders = shelves
    for _ in range(7):
        listed_product(channel=channel_us, category=teas)

    # when
    filtered = client.get("/categories/teas/?price_min=1")
    everything = client.get("/categories/teas/")

    # then the filtered page says there are more, the whole category is exact
    assert filtered.context["page"].paginator.count == 5
    assert filtered.context["page"].paginator.capped is True
    assert b"5+ products" in filtered.content
    assert everything.context["page"].paginator.count == 7
    assert b"7 products" in everything.content


def test_search_ranks_and_counts_at_most_the_bound(channel_us, monkeypatch):
    # given
    monkeypatch.setattr(search_results, "COUNT_BOUND", 5)
    for n in range(7):
        listed_product(channel=channel_us, name=f"Tulsi Tea {n:02d}")
    for n in range(5):
        listed_product(channel=channel_us, name=f"Reishi Powder {n:02d}")

    # when
    many = product_search_page(channel=channel_us, query="tulsi")
    exactly = product_search_page(channel=channel_us, query="reishi")
    past_the_end = product_search_page(channel=channel_us, query="tulsi", page_number=3)

    # then
    assert (many.total, many.capped) == (5, True)
    assert len(many.page.object_list) == 5
    assert many.page.paginator.count_label == "5+"
    assert (exactly.total, exactly.capped) == (5, False)
    assert exactly.page.paginator.count_label == "5"
    assert past_the_end.page.number == 1
    assert len(past_the_end.page.object_list) == 5


def test_the_search_page_says_when_there_are_more(client, channel_us, monkeypatch):
    monkeypatch.setattr(search_results, "COUNT_BOUND", 2)
    for n in range(3):
        listed_product(channel=channel_us, name=f"Tulsi Tea {n:02d}")

    response = client.get("/search/?q=tulsi")

    assert b"2+ results" in response.content


def test_the_rebuild_command_recounts(channel_us, shelves):
    _drinks, teas, _powders = shelves
    listed_product(channel=channel_us, category=teas)
    ListingCount.objects.update(listed=0)

    call_command("listing_counts_rebuild", stdout=StringIO())

    assert product_count_listed(channel=channel_us, category=teas) == 1


@pytest.mark.django_db(transaction=True)
def test_concurrent_publications_in_one_category_both_count():
    """A refresh waits for another transaction's refresh of the category and then
    counts what it committed, rather than overwriting it with an older count."""
    # given two priced products of one category, neither published
    channel = ChannelFactory()
    teas = CategoryFactory(name="Teas", slug="teas")
    first, second = (ProductVariantFactory(product__category=teas) for _ in range(2))
    for variant in (first, second):
        product_variant_price_set(variant=variant, channel=channel, amount=Decimal(9))
    first_counted, second_started = threading.Event(), threading.Event()
    failures: list[BaseException] = []

    def publish_first() -> None:
        try:
            with transaction.atomic():
                product_publish(product=first.product, channel=channel)
                first_counted.set()
                second_started.wait(timeout=10)
                # Let the second publication reach the count rows' lock.
                time.sleep(0.5)
        except BaseException as exc:  # noqa: BLE001 - asserted below
            failures.append(exc)
        finally:
            connection.close()

    def publish_second() -> None:
        try:
            first_counted.wait(timeout=10)
            second_started.set()
            product_publish(product=second.product, channel=channel)
        except BaseException as exc:  # noqa: BLE001 - asserted below
            failures.append(exc)
        finally:
            connection.close()

    # when both publish at once
    threads = [
        threading.Thread(target=publish_first),
        threading.Thread(target=publish_second),
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    # then
    assert failures == []
    assert product_count_listed(channel=channel, category=teas) == 2
    _assert_agree([channel], [teas])
