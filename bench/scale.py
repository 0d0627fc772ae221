"""Benchmark the catalogue's read paths as the catalogue grows to 100,000 products.

Creates a PostgreSQL database of its own (dropped and re-created) and, for each
stage (by default 100 products, the demo's size, then 10,000 and 100,000), a schema
in it, migrated and bulk-filled: 10 categories,
3 channels, one variant per product priced in every channel, a filterable
attribute (the product's form), stock in a warehouse serving them all, the search
index and the stored listing counts built as the
services build them. It times, in-process through Django's test client, with every
cache dropped before each request (cold; the stages take turns in each round, so
that the machine's load falls on all of them alike) and then served from the cache
(warm), at each stage:

- the API listing ``products(first: 20)``, and the API search for "lions mane";
- a category page (a tenth of the catalogue: 10,000 products at the last stage);
- the search page for "lions mane" (matches a tenth) and for "ashwaganda" (a typo,
  corrected to "ashwagandha");

and prints median and p95, the ratio of each later stage to the first (the target
is 1.5x), and the EXPLAIN of each query, reduced to the scans it uses.

    .venv/bin/python -m bench.scale [--stages 100,10000,100000] [--requests 30]
        [--keep-db] [--reuse-db]

BENCH_DATABASE_URL overrides the database
(default postgres://postgres@127.0.0.1:5432/ws_perf_scale), BENCH_REDIS_URL the
Redis database the cache lives in, as in production (flushed before every request
timed cold; default as for ``bench.compare``). ``--keep-db`` keeps the database
at the end; ``--reuse-db`` then starts from it: each stage already filled is
migrated (a new migration's backfill runs on it) instead of filled again.
"""

import argparse
import functools
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ws_perf_scale"
HERBS = ("Lion's Mane", "Reishi", "Ashwagandha", "Chamomile", "Peppermint",
         "Cordyceps", "Chaga", "Turkey Tail", "Tulsi", "Rooibos")  # fmt: skip
FORMS = ("Capsules", "Powder", "Tincture", "Tea", "Blend", "Extract", "Gummies")
LISTING = """query { products(first: 20, channel: "us") {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id name slug category { name slug }
    pricing { priceRange { start { gross { amount currency } }
                           stop { gross { amount currency } } } } } } } }"""

API_SEARCH = """query { products(first: 20, channel: "us", search: "lions mane") {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { id name slug category { name slug }
    pricing { priceRange { start { gross { amount currency } }
                           stop { gross { amount currency } } } } } } } }"""


