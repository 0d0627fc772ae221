"""Benchmark the Saleor-compatible GraphQL API as it runs in production.

Creates and fills a dedicated PostgreSQL database (populatedb, plus stock for the
checkout runs), starts gunicorn (2 workers, production settings, DEBUG off) on a free
loopback port, then runs a bounded number of operations per case at concurrency 1
and 8 and prints median, p95 and operations/s:

- ``products(first: 20)`` with pricing, thumbnails and variants;
- ``product(slug)`` with the fields a product page asks for;
- a full API checkout: checkoutCreate (lines, email, shipping address) ->
  checkoutBillingAddressUpdate -> checkoutDeliveryMethodUpdate ->
  transactionInitialize (dummy gateway) -> checkoutComplete, i.e. five requests
  timed as one operation.

    .venv/bin/python -m bench.graphql [--requests 200] [--checkouts 60] [--keep-db]

BENCH_DATABASE_URL overrides the database (default
postgres://postgres@127.0.0.1:5432/shop_bench_graphql); it is dropped and re-created.
It reuses the database and server helpers of ``bench.storefront``.
"""

import argparse
import json
import os
import statistics
import tempfile
import threading
import time
import urllib.request
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from bench._server import (
    database_prepare,
    free_port,
    gunicorn,
    production_env,
    serving,
)

DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shop_bench_graphql"
PRODUCT_SLUG = "lions-mane-capsules"

# Plenty of stock for the checkout runs, so every checkout can succeed.
SEED = """
from storefront.inventory.models import Stock
Stock.objects.filter(product_variant__product__slug="{slug}").update(quantity=1000000)
"""

PRODUCTS = """
query {
  products(first: 20, channel: "us") {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node {
      id name slug
      thumbnail(size: 512, format: WEBP) { url alt }
      category { name slug }
      pricing { priceRange { start { gross { amount currency } }
                             stop { gross { amount currency } } } }
      productVariants(first: 5) { edges { node { id name sku } } }
    } }
  }
}"""
PRODUCT = """
query($slug: String) {
  product(slug: $slug, channel: "us") {
    id name slug description seoTitle seoDescription
    thumbnail(size: 1024) { url alt }
    media { url alt type }
    category { name slug }
    pricing { priceRange { start { gross { amount currency } } } }
    productVariants(first: 20) { edges { node {
      id name sku quantityAvailable
      pricing { price { gross { amount currency } } }
      attributes { attribute { slug name } values { name } }
    } } }
  }
}"""
CHECKOUT_CREATE = """
mutation($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    errors { field code message }
    checkout { id shippingMethods { id } totalPrice { gross { amount } } }
  }
}"""
BILLING = """
mutation($id: ID, $address: AddressInput!) {
  checkoutBillingAddressUpdate(id: $id, billingAddress: $address) {
    errors { field code message } checkout { id }
  }
}"""
DELIVERY = """
mutation($id: ID, $method: ID) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    errors { field code message } checkout { totalPrice { gross { amount } } }
  }
}"""
PAY = """
mutation($id: ID!) {
  transactionInitialize(id: $id,
      paymentGateway: {id: "saleor.io.dummy-payment-app",
                       data: {event: {type: "CHARGE_SUCCESS"}}}) {
    errors { field code message } transaction { id } data
  }
}"""
COMPLETE = """
mutation($id: ID) {
  checkoutComplete(id: $id) {
    errors { field code message } order { id number total { gross { amount } } }
  }
}"""
ADDRESS = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "1 Main St",
    "city": "Portland",
    "postalCode": "97201",
    "country": "US",
    "countryArea": "OR",
}


