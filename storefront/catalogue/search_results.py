"""Search results for the search page and the API: listed products holding every
word of the query, with misspellings corrected from the catalogue's own words."""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page
from django.db.models import QuerySet

from storefront.catalogue.models import Product
from storefront.catalogue.paging import COUNT_BOUND, CountedPaginator
from storefront.catalogue.search import (
    products_matching,
    products_matching_page,
    search_words,
    search_words_correct,
)
from storefront.catalogue.selectors import (
    CARD_FIELDS,
    PAGE_SIZE,
    ListingFields,
    catalogue_read_once,
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

    Every match is ranked, unlike on the search page: the API's ``totalCount``
    is, as in Saleor, the exact number of items in the whole filtered list, and
    every one of them can be paged to.
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
    number of results (at most ``paging.COUNT_BOUND``; ``capped`` when more match),
    and the corrected query when the results are for it."""

    page: Page
    total: int
    suggestion: str | None
    capped: bool = False


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

    At most ``paging.COUNT_BOUND`` results are counted, ranked and paged, so that
    a word most of the catalogue holds costs what a rarer one does; the page then
    says there are more.

    The answer is read once per catalogue generation for the words, the page and
    the classes left out (the rows are cards, which show the stock state, not
    unit counts; every write that changes what a search finds moves it on).
    """
    words = search_words(query)
    number = _page_number(page_number)
    excluded = sorted(set(exclude_classes))
    rows, total, capped, suggestion = catalogue_read_once(
        ("search page", channel.pk, words, number, excluded),
        lambda: _search_page(
            channel=channel, words=words, number=number, exclude_classes=excluded
        ),
    )
    paginator = CountedPaginator([], PAGE_SIZE, count=total, capped=capped)
    return SearchPage(
        page=Page(rows, min(number, paginator.num_pages), paginator),
        total=total,
        suggestion=suggestion,
        capped=capped,
    )


def _search_page(
    *, channel: Channel, words: list[str], number: int, exclude_classes: list[str]
) -> tuple[list[Product], int, bool, str | None]:
    """The rows of page ``number``, the total, whether more match, and the
    corrected query when the rows are for it."""
    products = product_list_for_channel(channel=channel).exclude(
        regulated_class__in=exclude_classes
    )
    rows, total, capped = _counted_page(products, words, number)
    suggestion = None
    if not total and words:
        corrected = search_words_correct(words)
        if corrected != words:
            rows, total, capped = _counted_page(products, corrected, number)
            suggestion = " ".join(corrected) if total else None
    return rows, total, capped, suggestion


def _page_number(raw: object) -> int:
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


def _counted_page(
    products: QuerySet[Product], words: list[str], number: int
) -> tuple[list[Product], int, bool]:
    """The rows of page ``number``, the total (at most ``COUNT_BOUND``) and whether
    more match, from one query over the bounded candidates.

    A page past the end holds no row to carry the count; only then is it counted
    separately and the last page read instead.
    """
    if not words:
        return [], 0, False
    # One candidate past the bound tells that there are more.
    candidates = COUNT_BOUND + 1
    start = (number - 1) * PAGE_SIZE
    stop = min(start + PAGE_SIZE, COUNT_BOUND)
    rows: list[Product] = []
    if start < stop:
        rows = list(
            products_matching_page(
                products=products,
                words=words,
                candidates=candidates,
                start=start,
                stop=stop,
            )
        )
    if rows:
        found = int(rows[0].search_total)  # type: ignore[attr-defined]
        return rows, min(found, COUNT_BOUND), found > COUNT_BOUND
    if number == 1:
        return [], 0, False
    found = products_matching(
        products=products, words=words, candidates=candidates
    ).count()
    if not found:
        return [], 0, False
    last = (min(found, COUNT_BOUND) - 1) // PAGE_SIZE + 1
    return _counted_page(products, words, last)
