"""Profile cold API answers in-process, under the production settings.

Prepares the database as ``bench.compare`` does (or reuses it with ``--reuse``),
then sends the listing and product queries through Django's test client with a
document comment that differs on every request, so neither the API cache nor the
document cache answers, and prints where the time goes (cProfile, by own time and
by cumulative time) with the median per request, the function calls per request
and the time spent in garbage collections. What the production master builds
before forking is built and frozen out of the collector's sight first, as
``config/gunicorn.py`` does.

    .venv/bin/python -m bench.profile_api [--requests 200] [--reuse] [--case listing]
        [--known]

BENCH_DATABASE_URL and BENCH_REDIS_URL as for ``bench.compare``.
"""

import argparse
import gc
import itertools
import json
import pstats
import time
from typing import Any

from bench._profile import (
    arguments_add,
    django_start,
    requests_profiled,
    statistics_print,
)
from bench.graphql import PRODUCT, PRODUCT_SLUG, PRODUCTS

CASES = {
    "listing": (PRODUCTS, {}),
    "product": (PRODUCT, {"slug": PRODUCT_SLUG}),
}


class _GarbageCollections:
    """Time spent in the collector, and how many collections were full ones."""

    def __init__(self) -> None:
        self.seconds = 0.0
        self.full = 0
        self._started = 0.0

    def observe(self, phase: str, info: dict[str, Any]) -> None:
        if phase == "start":
            self._started = time.perf_counter()
            return
        self.seconds += time.perf_counter() - self._started
        self.full += info["generation"] == 2


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    arguments_add(parser, case="listing", cases=list(CASES))
    parser.add_argument(
        "--known",
        action="store_true",
        help="vary an unused variable instead of the document, as bench.compare's "
        "known case does: the answer cache misses, the parsed document is reused",
    )
    args = parser.parse_args()
    django_start(reuse=args.reuse)
    # Imported once Django is set up: the test client and the gunicorn hook
    # load the application.
    from django.test import Client

    from config.gunicorn import when_ready

    when_ready(None)

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

    collecting = _GarbageCollections()
    gc.callbacks.append(collecting.observe)
    median, profiler = requests_profiled(one, requests=args.requests, plain=args.plain)
    gc.callbacks.remove(collecting.observe)
    print(
        f"{args.case}: {args.requests} {'known' if args.known else 'cold'} "
        "requests, median "
        f"{median * 1000:.1f} ms"
        f"{'' if args.plain else ' (profiled)'}; garbage collections "
        f"{collecting.seconds / args.requests * 1000:.2f} ms a request "
        f"(warm-up included), {collecting.full} full\n"
    )
    if not args.plain:
        # Function calls per request vary far less than latency on a shared
        # machine: the steadier figure for comparing two versions.
        calls = pstats.Stats(profiler).total_calls
        print(f"function calls per request: {calls / args.requests:,.0f}\n")
        statistics_print(profiler, args)


if __name__ == "__main__":
    main()
