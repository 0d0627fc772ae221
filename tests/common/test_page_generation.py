"""A request reads each page generation from the shared cache once, and still
sees its own writes; outside requests every read asks the cache."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from common import page_cache
from tests.common.round_trips import round_trips_counted
from tests.factories.catalogue import CategoryFactory, ChannelFactory, listed_product

pytestmark = pytest.mark.django_db


def test_a_page_asks_the_shared_cache_for_its_generations_once(client):
    # given a category page whose parts all key on the page generation
    channel = ChannelFactory()
    teas = CategoryFactory(slug="teas")
    for n in range(3):
        listed_product(channel=channel, category=teas, name=f"Tea {n}")
    client.get("/categories/teas/")

    # when it is asked for under an address the page cache has not seen
    with round_trips_counted() as trips:
        response = client.get("/categories/teas/?utm_source=mail")

    # then the generations were read once, together
    assert response.status_code == 200
    keys = {page_cache.GENERATION_KEY, page_cache.STOCK_GENERATION_KEY}
    assert trips.reads_of(keys) == 1


def test_within_a_request_a_write_moves_its_own_generation_on():
    request_started.send(sender=None)
    try:
        before = page_cache.page_generation()
        assert page_cache.page_generation() == before
        page_cache.page_cache_invalidate()
        assert page_cache.page_generation() == before + 1
    finally:
        request_finished.send(sender=None)


def test_outside_a_request_each_read_asks_the_shared_cache():
    before = page_cache.page_generation()
    # another process moves it on
    cache.incr(page_cache.GENERATION_KEY)
    assert page_cache.page_generation() == before + 1


def test_the_next_request_reads_the_generation_afresh():
    request_started.send(sender=None)
    before = page_cache.page_generation()
    request_finished.send(sender=None)
    cache.incr(page_cache.GENERATION_KEY)

    request_started.send(sender=None)
    try:
        assert page_cache.page_generation() == before + 1
    finally:
        request_finished.send(sender=None)