def _fill(start: int, end: int, *, type_id: int, categories: list[int]) -> None:
    """Products start..end-1 with their variant, listings, prices and stock (SQL)."""
    from django.db import connection

    herbs = "ARRAY[" + ",".join("'" + h.replace("'", "''") + "'" for h in HERBS) + "]"
    forms = "ARRAY[" + ",".join(f"'{f}'" for f in FORMS) + "]"
    cats = "ARRAY[" + ",".join(str(c) for c in categories) + "]"
    with connection.cursor() as cursor:
        # Only constants of this module are formatted into the SQL.
        cursor.execute(
            f"""
            INSERT INTO catalogue_product (product_type_id, category_id, name, slug,
                description, benefits, seo_title, seo_description, regulated_class,
                search_document, created_at, updated_at)
            SELECT %s, ({cats})[1 + g %% 10],
                ({herbs})[1 + (g / 10) %% 10] || ' ' || ({forms})[1 + g %% 7]
                    || ' No. ' || g,
                'scale-' || g, '<p>Grown and dried in small batches.</p>', '[]',
                '', '', 'general',
                'Grown and dried in small batches. ' || ({forms})[1 + g %% 7],
                now() - g * interval '1 minute', now()
            FROM generate_series(%s, %s) AS g
            """,  # noqa: S608
            [type_id, start, end - 1],
        )
        cursor.execute(
            """
            INSERT INTO catalogue_productvariant (product_id, sku, name, weight_grams,
                track_inventory, sort_order)
            SELECT id, 'SCALE-' || substr(slug, 7), '60 g', 80, true, 0
            FROM catalogue_product WHERE slug LIKE 'scale-%%'
                AND substr(slug, 7)::int BETWEEN %s AND %s
            """,
            [start, end - 1],
        )
        cursor.execute(
            """
            INSERT INTO catalogue_productchannellisting (product_id, channel_id,
                is_published, published_at, visible_in_listings)
            SELECT p.id, c.id, true, now() - interval '1 day', true
            FROM catalogue_product p CROSS JOIN channels_channel c
            WHERE p.slug LIKE 'scale-%%' AND substr(p.slug, 7)::int BETWEEN %s AND %s
            """,
            [start, end - 1],
        )
        cursor.execute(
            """
            INSERT INTO catalogue_productvariantchannellisting (variant_id, channel_id,
                currency, price_amount)
            SELECT v.id, c.id, c.currency_code, 5 + (v.id %% 40)
            FROM catalogue_productvariant v CROSS JOIN channels_channel c
            WHERE v.sku LIKE 'SCALE-%%' AND substr(v.sku, 7)::int BETWEEN %s AND %s
            """,
            [start, end - 1],
        )
        cursor.execute(
            """
            INSERT INTO inventory_stock (warehouse_id, product_variant_id, quantity,
                quantity_allocated)
            SELECT w.id, v.id, 50, 0
            FROM catalogue_productvariant v, inventory_warehouse w
            WHERE w.slug = 'scale' AND v.sku LIKE 'SCALE-%%'
                AND substr(v.sku, 7)::int BETWEEN %s AND %s
            """,
            [start, end - 1],
        )
        # Each product carries the value of its form (a filterable attribute), so
        # that the category page's filters have something to offer.
        cursor.execute(
            """
            INSERT INTO catalogue_product_attribute_values (product_id,
                attributevalue_id)
            SELECT p.id, v.id
            FROM catalogue_product p
            JOIN catalogue_attributevalue v
                ON p.name LIKE '%% ' || v.name || ' No. %%'
            JOIN catalogue_attribute a ON a.id = v.attribute_id AND a.slug = 'form'
            WHERE p.slug LIKE 'scale-%%' AND substr(p.slug, 7)::int BETWEEN %s AND %s
            """,
            [start, end - 1],
        )
    from storefront.catalogue.listing_counts import listing_counts_rebuild
    from storefront.catalogue.models import Product
    from storefront.catalogue.search import product_search_index_refresh

    ids = list(
        Product.objects.filter(slug__startswith="scale-")
        .filter(search_vector__isnull=True)
        .values_list("pk", flat=True)
    )
    for offset in range(0, len(ids), 5000):
        product_search_index_refresh(product_ids=ids[offset : offset + 5000])
    # The rows were written around the services, so their counts are rebuilt.
    listing_counts_rebuild()
    with connection.cursor() as cursor:
        # A catalogue at rest has been through autovacuum; rows just bulk-filled
        # have no visibility map yet, which rules out index-only scans.
        cursor.execute("VACUUM (ANALYZE)")


def _timed(count: int, work: Callable[[], None]) -> dict[str, float]:
    work()
    work()
    latencies = []
    for _ in range(count):
        started = time.perf_counter()
        work()
        latencies.append(time.perf_counter() - started)
    latencies.sort()
    return {
        "median": statistics.median(latencies) * 1000,
        "p95": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
    }


