"""Profile the API checkout in-process, step by step, under the production settings.

Prepares the database as ``bench.compare`` does (or reuses it with ``--reuse``),
then runs the compare bench's checkout (``bench.graphql.checkout_full``: create
with lines, email and shipping address, billing address, delivery method,
``transactionInitialize``, ``checkoutComplete``) through Django's test client and
prints, for each of the five requests, the median time and the SQL queries it ran
(with the transactions and savepoints among them), and the median per order.
With ``--profile STEP`` the requests of that step (or ``all``) are profiled too.

    .venv/bin/python -m bench.profile_checkout [--requests 100] [--reuse]
        [--profile pay] [--queries pay]

BENCH_DATABASE_URL and BENCH_REDIS_URL as for ``bench.compare``.
"""

import argparse
import cProfile
import json
import statistics
import time
from collections import defaultdict
from typing import Any

from bench._profile import django_start, statistics_print
from bench.graphql import PRODUCT, PRODUCT_SLUG, checkout_steps

STEPS = ("create", "billing", "delivery", "pay", "complete")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=100, help="orders measured")
    parser.add_argument("--reuse", action="store_true")
    parser.add_argument("--profile", choices=[*STEPS, "all"])
    parser.add_argument("--queries", choices=STEPS, help="print one step's SQL")
    parser.add_argument("--top", type=int, default=30)
    parser.add_argument("--only", help="also list functions whose path has this")
    parser.add_argument("--callers", help="also list who calls functions matching this")
    args = parser.parse_args()
    django_start(reuse=args.reuse)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")

    def call(query: str, variables: dict) -> dict[str, Any]:
        response = client.post(
            "/graphql/",
            json.dumps({"query": query, "variables": variables}),
            content_type="application/json",
        )
        content = response.json()
        if response.status_code != 200 or content.get("errors"):
            raise RuntimeError(response.content[:500])
        (payload,) = content["data"].values()
        if payload.get("errors"):
            raise RuntimeError(payload["errors"])
        return payload

    product = call(PRODUCT, {"slug": PRODUCT_SLUG})
    variant_id = product["productVariants"]["edges"][0]["node"]["id"]
    profiler = cProfile.Profile()
    timings: dict[str, list[float]] = defaultdict(list)
    queries: dict[str, list[str]] = {}

    def step(name: str, query: str, variables: dict, *, measured: bool) -> dict:
        profiled = measured and args.profile in (name, "all")
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            if profiled:
                profiler.enable()
            payload = call(query, variables)
            if profiled:
                profiler.disable()
            elapsed = time.perf_counter() - started
        if measured:
            timings[name].append(elapsed)
            queries[name] = [q["sql"] for q in captured.captured_queries]
        return payload

    def order(*, measured: bool) -> None:
        checkout_steps(
            variant_id, lambda name, q, v: step(name, q, v, measured=measured)
        )

    for _ in range(10):
        order(measured=False)
    for _ in range(args.requests):
        order(measured=True)

    print(f"{args.requests} orders{' (profiled)' if args.profile else ''}")
    print(f"{'step':<10} {'median ms':>10} {'queries':>8} {'tx+savepoints':>14}")
    for name in STEPS:
        sql = queries[name]
        nested = sum(1 for q in sql if q.startswith(("SAVEPOINT", "BEGIN")))
        print(
            f"{name:<10} {statistics.median(timings[name]) * 1000:>10.1f} "
            f"{len(sql):>8} {nested:>14}"
        )
    per_order = [sum(t) for t in zip(*(timings[n] for n in STEPS), strict=True)]
    total = sum(len(queries[n]) for n in STEPS)
    print(f"{'order':<10} {statistics.median(per_order) * 1000:>10.1f} {total:>8}")
    if args.queries:
        print(f"\nSQL of {args.queries}:")
        for number, sql in enumerate(queries[args.queries], 1):
            print(f"{number:>3}. {sql[:400]}")
    if args.profile:
        statistics_print(profiler, args)


if __name__ == "__main__":
    main()
