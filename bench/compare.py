"""Benchmark the shop side by side with the "limit" app, in one run.

Prepares the shop's database as ``bench.storefront`` does (demo data plus a
category of 30 products), starts the shop (gunicorn, 2 sync workers, production
settings) and the limit app (``bench/limit``: bare Django + graphene under gunicorn,
2 workers, 20 products from memory, a template page of 24 cards) on free loopback
ports, and measures each case with the same client: median and p95 over sequential
requests on one connection at a time, and requests per second at 8 concurrent
connections. Anonymous cases run warm (the page and API caches answer) and cold (a
query-string or document comment that differs on every request misses them). A
page at a new address whose extra parameters it does not read (a campaign tag) is
answered by the page stored for what it shows, so pages also run "fresh": the page
generation is moved on before every request, as any catalogue edit does, and
nothing stored for pages can answer (the one Redis INCR is inside the timing). API
cases also run "known": an unused variable that differs on every request misses the
answer cache while the document stays the one the process has parsed. The
API checkout (five requests to an order) is timed per order.

The machine is shared and noisy: read the ratio ours / limit, measured in the same
run, rather than the absolute figures. For each case the limit app and the shop
take turns (three rounds each), so that the two figures of a ratio are measured
side by side under the same load.

    .venv/bin/python -m bench.compare [--requests 150] [--checkouts 20] [--cases API]

BENCH_DATABASE_URL overrides the database
(default postgres://postgres@127.0.0.1:5432/ws_perf_compare), BENCH_REDIS_URL the
Redis database (default redis://127.0.0.1:6379/11).
"""

import argparse
import http.client
import itertools
import json
import os
import statistics
import tempfile
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from bench._server import (
    REDIS_DEFAULT,
    database_prepare,
    free_port,
    gunicorn,
    production_env,
    serving,
    wait_for,
)
from bench.graphql import API as ShopAPI
from bench.graphql import PRODUCT, PRODUCT_SLUG, PRODUCTS, SEED, checkout_full
from bench.storefront import BENCH_CATEGORY
from bench.storefront import SEED as CATEGORY_SEED
from common.page_cache import GENERATION_KEY

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/ws_perf_compare"
CONCURRENCY = 8
# Ours and the limit app take turns this many times per case.
ROUNDS = 3
_counter = itertools.count()


def _request(port: int, method: str, path: str, body: bytes | None = None) -> None:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        headers = {"Content-Type": "application/json"} if body else {}
        connection.request(method, path, body=body, headers=headers)
        response = connection.getresponse()
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{method} {path} answered {response.status}")
    finally:
        connection.close()


@dataclass
class Sample:
    """Sequential latencies and a concurrent run's count and wall time."""

    latencies: list[float] = field(default_factory=list)
    done: int = 0
    wall: float = 0.0

    def add(self, other: "Sample") -> None:
        self.latencies.extend(other.latencies)
        self.done += other.done
        self.wall += other.wall

    def figures(self) -> dict[str, float]:
        latencies = sorted(self.latencies)
        return {
            "median": statistics.median(latencies) * 1000,
            "p95": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
            "rps": self.done / self.wall,
        }


def _measure(operation: Callable[[], None], *, count: int) -> Sample:
    for _ in range(10):
        operation()
    sample = Sample()
    for _ in range(count):
        started = time.perf_counter()
        operation()
        sample.latencies.append(time.perf_counter() - started)
    lock = threading.Lock()

    def one(_: int) -> None:
        operation()
        with lock:
            sample.done += 1

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=CONCURRENCY) as pool:
        list(pool.map(one, range(count)))
    sample.wall = time.perf_counter() - started
    return sample


