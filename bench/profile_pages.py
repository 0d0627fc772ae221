"""Profile cold anonymous pages in-process, under the production settings.

Prepares the database as ``bench.compare`` does (or reuses it with ``--reuse``),
then fetches a shopper page through Django's test client with a query string that
differs on every request, so the whole page is never stored under it (``--warm``:
the same address every time, so it answers; ``--fresh``: the page generation moves
on before every request, as a catalogue edit does, so nothing stored for pages
answers), and prints the median
per request, the queries one request runs and where the time goes (cProfile, by
own time and by cumulative time).

    .venv/bin/python -m bench.profile_pages [--case product] [--requests 200] \
        [--reuse] [--warm | --fresh]

BENCH_DATABASE_URL and BENCH_REDIS_URL as for ``bench.compare``.
"""

import argparse
import itertools
import time

from bench._profile import (
    arguments_add,
    django_start,
    requests_profiled,
    statistics_print,
)
from bench.graphql import PRODUCT_SLUG
from bench.storefront import BENCH_CATEGORY

CASES = {
    "home": "/",
    "category": f"/categories/{BENCH_CATEGORY}/",
    "product": f"/products/{PRODUCT_SLUG}/",
    "search": "/search/?q=mushroom",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments_add(parser, case="product", cases=list(CASES))
    parser.add_argument("--warm", action="store_true")
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    django_start(reuse=args.reuse, static_on_reuse=True)
    from django.db import connection
    from django.test import Client

    from common.page_cache import page_cache_invalidate

    path = CASES[args.case]
    separator = "&" if "?" in path else "?"
    client = Client(HTTP_HOST="127.0.0.1")
    # A fresh prefix per run, so that no page cached by an earlier run is hit.
    counter = itertools.count(time.time_ns())

    def one() -> None:
        if args.fresh:
            page_cache_invalidate()
        address = path if args.warm else f"{path}{separator}b={next(counter)}"
        response = client.get(address)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    for _ in range(20):
        one()
    # Django empties the query log when a request starts, so it is read after one.
    connection.force_debug_cursor = True
    one()
    queries = list(connection.queries)
    connection.force_debug_cursor = False
    median, profiler = requests_profiled(
        one, requests=args.requests, plain=args.plain, warm_up=0
    )
    print(
        f"{args.case}: {args.requests} {'warm' if args.warm else 'cold'} requests, "
        "median "
        f"{median * 1000:.1f} ms"
        f"{'' if args.plain else ' (profiled)'}; "
        f"{len(queries)} queries per request\n"
    )
    for query in queries:
        print(f"  {query['time']}s  {query['sql'][:160]}")
    print()
    if not args.plain:
        statistics_print(profiler, args)


if __name__ == "__main__":
    main()
