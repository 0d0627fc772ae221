"""Profile cold API answers in-process, under the production settings.

Prepares the database as ``bench.compare`` does (or reuses it with ``--reuse``),
then sends the listing and product queries through Django's test client with a
document comment that differs on every request, so neither the API cache nor the
document cache answers, and prints where the time goes (cProfile, by own time and
by cumulative time) with the median per request.

    .venv/bin/python -m bench.profile_api [--requests 200] [--reuse] [--case listing]
        [--known]

BENCH_DATABASE_URL and BENCH_REDIS_URL as for ``bench.compare``.
"""

import argparse
import cProfile
import itertools
import json
import os
import pstats
import statistics
import sys
import tempfile
import time
from pathlib import Path

from bench._server import ROOT, database_prepare, production_env
from bench.compare import DEFAULT_DB
from bench.graphql import PRODUCT, PRODUCT_SLUG, PRODUCTS, SEED
from bench.storefront import BENCH_CATEGORY
from bench.storefront import SEED as CATEGORY_SEED

CASES = {
    "listing": (PRODUCTS, {}),
    "product": (PRODUCT, {"slug": PRODUCT_SLUG}),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--case", choices=sorted(CASES), default="listing")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument(
        "--plain", action="store_true", help="time only, without the profiler"
    )
    parser.add_argument(
        "--known",
        action="store_true",
        help="vary an unused variable instead of the document, as bench.compare's "
        "known case does: the answer cache misses, the parsed document is reused",
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
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.test import Client

    query, variables = CASES[args.case]
    client = Client(HTTP_HOST="127.0.0.1")
    # A fresh prefix per run, so that no answer cached by an earlier run is hit.
    counter = itertools.count(time.time_ns())

    def one() -> None:
        if args.known:
            given = {**variables, "bench": next(counter)}
            body = json.dumps({"query": query, "variables": given})
        else:
            body = json.dumps(
                {"query": f"{query}\n# {next(counter)}", "variables": variables}
            )
        response = client.post("/graphql/", body, content_type="application/json")
        if response.status_code != 200 or b'"errors"' in response.content:
            raise RuntimeError(response.content[:500])

    for _ in range(20):
        one()
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
        f"{args.case}: {args.requests} {'known' if args.known else 'cold'} "
        "requests, median "
        f"{statistics.median(timings) * 1000:.1f} ms"
        f"{'' if args.plain else ' (profiled)'}\n"
    )
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
