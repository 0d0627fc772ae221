"""Counting a channel's listing can be answered from indexes alone, so it stays fast
as the catalogue grows.

Which plan the planner picks for a handful of rows says nothing about its pick at
size, so this checks the indexes the count needs are there, valid and shaped for
it; ``python -m bench.scale`` prints, at 100,000 products, the plan of the bounded
count a filtered category page runs, where both are read index-only (unfiltered
totals come from the stored ``ListingCount`` instead).
"""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


def _index(name: str) -> tuple[str, bool]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_get_indexdef(i.indexrelid), i.indisvalid FROM pg_index i "
            "JOIN pg_class c ON c.oid = i.indexrelid WHERE c.relname = %s",
            [name],
        )
        row = cursor.fetchone()
    assert row is not None, f"index {name} is missing"
    return row[0], row[1]


def test_visible_listings_per_channel_carry_their_publication_date():
    definition, valid = _index("listing_visible_in_channel")
    assert valid
    assert "ON public.catalogue_productchannellisting" in definition
    assert "(channel_id, product_id) INCLUDE (published_at)" in definition
    assert "WHERE (is_published AND visible_in_listings)" in definition


def test_variants_pair_their_id_with_their_product():
    definition, valid = _index("variant_id_product_idx")
    assert valid
    assert "ON public.catalogue_productvariant" in definition
    assert "(id, product_id)" in definition


def test_attribute_values_find_their_products_by_value():
    """The facets' EXISTS per value reads the value's holders, not a whole index."""
    for name, table, columns in (
        (
            "product_attribute_value_products",
            "catalogue_product_attribute_values",
            "(attributevalue_id, product_id)",
        ),
        (
            "variant_attribute_value_variants",
            "catalogue_productvariant_attribute_values",
            "(attributevalue_id, productvariant_id)",
        ),
    ):
        definition, valid = _index(name)
        assert valid
        assert f"ON public.{table} USING btree {columns}" in definition
