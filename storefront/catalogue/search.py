"""Product search that forgives typing.

PostgreSQL matches a stored, weighted ``tsvector`` (name A, search document B) built
with the ``shop_search`` configuration (English stemming over ``unaccent``), through
a GIN index; a misspelt word is corrected from a lexicon of the catalogue's words by
``pg_trgm`` similarity. The SQLite demo keeps the same text in FTS5 tables with the
trigram tokenizer, which matches any part of a word, and corrects misspellings with
the same trigram similarity, so a newcomer sees the same behaviour on both.

The index is kept by explicit calls from the catalogue services
(``product_search_index_refresh``), never by triggers or signals. On PostgreSQL,
search reads ``ProductSearchEntry``: each listed product's vector with the channels
that list it, so that the rows the GIN index finds are filtered by the channel's
listing without a lookup per match; the services that change a listing or a
first price call ``product_search_entries_refresh``.
"""

import re
import unicodedata
from collections.abc import Iterable, Sequence
from typing import Any, cast

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
    TrigramSimilarity,
)
from django.db import connection
from django.db.models import (
    Count,
    Exists,
    F,
    FloatField,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Window,
)
from django.db.models.expressions import RawSQL
from django.db.models.sql import Query
from django.utils import timezone

from storefront.catalogue.models import Product, ProductSearchEntry, SearchTerm
from storefront.catalogue.selectors import listings_listed
from storefront.channels.models import Channel

CONFIG = "shop_search"
MAX_WORDS = 8
MAX_WORD_LENGTH = 64
MIN_LEXICON_WORD = 3
# pg_trgm's default threshold for ``%``; the SQLite path applies the same one.
MIN_SIMILARITY = 0.3
NAME_WEIGHT, DOCUMENT_WEIGHT = 10.0, 1.0

PRODUCT_FTS = "catalogue_product_fts"
TERM_FTS = "catalogue_searchterm_fts"

_APOSTROPHES = re.compile(r"['\u2019\u02bc`]")
_NOT_WORD = re.compile(r"[^0-9a-z]+")


def search_normalise(text: str) -> str:
    """Lower-case ASCII words: accents dropped, "lion's" read as "lions"."""
    decomposed = unicodedata.normalize("NFKD", text or "")
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    folded = _APOSTROPHES.sub("", stripped.casefold())
    return " ".join(_NOT_WORD.sub(" ", folded).split())


def search_words(query: str) -> list[str]:
    """The distinct words of a query, in order, at most ``MAX_WORDS``."""
    words: list[str] = []
    for word in search_normalise(query).split():
        word = word[:MAX_WORD_LENGTH]
        if word not in words:
            words.append(word)
    return words[:MAX_WORDS]


def _is_postgresql() -> bool:
    return connection.vendor == "postgresql"


# --- keeping the index --------------------------------------------------------------


def product_search_index_refresh(*, product_ids: Sequence[int]) -> None:
    """Rebuild the search index rows of these products from their stored text.

    Call after a product's name or search document changed (one statement per
    table, whatever the number of products).
    """
    if not product_ids:
        return
    rows = list(
        Product.objects.filter(pk__in=product_ids).values_list(
            "pk", "name", "search_document"
        )
    )
    if _is_postgresql():
        Product.objects.filter(pk__in=product_ids).update(
            search_vector=SearchVector("name", weight="A", config=CONFIG)
            + SearchVector("search_document", weight="B", config=CONFIG)
        )
        product_search_entries_refresh(product_ids=product_ids)
    else:
        with connection.cursor() as cursor:
            marks = ",".join("%s" for _ in product_ids)
            cursor.execute(
                f"DELETE FROM {PRODUCT_FTS} WHERE rowid IN ({marks})",  # noqa: S608
                list(product_ids),
            )
            cursor.executemany(
                f"INSERT INTO {PRODUCT_FTS} (rowid, name, document) "  # noqa: S608
                "VALUES (%s, %s, %s)",
                [
                    (pk, search_normalise(name), search_normalise(document))
                    for pk, name, document in rows
                ],
            )
    _lexicon_add(
        word
        for _pk, name, document in rows
        for word in search_normalise(f"{name} {document}").split()
    )


