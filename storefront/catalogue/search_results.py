"""Search results for the search page and the API: listed products holding every
word of the query, with misspellings corrected from the catalogue's own words."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.core.paginator import Page
from django.db import connection
from django.db.models import QuerySet

from storefront.catalogue.models import Product
from storefront.catalogue.paging import COUNT_BOUND, CountedPaginator
from storefront.catalogue.search import (
    products_matching,
    products_matching_page,
    search_ranked_ids,
    search_words,
    search_words_correct,
)
from storefront.catalogue.selectors import (
    CARD_FIELDS,
    PAGE_SIZE,
    ListingFields,
    ProductsSource,
    catalogue_read_once,
    product_list_for_channel,
    products_resolve,
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
    found = products_matching(products=products, channel=channel, words=words)
    if found.exists():
        return found
    corrected = search_words_correct(words)
    if corrected == words:
        return found
    return products_matching(products=products, channel=channel, words=corrected)


API_RANKED = COUNT_BOUND + 1
"""How many matches the API's search ranks before the rest follow by name."""


def product_search_slice(
    *,
    products: ProductsSource,
    channel: Channel,
    query: str,
    start: int,
    stop: int | None,
    key_parts: Iterable[object],
    stock_generation: object = None,
) -> tuple[list[Product], int]:
    """Rows ``start:stop`` of the API's search for ``query`` and the exact number
    of matches, read once per catalogue generation (and per ``stock_generation``,
    when the rows carry unit counts).

    ``products`` are the channel's listed products with what the rows show (or
    their builder); ``key_parts`` must name everything that annotates or
    prefetches them. As ``product_search``, a query that matches nothing is
    corrected from the catalogue's words. On PostgreSQL the first ``API_RANKED``
    matches the index finds are ranked and come first, the rest follow by name
    (see ``search.search_ranked_ids``): the cost of a page does not grow with the
    number of matches, and ``totalCount`` stays exact. Two queries (the ids and
    the total, then the rows), one more per corrected word.
    """
    parts = ("api search", channel.pk, query, start, stop, stock_generation)
    return catalogue_read_once(
        (*parts, *key_parts),
        lambda: _search_slice(products, channel, query, start, stop),
    )


def _search_slice(
    products: ProductsSource,
    channel: Channel,
    query: str,
    start: int,
    stop: int | None,
) -> tuple[list[Product], int]:
    if connection.vendor != "postgresql":
        found = product_search(channel=channel, query=query)
        ids = list(found.values_list("pk", flat=True)[start:stop])
        total = found.count()
    else:
        words = search_words(query)
        if not words:
            return [], 0

        def ranked(words: Sequence[str]) -> tuple[list[int], int]:
            return search_ranked_ids(
                channel=channel, words=words, start=start, stop=stop, ranked=API_RANKED
            )

        ids, total = ranked(words)
        corrected = search_words_correct(words) if not total else words
        if corrected != words:
            ids, total = ranked(corrected)
    if not ids:
        return [], total
    rows = {p.pk: p for p in products_resolve(products).filter(pk__in=ids)}
    return [rows[pk] for pk in ids if pk in rows], total


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
    found = _Found(products, channel, exclude_classes)
    rows, total, capped = _counted_page(found, words, number)
    suggestion = None
    if not total and words:
        corrected = search_words_correct(words)
        if corrected != words:
            rows, total, capped = _counted_page(found, corrected, number)
            suggestion = " ".join(corrected) if total else None
    return rows, total, capped, suggestion


def _page_number(raw: object) -> int:
    try:
        number = int(str(raw))
    except (TypeError, ValueError):
        return 1
    return max(number, 1)


@dataclass(frozen=True)
class _Found:
    """Where a search page's results come from: the listed products (with what
    the cards show), the channel, and the classes left out."""

    products: QuerySet[Product]
    channel: Channel
    exclude_classes: list[str]


def _counted_page(
    found: _Found, words: list[str], number: int
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
                products=found.products,
                channel=found.channel,
                words=words,
                candidates=candidates,
                start=start,
                stop=stop,
                exclude_classes=found.exclude_classes,
            )
        )
    if rows:
        counted = int(rows[0].search_total)  # type: ignore[attr-defined]
        return rows, min(counted, COUNT_BOUND), counted > COUNT_BOUND
    if number == 1:
        return [], 0, False
    matches = products_matching(
        products=found.products,
        channel=found.channel,
        words=words,
        candidates=candidates,
        exclude_classes=found.exclude_classes,
    ).count()
    if not matches:
        return [], 0, False
    last = (min(matches, COUNT_BOUND) - 1) // PAGE_SIZE + 1
    return _counted_page(found, words, last)