def _captured_scans(work: Callable[[], object], contains: str = "") -> list[str]:
    """The scans of the last query ``work()`` runs (holding ``contains``)."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        work()
    sql = [q["sql"] for q in captured.captured_queries if contains in q["sql"]][-1]
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}")
        lines = [row[0] for row in cursor.fetchall()]
    wanted = re.compile(r"(Scan|Execution Time)")
    kept = []
    for line in lines:
        if wanted.search(line):
            text = re.sub(r"\s+\(actual.*?\)", "", line.strip()).removeprefix("->  ")
            if text not in kept:
                kept.append(text)
    return kept


def _scans(sql: str, params: tuple) -> list[str]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) {sql}", params)
        lines = [row[0] for row in cursor.fetchall()]
    # The scan that finds the products is what grows; per-row lookups do not.
    wanted = re.compile(
        r"(on catalogue_product |on catalogue_productsearchentry |_vector_gin"
        r"|Execution Time|Limit|Sort)"
    )
    kept = []
    for line in lines:
        if wanted.search(line):
            text = re.sub(r"\s+\(actual.*?\)", "", line.strip())
            text = text.removeprefix("->  ")
            if text not in kept:
                kept.append(text)
    return kept


def _count_plans(us: Any, shelf: Any) -> list[tuple[str, Callable[[], object], str]]:
    """The counts each case's page asks for, to EXPLAIN: (label, work, query mark)."""
    from storefront.catalogue.search import search_ranked_ids, search_words
    from storefront.catalogue.search_results import API_RANKED, product_search_page
    from storefront.catalogue.selectors import (
        ProductFilters,
        attribute_facets_for_products,
        product_count_listed,
        product_list_for_category,
        product_list_page_for_category,
    )

    narrowed = ProductFilters(price_min=Decimal(1))
    return [
        (
            "category facets",
            lambda: attribute_facets_for_products(
                products=product_list_for_category(
                    channel=us, category=shelf, filters=ProductFilters()
                )
            ),
            "",
        ),
        ("listing count (totalCount)", lambda: product_count_listed(channel=us), ""),
        (
            "category page count",
            lambda: product_count_listed(channel=us, category=shelf),
            "",
        ),
        (
            "filtered category page count (bounded)",
            lambda: product_list_page_for_category(
                products=product_list_for_category(
                    channel=us, category=shelf, filters=narrowed
                ),
                channel=us,
                category=shelf,
                filters=narrowed,
                page_number=1,
            ),
            "COUNT(",
        ),
        (
            "API search 'lions mane' (a tenth matches; 501 ranked, exact count)",
            lambda: search_ranked_ids(
                channel=us,
                words=search_words("lions mane"),
                start=0,
                stop=21,
                ranked=API_RANKED,
            ),
            "",
        ),
        (
            "API search 'ashwagandha gummies' (1 in 70; 501 ranked, exact count)",
            lambda: search_ranked_ids(
                channel=us,
                words=search_words("ashwagandha gummies"),
                start=0,
                stop=21,
                ranked=API_RANKED,
            ),
            "",
        ),
        (
            "search page 'lions mane' (rows and bounded count)",
            lambda: product_search_page(channel=us, query="lions mane"),
            "",
        ),
        (
            "search page 'ashwagandha gummies' (rows and bounded count)",
            lambda: product_search_page(channel=us, query="ashwagandha gummies"),
            "",
        ),
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stages", default="100,10000,100000")
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--reuse-db",
        action="store_true",
        help="start from the database a --keep-db run left",
    )
    args = parser.parse_args()
    stages = [int(s) for s in args.stages.split(",")]

    from bench._server import REDIS_DEFAULT, database_exists, redis_flush
    from bench._server import database_drop as _drop
    from bench._server import database_recreate as _database_recreate

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    print(f"Preparing {url.rsplit('/', 1)[-1]} ...", flush=True)
    if not (args.reuse_db and database_exists(url)):
        _database_recreate(url)
    redis_flush(REDIS_DEFAULT)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    sys.path.insert(0, str(ROOT))
    import django
    from django.conf import settings

    # Set before setup, so that nothing has built a cache yet: the pages' shared
    # reads cost what they cost in production, a Redis round trip each.
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.ResilientRedisCache",
            "LOCATION": REDIS_DEFAULT,
        }
    }
    django.setup()
    from django.db.backends.signals import connection_created

    settings.DEBUG = False
    connection_created.connect(_search_path_keep)
    try:
        _run(stages, args.requests)
    finally:
        from django.db import connections

        connections.close_all()
        redis_flush(REDIS_DEFAULT)
        if not args.keep_db:
            _drop(url)


