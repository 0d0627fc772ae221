"""Benchmark the shopper pages as they run in production.

Creates and fills a dedicated PostgreSQL database, starts gunicorn (2 workers,
production settings, DEBUG off) on a free loopback port, then times a bounded number
of requests per page at concurrency 1 and 8 and prints median, p95 and requests/s.

    .venv/bin/python -m bench.storefront [--requests 200] [--keep-db]

BENCH_DATABASE_URL overrides the database (default
postgres://postgres@127.0.0.1:5432/shop_bench_storefront); it is dropped and
re-created.
"""

import argparse
import os
import statistics
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from bench._server import (
    database_prepare,
    free_port,
    gunicorn,
    production_env,
    serving,
    wait_for,
)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shop_bench_storefront"
BENCH_CATEGORY = "bench-assortment"
CASES = (
    ("home", "/"),
    ("category (24 products)", f"/categories/{BENCH_CATEGORY}/"),
    ("product", "/products/lions-mane-capsules/"),
    ("search", "/search/?q=mushroom"),
)

# Adds a category holding 30 listed products (24 on its first page), reusing the
# demo's services so the rows look like real ones.
SEED = """
from decimal import Decimal
from storefront.catalogue.models import Category, Product, ProductType
from storefront.catalogue.services import (
    product_create, product_publish, product_variant_create, product_variant_price_set)
from storefront.channels.models import Channel
from storefront.inventory.models import Stock, Warehouse
category, _ = Category.objects.get_or_create(
    slug="{slug}", defaults={{"name": "Bench assortment"}})
product_type = ProductType.objects.get(slug="supplement")
us = Channel.objects.get(slug="us")
warehouse = Warehouse.objects.get(slug="portland")
for n in range(30):
    slug = f"bench-product-{{n:02d}}"
    if Product.objects.filter(slug=slug).exists():
        continue
    product = product_create(
        product_type=product_type, category=category, name=f"Bench mushroom {{n:02d}}",
        slug=slug, description="<p>Mushroom powder for benchmarking.</p>",
        benefits=["Fruiting bodies only"])
    variant = product_variant_create(product=product, sku=f"BENCH-{{n:02d}}")
    product_variant_price_set(variant=variant, channel=us, amount=Decimal(10 + n))
    Stock.objects.create(warehouse=warehouse, product_variant=variant, quantity=50)
    product_publish(product=product, channel=us)
"""


def _fetch(url: str) -> float:
    started = time.perf_counter()
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 - loopback
        response.read()
        if response.status != 200:
            raise RuntimeError(f"{url} answered {response.status}")
    return time.perf_counter() - started


def _measure(url: str, *, requests: int, concurrency: int) -> dict[str, float]:
    for _ in range(5):  # warm both workers' connections and template caches
        _fetch(url)
    latencies: list[float] = []
    lock = threading.Lock()

    def one(_: int) -> None:
        elapsed = _fetch(url)
        with lock:
            latencies.append(elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(requests)))
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[int(len(latencies) * 0.95) - 1] * 1000,
        "rps": requests / wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    workdir = Path(tempfile.mkdtemp(prefix="shop-bench-"))
    env = production_env(
        base=dict(os.environ), database_url=database_url, workdir=workdir
    )
    database_prepare(env, SEED.format(slug=BENCH_CATEGORY))

    port = free_port()
    server = gunicorn("config.wsgi:application", port, env)
    base = f"http://127.0.0.1:{port}"
    with serving([server], env=env, keep_db=args.keep_db):
        wait_for(base + "/")
        print(
            f"gunicorn, 2 workers, production settings, DEBUG off, {base}; "
            f"{args.requests} requests per case\n"
        )
        print(f"{'case':<24} {'conc':>4} {'median ms':>10} {'p95 ms':>8} {'req/s':>8}")
        for name, path in CASES:
            for concurrency in (1, 8):
                result = _measure(
                    base + path, requests=args.requests, concurrency=concurrency
                )
                print(
                    f"{name:<24} {concurrency:>4} {result['median_ms']:>10.1f} "
                    f"{result['p95_ms']:>8.1f} {result['rps']:>8.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
