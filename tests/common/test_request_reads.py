"""The generations are read once per request, and a write in the request shows."""

from unittest import mock

import pytest
from django.core.cache import cache

from common import page_cache
from common.request_reads import read_along, reads_pinned
from tests.common.round_trips import round_trips_counted

pytestmark = pytest.mark.django_db


def _counting_reads():
    return mock.patch.object(cache, "get", wraps=cache.get)


def test_generations_are_read_from_the_cache_once_per_pinned_block():
    page_cache.page_generation()
    page_cache.stock_generation()
    with reads_pinned(), round_trips_counted() as trips:
        first = [page_cache.page_generation() for _ in range(5)]
        stock = [page_cache.stock_generation() for _ in range(5)]
    # one read of both generations together, none after it
    assert len(trips.keys) == 1
    assert set(page_cache.GENERATION_KEYS) <= set(trips.keys[0])
    assert len(set(first)) == 1
    assert len(set(stock)) == 1


def test_outside_a_pinned_block_every_read_asks_the_cache():
    page_cache.page_generation()
    with _counting_reads() as get:
        page_cache.page_generation()
        page_cache.page_generation()
    assert get.call_count == 2


def test_a_write_in_the_block_shows_to_the_rest_of_the_block():
    with reads_pinned():
        before = page_cache.page_generation()
        stock_before = page_cache.stock_generation()
        page_cache.page_cache_invalidate()
        assert page_cache.page_generation() > before
        page_cache.stock_counts_changed()
        assert page_cache.stock_generation() > stock_before


def test_a_write_elsewhere_shows_from_the_next_block_on():
    with reads_pinned():
        before = page_cache.page_generation()
        # Another process moves the generation on.
        cache.incr(page_cache.GENERATION_KEY)
        assert page_cache.page_generation() == before
    with reads_pinned():
        assert page_cache.page_generation() == before + 1


def test_a_generation_missing_from_the_cache_is_started_and_kept():
    cache.delete_many(list(page_cache.GENERATION_KEYS))
    with reads_pinned(), _counting_reads() as get:
        assert page_cache.page_generation() == 1
        reads = get.call_count
        assert page_cache.page_generation() == 1
    assert get.call_count == reads


def test_a_key_read_along_shares_the_first_read_and_is_not_remembered():
    page_cache.page_generation()
    cache.set("answer", "first")
    with reads_pinned(), round_trips_counted() as trips:
        along = read_along("answer")
        generation = page_cache.page_generation()
        cache.set("answer", "second")
        again = read_along("answer")
    # the key and the generations came in one round trip; the generation is
    # remembered from it, the key is read afresh
    assert len(trips.keys) == 2
    assert {"answer", *page_cache.GENERATION_KEYS} <= set(trips.keys[0])
    assert trips.keys[1] == ["answer"]
    assert (along, again) == ("first", "second")
    assert generation == page_cache.page_generation()
    # outside a request it is a plain read
    assert read_along("answer") == "second"