# Each stage's catalogue lives in a schema of its own in the one database, so that
# the stages are timed in the same rounds, under the same load; the extensions
# stay in ``public``.
_SCHEMA: dict[str, str] = {}


def _schema_name(size: int) -> str:
    return f"stage_{size}"


def _search_path_keep(sender: object, connection: Any, **kwargs: object) -> None:
    if "name" in _SCHEMA:
        with connection.cursor() as cursor:
            cursor.execute(f'SET search_path TO "{_SCHEMA["name"]}", public')


def _use(size: int) -> None:
    """Point the connection (and any later one) at the catalogue of ``size``."""
    from django.db import connection

    _SCHEMA["name"] = _schema_name(size)
    _search_path_keep(None, connection)


def _catalogue(size: int) -> tuple[Any, list[Any]]:
    """A fresh schema holding ``size`` products; the US channel and the categories."""
    from django.core.management import call_command
    from django.db import connection

    from storefront.catalogue.models import (
        Attribute,
        AttributeValue,
        Category,
        Product,
        ProductType,
    )
    from storefront.channels.models import Channel
    from storefront.inventory.models import Warehouse

    schema = _schema_name(size)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT 1 FROM information_schema.tables WHERE table_schema = %s "
            "AND table_name = 'catalogue_product'",
            [schema],
        )
        kept = cursor.fetchone() is not None
    if kept:
        _use(size)
        call_command("migrate", verbosity=0)
        if Product.objects.filter(slug__startswith="scale-").count() == size:
            print(f"{size:,} products kept from the last run", flush=True)
            with connection.cursor() as cursor:
                # What the migrations just wrote is analysed as the fill's is.
                cursor.execute("VACUUM (ANALYZE)")
            return (
                Channel.objects.get(slug="us"),
                list(
                    Category.objects.filter(slug__startswith="scale-shelf-").order_by(
                        "pk"
                    )
                ),
            )
    with connection.cursor() as cursor:
        cursor.execute(f'DROP SCHEMA IF EXISTS "{schema}" CASCADE')
        cursor.execute(f'CREATE SCHEMA "{schema}"')
    _use(size)
    call_command("migrate", verbosity=0)
    specs = [("us", "USD", "US", "us"), ("eu", "EUR", "NL", "eu"),
             ("uk", "GBP", "GB", "uk")]  # fmt: skip
    channels = []
    for slug, currency, country, regime in specs:
        channel, _ = Channel.objects.get_or_create(
            slug=slug,
            defaults={
                "name": slug.upper(),
                "currency_code": currency,
                "default_country": country,
                # One country: the field stores a list as its codes joined.
                "countries": country,
                "claims_regime": regime,
            },
        )
        channels.append(channel)
    warehouse = Warehouse.objects.create(name="Scale", slug="scale", country="US")
    warehouse.channels.set(channels)
    product_type, _ = ProductType.objects.get_or_create(
        slug="scale", defaults={"name": "Scale"}
    )
    categories = [
        Category.objects.create(name=f"Scale shelf {n}", slug=f"scale-shelf-{n}")
        for n in range(10)
    ]
    form = Attribute.objects.create(name="Form", slug="form")
    for order, name in enumerate((*FORMS, "Lozenges")):
        # Lozenges: a value no product carries, which the filters leave out.
        AttributeValue.objects.create(
            attribute=form, name=name, slug=name.lower(), sort_order=order
        )
    started = time.perf_counter()
    _fill(0, size, type_id=product_type.pk, categories=[c.pk for c in categories])
    print(
        f"{size:,} products filled in {time.perf_counter() - started:.1f} s",
        flush=True,
    )
    return channels[0], categories


