"""Pages of product lists whose length is known without counting every row.

An exact count of a list is linear in its length. The unfiltered listings read
theirs from the stored counts; a list narrowed by what no stored count holds (a
search, filters) is counted only up to ``COUNT_BOUND``: beyond it the page says
"500+" and offers the first ``COUNT_BOUND`` products (twenty pages, more than a
shopper pages through), and narrowing the search or the filters shows the rest.

The bound is what a page can afford to read: counting (and, for a search,
ranking) 500 candidates costs about as much as the rest of the page at the
demo's size; at 1,000 a search page at 100,000 products took twice its demo-size
time, and PostgreSQL started planning the candidates' scan in parallel.
"""

from collections.abc import Sequence
from functools import cached_property
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet

COUNT_BOUND = 500


class CountedPaginator(Paginator):
    """A paginator told its list's length instead of counting it.

    ``capped`` says the list holds more than ``count`` items; only the first
    ``count`` are paged.
    """

    def __init__(
        self,
        object_list: QuerySet[Any] | Sequence[Any],
        per_page: int,
        *,
        count: int,
        capped: bool = False,
    ) -> None:
        super().__init__(object_list, per_page)
        self.known_count = count
        self.capped = capped

    @cached_property
    def count(self) -> int:
        return self.known_count

    @property
    def count_label(self) -> str:
        """The length as shoppers read it: "37", "10,000", "500+"."""
        return f"{self.known_count:,}{'+' if self.capped else ''}"


def count_bounded(
    items: QuerySet[Any], *, bound: int | None = None
) -> tuple[int, bool]:
    """How many ``items`` there are, counting at most ``bound`` + 1 rows (1 query).

    Returns the count, at most ``bound`` (by default ``COUNT_BOUND``), and whether
    there are more than that.
    """
    if bound is None:
        bound = COUNT_BOUND
    found = items.order_by().values("pk")[: bound + 1].count()
    return min(found, bound), found > bound