def _measure_beside(
    ours: Callable[[], None], limit: Callable[[], None], *, count: int
) -> tuple[dict[str, float], dict[str, float]]:
    """Ours and the limit app's figures, measured in alternating rounds so that
    a change in the machine's load falls on both alike."""
    mine, theirs = Sample(), Sample()
    per_round = max(count // ROUNDS, 10)
    for _ in range(ROUNDS):
        theirs.add(_measure(limit, count=per_round))
        mine.add(_measure(ours, count=per_round))
    return mine.figures(), theirs.figures()


def _graphql(port: int, query: str, variables: dict | None = None) -> Callable:
    def call(cold: bool = False, known: bool = False) -> None:
        document, given = query, dict(variables or {})
        if cold and known:
            # An unused variable misses the answer cache but not the document's
            # parse: what a cold answer costs once a process has seen the query.
            given["bench"] = next(_counter)
        elif cold:
            document = f"{query}\n# {next(_counter)}"
        body = json.dumps({"query": document, "variables": given}).encode()
        _request(port, "POST", "/graphql/", body)

    return call


def _page(port: int, path: str, *, redis_url: str | None = None) -> Callable:
    # Without a Redis URL (the limit app) there is nothing stored to move on.
    generation = _page_generation_bumper(redis_url) if redis_url else None

    def call(cold: bool = False, known: bool = False) -> None:
        if cold and known and generation is not None:
            generation()
            _request(port, "GET", path)
            return
        separator = "&" if "?" in path else "?"
        _request(port, "GET", f"{path}{separator}b={next(_counter)}" if cold else path)

    return call


def _page_generation_bumper(redis_url: str) -> Callable[[], None]:
    # Imported here: only the page cases talk to Redis themselves.
    import redis

    client = redis.Redis.from_url(redis_url)
    # Django's Redis cache keeps integers as they are, under ":<version>:<key>".
    key = f":1:{GENERATION_KEY}"
    return lambda: client.incr(key)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--checkouts", type=int, default=20)
    parser.add_argument("--keep-db", action="store_true")
    parser.add_argument(
        "--cases",
        default="",
        help="run only the cases whose name holds this text (e.g. API)",
    )
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    workdir = Path(tempfile.mkdtemp(prefix="shop-bench-compare-"))
    env = production_env(
        base=dict(os.environ), database_url=database_url, workdir=workdir
    )
    database_prepare(
        env, SEED.format(slug=PRODUCT_SLUG), CATEGORY_SEED.format(slug=BENCH_CATEGORY)
    )

    shop_port, limit_port = free_port(), free_port()
    limit_env = {k: v for k, v in env.items() if k != "DJANGO_SETTINGS_MODULE"}
    servers = [
        gunicorn("config.wsgi:application", shop_port, env),
        gunicorn("bench.limit.app:application", limit_port, limit_env),
    ]
    with serving(servers, env=env, keep_db=args.keep_db):
        wait_for(f"http://127.0.0.1:{shop_port}/healthz/")
        wait_for(f"http://127.0.0.1:{limit_port}/page/")
        _run(args, shop_port, limit_port)


def _run(args: argparse.Namespace, shop: int, limit: int) -> None:
    limit_listing = _graphql(limit, PRODUCTS)
    limit_page = _page(limit, "/page/")
    redis_url = REDIS_DEFAULT  # the shop's own Redis (production_env)
    cases = [
        ("API products(first: 20)", _graphql(shop, PRODUCTS), limit_listing),
        (
            "API product(slug)",
            _graphql(shop, PRODUCT, {"slug": PRODUCT_SLUG}),
            limit_listing,
        ),
        ("home page", _page(shop, "/", redis_url=redis_url), limit_page),
        (
            "category page (24 cards)",
            _page(shop, f"/categories/{BENCH_CATEGORY}/", redis_url=redis_url),
            limit_page,
        ),
        (
            "product page",
            _page(shop, f"/products/{PRODUCT_SLUG}/", redis_url=redis_url),
            limit_page,
        ),
        (
            "search page",
            _page(shop, "/search/?q=mushroom", redis_url=redis_url),
            limit_page,
        ),
    ]
    print(
        f"shop and limit app: gunicorn, 2 sync workers each; {args.requests} "
        f"sequential requests then {args.requests} at {CONCURRENCY} connections per "
        f"case, in {ROUNDS} rounds taking turns with the limit app; limit = listing "
        "query for API cases, 24-card template page for pages\n"
    )
    header = (
        f"{'case':<26} {'cache':<5} {'median':>8} {'p95':>8} {'req/s':>7} "
        f"{'limit med':>9} {'limit r/s':>9} {'lat ÷':>6} {'r/s ÷':>6}"
    )
    print(header)
    for name, ours, theirs in cases:
        if args.cases not in name:
            continue
        states = [("warm", False, False), ("cold", True, False)]
        # "known" for the API, "fresh" for pages: see the module's docstring.
        states.append(("known" if name.startswith("API") else "fresh", True, True))
        for state, cold, known in states:
            figures, ceiling = _measure_beside(
                lambda op=ours, c=cold, k=known: op(c, k), theirs, count=args.requests
            )
            print(
                f"{name:<26} {state:<5} {figures['median']:>6.1f}ms "
                f"{figures['p95']:>6.1f}ms {figures['rps']:>7.1f} "
                f"{ceiling['median']:>7.1f}ms {ceiling['rps']:>9.1f} "
                f"{figures['median'] / ceiling['median']:>5.2f}x "
                f"{figures['rps'] / ceiling['rps']:>5.0%}",
                flush=True,
            )
    api = ShopAPI(f"http://127.0.0.1:{shop}/graphql/")
    variant_id = api.call(PRODUCT, {"slug": PRODUCT_SLUG})["product"][
        "productVariants"
    ]["edges"][0]["node"]["id"]
    checkout_full(api, variant_id)
    timings = []
    for _ in range(args.checkouts):
        started = time.perf_counter()
        checkout_full(api, variant_id)
        timings.append(time.perf_counter() - started)
    timings.sort()
    print(
        f"\nAPI checkout (5 requests to an order), {args.checkouts} orders: median "
        f"{statistics.median(timings) * 1000:.1f} ms, p95 "
        f"{timings[max(int(len(timings) * 0.95) - 1, 0)] * 1000:.1f} ms per order "
        "(target <= 150 ms)"
    )


if __name__ == "__main__":
    main()