def product_search_entries_refresh(*, product_ids: Sequence[int]) -> None:
    """Rewrite what search finds of these products: an entry for each one that a
    channel lists, with those channels, none for the others.

    Call after a write that can change whether a channel lists a product
    (publication, being shown in listings, a first or a removed price) or what its
    entry copies (its text, name or class; ``product_search_index_refresh`` calls
    it). Two statements whatever the number of products; an entry is rewritten
    from the product and its listings, never adjusted, so a refresh repairs any
    missed before it. PostgreSQL only (the SQLite demo searches its FTS5 tables).
    """
    if not product_ids or not _is_postgresql():
        return
    ids = sorted(set(product_ids))
    now = timezone.now()
    listed = (
        listings_listed(product_id__in=ids)
        .order_by()
        .values("product_id", "channel_id", "published_at")
    )
    select, params = listed.query.sql_with_params()
    entries = ProductSearchEntry._meta.db_table
    products = Product._meta.db_table
    with connection.cursor() as cursor:
        # An upsert, so that two refreshes of one product at once both succeed.
        cursor.execute(
            f"INSERT INTO {entries} (product_id, search_vector, name, "  # noqa: S608
            "regulated_class, listed_in, scheduled) "
            "SELECT p.id, p.search_vector, p.name, p.regulated_class, "
            "COALESCE(array_agg(l.channel_id ORDER BY l.channel_id) FILTER "
            "(WHERE l.published_at IS NULL OR l.published_at <= %s), '{}'), "
            "COALESCE(bool_or(l.published_at > %s), false) "
            f"FROM {products} p JOIN ({select}) l ON l.product_id = p.id "
            "WHERE p.search_vector IS NOT NULL GROUP BY p.id "
            "ON CONFLICT (product_id) DO UPDATE SET "
            "search_vector = EXCLUDED.search_vector, name = EXCLUDED.name, "
            "regulated_class = EXCLUDED.regulated_class, "
            "listed_in = EXCLUDED.listed_in, scheduled = EXCLUDED.scheduled",
            # The clock the services stamp publication with, not the
            # transaction's start: a listing published in this transaction has
            # come already.
            (now, now, *params),
        )
    ProductSearchEntry.objects.filter(product_id__in=ids).exclude(
        Exists(listings_listed(product_id=OuterRef("product_id")))
    ).delete()


def _lexicon_add(words: Iterable[str]) -> None:
    fresh = sorted(
        {
            w
            for w in words
            # Numbers (sizes, strengths, codes) are never misspelt words.
            if MIN_LEXICON_WORD <= len(w) <= MAX_WORD_LENGTH and not w.isdigit()
        }
        - set(SearchTerm.objects.values_list("word", flat=True))
    )
    if not fresh:
        return
    SearchTerm.objects.bulk_create(
        [SearchTerm(word=w) for w in fresh], ignore_conflicts=True
    )
    if not _is_postgresql():
        with connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TERM_FTS} (rowid, word) "  # noqa: S608
                "SELECT id, word FROM catalogue_searchterm "
                f"WHERE id NOT IN (SELECT rowid FROM {TERM_FTS})"
            )


# --- matching -----------------------------------------------------------------------


def _tsquery(words: Sequence[str]) -> SearchQuery:
    # Words are [0-9a-z]+ after normalising, so they are safe in a raw tsquery.
    raw = " & ".join(f"{word}:*" for word in words)
    return SearchQuery(raw, search_type="raw", config=CONFIG)


def search_entries(
    *, channel: Channel, words: Sequence[str], exclude_classes: Iterable[str] = ()
) -> QuerySet[ProductSearchEntry]:
    """The search entries holding every word (a word may be the start of a longer
    one) of products the channel lists now, outside ``exclude_classes``.

    PostgreSQL only. Everything is filtered in the rows the GIN index finds; only
    the entries of products listed from a date that was still ahead when they were
    written have their listing looked up.
    """
    now = timezone.now()
    come = listings_listed(channel=channel, product_id=OuterRef("product_id")).filter(
        Q(published_at__isnull=True) | Q(published_at__lte=now)
    )
    entries = ProductSearchEntry.objects.filter(
        Q(listed_in__contains=[channel.pk]) | Q(Q(scheduled=True) & Exists(come)),
        search_vector=_tsquery(words),
    )
    excluded = sorted(set(exclude_classes))
    return entries.exclude(regulated_class__in=excluded) if excluded else entries


