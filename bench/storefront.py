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
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


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
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(64),
        "DEBUG": "false",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url,
        "REDIS_URL": "",
        "MEDIA_ROOT": str(workdir / "media"),
        "STATIC_ROOT": str(workdir / "static"),
        "LOG_LEVEL": "WARNING",
    }
    print(f"Preparing {urlsplit(database_url).path.lstrip('/')} ...", flush=True)
    _database_recreate(database_url)
    _manage(env, "migrate", "--noinput")
    _manage(env, "collectstatic", "--noinput")
    _manage(env, "populatedb")
    _manage(env, "shell", "-c", SEED.format(slug=BENCH_CATEGORY))

    port = _free_port()
    server = subprocess.Popen(
        [
            str(BIN / "gunicorn"),
            "config.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                _fetch(base + "/")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
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
    finally:
        server.terminate()
        server.wait(timeout=30)
        if not args.keep_db:
            _drop(database_url)


def _drop(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{parts.path.lstrip("/")}" WITH (FORCE)')


if __name__ == "__main__":
    main()
