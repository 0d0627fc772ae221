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
import itertools
import json
import time

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

    median, profiler = requests_profiled(one, requests=args.requests, plain=args.plain)
    print(
        f"{args.case}: {args.requests} {'known' if args.known else 'cold'} "
        "requests, median "
        f"{median * 1000:.1f} ms"
        f"{'' if args.plain else ' (profiled)'}\n"
    )
    if not args.plain:
        statistics_print(profiler, args)


if __name__ == "__main__":
    main()