def products_matching(
    *,
    products: QuerySet[Product],
    channel: Channel,
    words: Sequence[str],
    candidates: int | None = None,
    exclude_classes: Iterable[str] = (),
) -> QuerySet[Product]:
    """The products holding every word (a word may be the start of a longer one)
    that ``channel`` lists, with ``rank`` annotated and the best first.
    ``products`` must leave out ``exclude_classes`` too.

    With ``candidates``, only that many matching products are ranked, the first
    the index finds: ranking every match of a common word reads every one of them,
    however few are shown. Up to ``candidates`` matches the answer is the same.
    """
    if _is_postgresql():
        query = _tsquery(words)
        ids = search_entries(
            channel=channel, words=words, exclude_classes=exclude_classes
        ).values("product_id")
        return (
            products.filter(pk__in=ids if candidates is None else ids[:candidates])
            .annotate(rank=SearchRank(F("search_vector"), query))
            .order_by("-rank", "name", "pk")
        )
    usable = [word for word in words if len(word) >= MIN_LEXICON_WORD]
    if not usable:
        return products.none()
    # Each word is quoted as an FTS5 string; the values travel as parameters.
    match = " AND ".join(f'"{word}"' for word in usable)
    matching_ids = RawSQL(_FTS_IDS, [match])  # noqa: S611 - constant SQL
    rank = RawSQL(  # noqa: S611 - constant SQL
        _FTS_RANK, [NAME_WEIGHT, DOCUMENT_WEIGHT, match], output_field=FloatField()
    )
    return (
        _bounded(products, products.filter(pk__in=matching_ids), candidates)
        .annotate(rank=rank)
        .order_by("-rank", "name", "pk")
    )


def products_matching_page(
    *,
    products: QuerySet[Product],
    channel: Channel,
    words: Sequence[str],
    candidates: int,
    start: int,
    stop: int,
    exclude_classes: Iterable[str] = (),
) -> QuerySet[Product]:
    """Rows ``start:stop`` of ``products_matching(..., candidates=candidates)``,
    each also annotated with ``search_total``: how many candidates there are.
    ``products`` must leave out ``exclude_classes`` too.

    One query. On PostgreSQL the candidates are found and ranked from the
    channel's search entries once (at most ``candidates`` rows), paged and counted
    from that one reading, and what ``products`` annotates (prices, stock,
    pictures) is computed for the page's rows only; ``products`` still applies the
    listing to them, so a product no longer listed never shows.
    """
    if not _is_postgresql():
        ranked = products_matching(
            products=products, channel=channel, words=words, candidates=candidates
        )
        return ranked.annotate(search_total=Window(Count("pk")))[start:stop]
    query = _tsquery(words)
    found = (
        search_entries(channel=channel, words=words, exclude_classes=exclude_classes)
        .order_by()
        .annotate(rank=SearchRank(F("search_vector"), query))
        .values("product_id", "name", "rank")[:candidates]
    )
    sql, params = found.query.sql_with_params()
    # The candidates are read once, into a table of the statement that both the
    # page and its count are taken from. The count is a window over the
    # candidates, computed before the page's LIMIT, so every row of the page
    # carries it.
    preamble = (
        f"WITH search_candidates AS MATERIALIZED ({sql}), "  # noqa: S608
        "search_page AS MATERIALIZED (SELECT c.product_id AS id, c.rank, "
        "COUNT(*) OVER () AS total FROM search_candidates c "
        "ORDER BY c.rank DESC, c.name, c.product_id LIMIT %s OFFSET %s)",
        (*params, max(stop - start, 0), start),
    )
    # The page's rank is the candidates' own: the entry holds the product's vector.
    page = products.filter(pk__in=RawSQL("SELECT id FROM search_page", ())).annotate(
        rank=RawSQL(
            "SELECT s.rank FROM search_page s WHERE s.id = catalogue_product.id",
            (),
            output_field=FloatField(),
        ),
        search_total=RawSQL(
            "SELECT total FROM search_page LIMIT 1", (), output_field=IntegerField()
        ),
    )
    return _preceded(page.order_by("-rank", "name", "pk"), preamble)


def search_ranked_ids(
    *, channel: Channel, words: Sequence[str], start: int, stop: int | None, ranked: int
) -> tuple[list[int], int]:
    """Ids ``start:stop`` of the products the channel lists holding every word,
    and how many there are (exact).

    The first ``ranked`` matches the index finds come first, best first (rank,
    name, id); any further ones follow by name, then id. Ranking reads every
    match it ranks, so a word much of the catalogue holds would otherwise cost
    in proportion to the catalogue; up to ``ranked`` matches every match is
    ranked. One query, and a second for a page reaching past the ranked ones.
    PostgreSQL only.
    """
    query = _tsquery(words)
    entries = search_entries(channel=channel, words=words).order_by()
    candidates = entries.annotate(rank=SearchRank(F("search_vector"), query)).values(
        "product_id", "name", "rank"
    )[:ranked]
    candidates_sql, candidates_params = candidates.query.sql_with_params()
    matching_sql, matching_params = entries.values("pk").query.sql_with_params()
    size = None if stop is None else max(stop - start, 0)
    with connection.cursor() as cursor:
        # One row whatever the page: the count needs no ranking, only matching.
        cursor.execute(
            f"WITH search_candidates AS MATERIALIZED ({candidates_sql}) "  # noqa: S608
            "SELECT ARRAY(SELECT c.product_id FROM search_candidates c "
            "ORDER BY c.rank DESC, c.name, c.product_id LIMIT %s OFFSET %s), "
            "(SELECT COUNT(*) FROM search_candidates), "
            f"(SELECT COUNT(*) FROM ({matching_sql}) m)",
            (*candidates_params, size, start, *matching_params),
        )
        page, ranked_count, total = cursor.fetchone()
    ids = list(page)
    wanted = None if size is None else size - len(ids)
    if ranked_count < total and (wanted is None or wanted > 0):
        firsts = entries.values("product_id")[:ranked]
        rest = (
            entries.exclude(product_id__in=firsts)
            .order_by("name", "product_id")
            .values_list("product_id", flat=True)
        )
        offset = max(start - ranked_count, 0)
        ids.extend(rest[offset:] if wanted is None else rest[offset : offset + wanted])
    return ids, int(total)


