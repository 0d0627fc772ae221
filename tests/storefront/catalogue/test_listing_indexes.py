"""Counting a channel's listing reads indexes only, so it stays fast as the
catalogue grows."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from storefront.catalogue.selectors import ListingFields, product_list_for_channel
from tests.factories.catalogue import listed_product

pytestmark = pytest.mark.django_db


def _plan_of_count(queryset) -> str:
    with CaptureQueriesContext(connection) as captured:
        queryset.count()
    (sql,) = [query["sql"] for query in captured.captured_queries]
    with connection.cursor() as cursor:
        # At a handful of rows any plan is cheap and the planner's pick says
        # nothing; leaving it index-only scans asks whether an index can answer
        # the count alone, as it does at size (``bench.scale`` prints that plan).
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("SET LOCAL enable_bitmapscan = off")
        cursor.execute("SET LOCAL enable_indexscan = off")
        cursor.execute(f"EXPLAIN {sql}")
        return "\n".join(row[0] for row in cursor.fetchall())


def test_the_listing_count_uses_the_covering_indexes(channel_us):
    for number in range(3):
        listed_product(
            channel=channel_us, name=f"Tea {number}", prices=(Decimal(5), Decimal(7))
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    listing = product_list_for_channel(
        channel=channel_us, fields=ListingFields(thumbnail=False, stock=False)
    )
    assert listing.count() == 3
    plan = _plan_of_count(listing)
    assert "Index Only Scan using listing_visible_in_channel" in plan, plan