class API:
    def __init__(self, url: str) -> None:
        self.url = url

    def call(self, query: str, variables: dict | None = None) -> dict[str, Any]:
        body = json.dumps({"query": query, "variables": variables or {}}).encode()
        request = urllib.request.Request(  # noqa: S310 - loopback
            self.url, data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310
            content = json.loads(response.read())
        if content.get("errors"):
            raise RuntimeError(f"GraphQL errors: {content['errors']}")
        for payload in (content.get("data") or {}).values():
            if isinstance(payload, dict) and payload.get("errors"):
                raise RuntimeError(f"Mutation errors: {payload['errors']}")
        return content["data"]


def checkout_steps(variant_id: str, step: Callable[[str, str, dict], dict]) -> None:
    """The five requests of an anonymous API checkout, ending in an order.

    ``step(name, query, variables)`` sends one and returns its mutation's payload.
    """
    created = step(
        "create",
        CHECKOUT_CREATE,
        {
            "input": {
                "channel": "us",
                "email": "bench@example.com",
                "lines": [{"variantId": variant_id, "quantity": 1}],
                "shippingAddress": ADDRESS,
            }
        },
    )["checkout"]
    checkout_id = created["id"]
    step("billing", BILLING, {"id": checkout_id, "address": ADDRESS})
    step(
        "delivery",
        DELIVERY,
        {"id": checkout_id, "method": created["shippingMethods"][0]["id"]},
    )
    step("pay", PAY, {"id": checkout_id})
    if not step("complete", COMPLETE, {"id": checkout_id})["order"]:
        raise RuntimeError("checkoutComplete returned no order")


def checkout_full(api: API, variant_id: str) -> None:
    """One whole anonymous checkout through the API, ending in an order."""

    def step(name: str, query: str, variables: dict) -> dict:
        (payload,) = api.call(query, variables).values()
        return payload

    checkout_steps(variant_id, step)


def measure(
    operation: Callable[[], None], *, count: int, concurrency: int
) -> dict[str, float]:
    for _ in range(3):  # warm both workers' connections and caches
        operation()
    latencies: list[float] = []
    lock = threading.Lock()

    def one(_: int) -> None:
        started = time.perf_counter()
        operation()
        elapsed = time.perf_counter() - started
        with lock:
            latencies.append(elapsed)

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=concurrency) as pool:
        list(pool.map(one, range(count)))
    wall = time.perf_counter() - started
    latencies.sort()
    return {
        "median_ms": statistics.median(latencies) * 1000,
        "p95_ms": latencies[max(int(len(latencies) * 0.95) - 1, 0)] * 1000,
        "ops": count / wall,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--checkouts", type=int, default=60)
    parser.add_argument("--keep-db", action="store_true")
    args = parser.parse_args()

    database_url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    workdir = Path(tempfile.mkdtemp(prefix="shop-bench-graphql-"))
    env = production_env(
        base=dict(os.environ), database_url=database_url, workdir=workdir
    )
    database_prepare(env, SEED.format(slug=PRODUCT_SLUG))

    port = free_port()
    server = gunicorn("config.wsgi:application", port, env)
    api = API(f"http://127.0.0.1:{port}/graphql/")
    with serving([server], env=env, keep_db=args.keep_db):
        for _ in range(100):
            try:
                api.call("{ channels { slug } }")
                break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("gunicorn did not start")
        product = api.call(PRODUCT, {"slug": PRODUCT_SLUG})["product"]
        variant_id = product["productVariants"]["edges"][0]["node"]["id"]
        listed = api.call(PRODUCTS)["products"]
        print(
            f"gunicorn, 2 workers, production settings, DEBUG off, {api.url}\n"
            f"products(first: 20) returns {len(listed['edges'])} of "
            f"{listed['totalCount']}; {args.requests} requests per query case, "
            f"{args.checkouts} checkouts (5 requests each) per checkout case\n"
        )
        cases: list[tuple[str, Callable[[], None], int]] = [
            ("products(first: 20)", lambda: api.call(PRODUCTS), args.requests),
            (
                "product(slug)",
                lambda: api.call(PRODUCT, {"slug": PRODUCT_SLUG}),
                args.requests,
            ),
            (
                "full API checkout",
                lambda: checkout_full(api, variant_id),
                args.checkouts,
            ),
        ]
        print(f"{'case':<22} {'conc':>4} {'median ms':>10} {'p95 ms':>8} {'ops/s':>8}")
        for name, operation, count in cases:
            for concurrency in (1, 8):
                result = measure(operation, count=count, concurrency=concurrency)
                print(
                    f"{name:<22} {concurrency:>4} {result['median_ms']:>10.1f} "
                    f"{result['p95_ms']:>8.1f} {result['ops']:>8.1f}",
                    flush=True,
                )


if __name__ == "__main__":
    main()