class _PrecededQuery(Query):
    """A query whose SQL is preceded by ``preamble`` (SQL and its parameters):
    the ``WITH`` clause of tables the query reads, which the ORM cannot write."""

    preamble: tuple[str, tuple[object, ...]] = ("", ())

    def get_compiler(
        self, using: str | None = None, connection: Any = None, elide_empty: bool = True
    ) -> Any:
        compiler = super().get_compiler(using, connection, elide_empty)
        compile_plain = compiler.as_sql
        prefix, prefix_params = self.preamble

        def as_sql(*args: Any, **kwargs: Any) -> tuple[str, tuple[object, ...]]:
            sql, params = compile_plain(*args, **kwargs)
            return f"{prefix} {sql}", (*prefix_params, *params)

        compiler.as_sql = as_sql
        return compiler


def _preceded(
    products: QuerySet[Product], preamble: tuple[str, tuple[object, ...]]
) -> QuerySet[Product]:
    preceded = products.all()
    query = cast(_PrecededQuery, preceded.query.chain(klass=_PrecededQuery))
    query.preamble = preamble
    preceded.query = query
    return preceded


def _bounded(
    products: QuerySet[Product], matching: QuerySet[Product], candidates: int | None
) -> QuerySet[Product]:
    if candidates is None:
        return matching
    # No order in the subquery: the first rows the index yields, so that finding
    # them stops after ``candidates`` rather than after every match.
    return products.filter(pk__in=matching.order_by().values("pk")[:candidates])


_FTS_IDS = f"SELECT rowid FROM {PRODUCT_FTS} WHERE {PRODUCT_FTS} MATCH %s"  # noqa: S608
_FTS_RANK = (
    f"SELECT -bm25({PRODUCT_FTS}, %s, %s) FROM {PRODUCT_FTS} "  # noqa: S608
    f"WHERE {PRODUCT_FTS} MATCH %s AND {PRODUCT_FTS}.rowid = catalogue_product.id"
)


# --- "did you mean" -----------------------------------------------------------------


def search_words_correct(words: Sequence[str]) -> list[str]:
    """Each word replaced by the most similar word of the catalogue, when the word
    itself does not occur and a similar enough one does (one query per word)."""
    return [_closest_word(word) or word for word in words]


def _closest_word(word: str) -> str | None:
    if len(word) < MIN_LEXICON_WORD or word.isdigit():
        return None
    if _is_postgresql():
        return (
            SearchTerm.objects.filter(word__trigram_similar=word)
            .annotate(similarity=TrigramSimilarity("word", word))
            .order_by("-similarity", "word")
            .values_list("word", flat=True)
            .first()
        )
    # FTS5 finds the words sharing a trigram with this one; the score is pg_trgm's.
    grams = sorted(_trigrams(word, padded=False))
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT word FROM {TERM_FTS} WHERE {TERM_FTS} MATCH %s "  # noqa: S608
            "ORDER BY rank LIMIT 200",
            [" OR ".join(f'"{gram}"' for gram in grams)],
        )
        candidates = [row[0] for row in cursor.fetchall()]
    scored = [(trigram_similarity(word, c), c) for c in candidates]
    scored = [(score, c) for score, c in scored if score >= MIN_SIMILARITY]
    if not scored:
        return None
    return min(scored, key=lambda pair: (-pair[0], pair[1]))[1]


def _trigrams(word: str, *, padded: bool = True) -> set[str]:
    text = f"  {word} " if padded else word
    return {text[i : i + 3] for i in range(len(text) - 2)}


def trigram_similarity(a: str, b: str) -> float:
    """pg_trgm's ``similarity()`` for single words: shared trigrams over all."""
    left, right = _trigrams(a), _trigrams(b)
    union = left | right
    return len(left & right) / len(union) if union else 0.0
