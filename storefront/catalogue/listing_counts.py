"""Keeping the stored listing counts (``ListingCount``) right.

A count is recomputed for whole categories, never adjusted by a difference: a
refresh leaves its rows right whatever wrote the listings before it, so a missed
call is repaired by the next one for that category (or by ``listing_counts_rebuild``).
The services that change what a channel lists call ``listing_counts_refresh`` in
their own transaction, after their write. Reading the counts is
``selectors.product_count_listed``'s.
"""

from collections.abc import Iterable

from django.db import transaction

from storefront.catalogue.models import Category, ListingCount
from storefront.catalogue.selectors import product_counts_listed_per_category
from storefront.channels.models import Channel


@transaction.atomic
def listing_counts_refresh(*, category_ids: Iterable[int | None]) -> None:
    """Recount what every channel lists in these categories (not below them).

    Call after a write that can change whether a product is listed in a channel
    (publication, being shown in listings, a first price in the channel) or moves
    it between categories (then with both categories). One grouped count over the
    categories' listings, whatever the number of channels.

    The rows are locked, in a fixed order, before the count is read: a concurrent
    refresh of the same category waits for this transaction, then counts what it
    committed, so the last refresh always sees every write before it.
    """
    ids = sorted({pk for pk in category_ids if pk is not None})
    if not ids:
        return
    ids = list(Category.objects.filter(pk__in=ids).values_list("pk", flat=True))
    channels = list(Channel.objects.order_by("pk").values_list("pk", flat=True))
    ListingCount.objects.bulk_create(
        [
            ListingCount(channel_id=channel, category_id=category, listed=0)
            for channel in channels
            for category in ids
        ],
        ignore_conflicts=True,
    )
    rows = list(
        ListingCount.objects.filter(category_id__in=ids)
        .order_by("channel_id", "category_id")
        .select_for_update()
    )
    counted = product_counts_listed_per_category(category_ids=ids)
    changed = []
    for row in rows:
        listed = counted.get((row.channel_id, row.category_id), 0)
        if row.listed != listed:
            row.listed = listed
            changed.append(row)
    ListingCount.objects.bulk_update(changed, ["listed"])


def listing_counts_rebuild() -> None:
    """Recount every category of every channel (after a bulk load or a repair)."""
    listing_counts_refresh(category_ids=Category.objects.values_list("pk", flat=True))
