"""Search results for the search page and the API: listed products holding every
word of the query, with misspellings corrected from the catalogue's own words."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet, Window

from storefront.catalogue.models import Product
from storefront.catalogue.search import (
    products_matching,
    search_words,
    search_words_correct,
)
from storefront.catalogue.selectors import (
    CARD_FIELDS,
    PAGE_SIZE,
    ListingFields,
    product_list_for_channel,
)
from storefront.channels.models import Channel


def product_search(
    *, channel: Channel, query: str, fields: ListingFields = CARD_FIELDS
) -> QuerySet[Product]:
    """Listed products holding every word of the query, best first.

    When no product holds them all, each misspelt word is replaced by the closest
    word of the catalogue (see ``search_suggestion``) and the corrected words are
    searched instead, so "ashwaganda" still finds the ashwagandha. ``fields``
    as for ``product_list_for_channel``.
    """
    products = product_list_for_channel(channel=channel, fields=fields)
    words = search_words(query)
    if not words:
        return products.none()
    found = products_matching(products=products, words=words)
    if found.exists():
        return found
    corrected = search_words_correct(words)
    if corrected == words:
        return found
    return products_matching(products=products, words=corrected)


@dataclass(frozen=True)
class SearchPage:
    """One page of search results: the Django ``Page`` the templates paginate, the
    number of results, and the corrected query when the results are for it."""

    page: Page
    total: int
    suggestion: str | None


def product_search_page(
    *,
    channel: Channel,
    query: str,
    page_number: object = 1,
    exclude_classes: Iterable[str] = (),
) -> SearchPage:
    """A page of search results; the rows and their count come in one query.

    Each query word that matches nothing is corrected from the catalogue's words
    (one query per word, at most ``search.MAX_WORDS``) and the corrected words are
    searched, reported as ``suggestion``. Products of ``exclude_classes`` (those the
    age gate hides from this visitor) are left out before paging, so counts agree.
    """
    products = product_list_for_channel(channel=channel).exclude(
        regulated_class__in=list(exclude_classes)
    )
    words = search_words(query)
    number = _page_number(page_number)
    rows, total = _counted_page(
        products_matching(products=products, words=words) if words else None, number
    )
    suggestion = None
    if not total and words:
        corrected = search_words_correct(words)
        if corrected != words:
            rows, total = _counted_page(
                products_matching(products=products, words=corrected), number
            )
            suggestion = " ".join(corrected) if total else None
    paginator: Paginator[Product] = Paginator(_Counted(total), PAGE_SIZE)
    return SearchPage(
        page=Page(rows, min(number, paginator.num_pages), paginator),
        total=total,
        suggestion=suggestion,
    )


def _page_number(raw: object) -> int:
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _counted_page(
    products: QuerySet[Product] | None, number: int
) -> tuple[list[Product], int]:
    """The rows of page ``number`` and the total, from one windowed query.

    A page past the end holds no row to carry the count; only then is it counted
    separately and the last page read instead.
    """
    if products is None:
        return [], 0
    counted = products.annotate(search_total=Window(Count("pk")))
    start = (number - 1) * PAGE_SIZE
    rows = list(counted[start : start + PAGE_SIZE])
    if rows:
        return list[Product](rows), int(rows[0].search_total)
    if number == 1:
        return [], 0
    total = products.count()
    if not total:
        return [], 0
    last = (total - 1) // PAGE_SIZE + 1
    return _counted_page(products, last)


class _Counted(Sequence[Product]):
    """Stands in for the result list so the paginator knows the total uncounted;
    the page's rows are given to ``Page`` directly, never read from here."""

    def __init__(self, total: int) -> None:
        self.total = total

    def count(self, value: object = None) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index: Any) -> Any:
        raise IndexError("the rows come with the page, not from the paginator")