def _run(stages: list[int], requests: int) -> None:
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client

    from storefront.catalogue.selectors import (
        ProductFilters,
        product_list_for_category,
        product_list_for_channel,
    )

    with connection.cursor() as cursor:
        # In ``public``, which every stage's search path ends with; a migration
        # would create them in the first stage's schema.
        for extension in ("unaccent", "pg_trgm"):
            cursor.execute(f"CREATE EXTENSION IF NOT EXISTS {extension} SCHEMA public")
    catalogues = {size: _catalogue(size) for size in stages}
    shelf = catalogues[stages[0]][1][0].slug
    cases = {
        "API products(first: 20)": ("api", LISTING),
        "API search 'lions mane'": ("api", API_SEARCH),
        "category page (1/10 of all)": ("page", f"/categories/{shelf}/"),
        "search 'lions mane'": ("page", "/search/?q=lions+mane"),
        "search 'ashwaganda' (typo)": ("page", "/search/?q=ashwaganda"),
    }
    client = Client()

    def request(kind: str, target: str) -> None:
        if kind == "api":
            response = client.post(
                "/graphql/",
                data=json.dumps({"query": target}),
                content_type="application/json",
            )
        else:
            response = client.get(target)
        if response.status_code != 200:
            raise RuntimeError(f"{target} answered {response.status_code}")

    # Cold: every cache dropped before each request; the stages take turns in
    # each round (two rounds to warm up), so that load on the machine falls on
    # all of them alike.
    cold: dict[int, dict[str, list[float]]] = {
        size: {name: [] for name in cases} for size in stages
    }
    for round_number in range(requests + 2):
        for size in stages:
            _use(size)
            for name, (kind, target) in cases.items():
                cache.clear()
                started = time.perf_counter()
                request(kind, target)
                if round_number >= 2:
                    cold[size][name].append(time.perf_counter() - started)
    results: dict[int, dict[str, dict[str, float]]] = {}
    for size in stages:
        _use(size)
        us, categories = catalogues[size]
        cache.clear()
        print(f"\n== {size:,} products")
        print(f"{'case':<30} {'cold median':>11} {'cold p95':>9} {'warm median':>12}")
        results[size] = {}
        for name, (kind, target) in cases.items():
            latencies = sorted(cold[size][name])
            cold_figures = {
                "median": statistics.median(latencies) * 1000,
                "p95": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
            }
            warm_figures = _timed(requests, functools.partial(request, kind, target))
            results[size][name] = cold_figures | {"warm": warm_figures["median"]}
            print(
                f"{name:<30} {cold_figures['median']:>8.1f} ms "
                f"{cold_figures['p95']:>6.1f} ms {warm_figures['median']:>9.2f} ms",
                flush=True,
            )
        # The plans are of the queries a cold page runs, not of cache reads.
        cache.clear()
        listing = product_list_for_channel(channel=us)[:20]
        category = product_list_for_category(
            channel=us, category=categories[0], filters=ProductFilters()
        )[:24]
        for label, queryset in (
            ("listing", listing),
            ("category", category),
        ):
            print(f"EXPLAIN {label}:")
            for line in _scans(*queryset.query.sql_with_params()):
                print(f"    {line}")
        for label, work, contains in _count_plans(us, categories[0]):
            print(f"EXPLAIN {label}:")
            for line in _captured_scans(work, contains):
                print(f"    {line}")
    first = stages[0]
    if len(stages) > 1:
        print(f"\nratio to {first:,} products (cold medians; target <= 1.5x)")
        print(f"{'case':<30}" + "".join(f" {size:>9,}" for size in stages[1:]))
        for name in cases:
            ratios = [
                results[size][name]["median"] / results[first][name]["median"]
                for size in stages[1:]
            ]
            print(f"{name:<30}" + "".join(f" {r:>8.2f}x" for r in ratios))
        # A warm answer is a cache read whose cost does not depend on the catalogue:
        # its ratio shows how much busier the machine was while one stage's warm
        # requests ran (the cold ones take turns, round by round).
        print("warm medians, the same ratios (machine load, not catalogue growth):")
        for name in cases:
            ratios = [
                results[size][name]["warm"] / results[first][name]["warm"]
                for size in stages[1:]
            ]
            print(f"{name:<30}" + "".join(f" {r:>8.2f}x" for r in ratios))


if __name__ == "__main__":
    main()
