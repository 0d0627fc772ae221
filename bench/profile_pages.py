"""Profile cold anonymous pages in-process, under the production settings.

Prepares the database as ``bench.compare`` does (or reuses it with ``--reuse``),
then fetches a shopper page through Django's test client with a query string that
differs on every request, so the page cache never answers, and prints the median
per request, the queries one request runs and where the time goes (cProfile, by
own time and by cumulative time).

    .venv/bin/python -m bench.profile_pages [--case product] [--requests 200] [--reuse]

BENCH_DATABASE_URL and BENCH_REDIS_URL as for ``bench.compare``.
"""

import argparse
import cProfile
import itertools
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench._server import ROOT, database_prepare, manage, production_env
from bench.compare import DEFAULT_DB
from bench.graphql import PRODUCT_SLUG, SEED
from bench.storefront import BENCH_CATEGORY
from bench.storefront import SEED as CATEGORY_SEED

CASES = {
    "home": "/",
    "category": f"/categories/{BENCH_CATEGORY}/",
    "product": f"/products/{PRODUCT_SLUG}/",
    "search": "/search/?q=mushroom",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--case", choices=sorted(CASES), default="product")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--plain", action="store_true", help="time only, without the profiler"
    )
    parser.add_argument("--only", help="also list functions whose path has this")
    parser.add_argument("--callers", help="also list who calls functions matching this")
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="shop-bench-profile-"))
    env = production_env(
        base=dict(os.environ),
        database_url=os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB),
        workdir=workdir,
    )
    if not args.reuse:
        database_prepare(
            env,
            SEED.format(slug=PRODUCT_SLUG),
            CATEGORY_SEED.format(slug=BENCH_CATEGORY),
        )
    else:
        # Pages name their static files through the manifest of this run's root.
        manage(env, "collectstatic", "--noinput")
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.db import connection
    from django.test import Client

    path = CASES[args.case]
    separator = "&" if "?" in path else "?"
    client = Client(HTTP_HOST="127.0.0.1")
    # A fresh prefix per run, so that no page cached by an earlier run is hit.
    counter = itertools.count(time.time_ns())

    def one() -> None:
        response = client.get(f"{path}{separator}b={next(counter)}")
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    for _ in range(20):
        one()
    # Django empties the query log when a request starts, so it is read after one.
    connection.force_debug_cursor = True
    one()
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    timings = []
    profiler = cProfile.Profile()
    for _ in range(args.requests):
        started = time.perf_counter()
        if not args.plain:
            profiler.enable()
        one()
        if not args.plain:
            profiler.disable()
        timings.append(time.perf_counter() - started)
    print(
        f"{args.case}: {args.requests} cold requests, median "
        f"{statistics.median(timings) * 1000:.1f} ms"
        f"{'' if args.plain else ' (profiled)'}; "
        f"{len(queries)} queries per request\n"
    )
    for query in queries:
        print(f"  {query['time']}s  {query['sql'][:160]}")
    print()
    if args.plain:
        return
    stats = pstats.Stats(profiler)
    stats.sort_stats("tottime").print_stats(args.top)
    stats.sort_stats("cumulative").print_stats(args.top)
    if args.only:
        stats.sort_stats("cumulative").print_stats(args.only, args.top)
    if args.callers:
        stats.sort_stats("tottime").print_callers(args.callers)


if __name__ == "__main__":
    main()
