"""Benchmark completing an order server-side with the dummy gateway.

Creates a dedicated PostgreSQL database (dropped and re-created), migrates it, seeds
a channel, a product with plenty of stock and a shipping method, then:

- times N sequential checkouts, each from a ready cart to a paid order
  (``checkout_payment_start``: validation, totals, payment authorise, order
  creation with row-locked stock allocation, capture), and prints median and p95;
- runs M more at concurrency 4 (threads, one DB connection each) and prints
  orders per second.

    .venv/bin/python -m bench.checkout [--orders 200] [--concurrent-orders 200]

BENCH_DATABASE_URL overrides the database
(default postgres://postgres@127.0.0.1:5432/shop_bench_checkout).
"""

import argparse
import os
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shop_bench_checkout"


def _recreate_database(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
        conn.execute(f'CREATE DATABASE "{name}"')


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--orders", type=int, default=200)
    parser.add_argument("--concurrent-orders", type=int, default=200)
    args = parser.parse_args()

    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    _recreate_database(url)
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.test")
    os.environ["EMAIL_URL"] = "locmem://"
    sys.path.insert(0, str(ROOT))

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    call_command("migrate", verbosity=0)

    from decimal import Decimal

    from django.utils import timezone

    from storefront.catalogue.models import (
        Category,
        Product,
        ProductChannelListing,
        ProductType,
        ProductVariant,
        ProductVariantChannelListing,
    )
    from storefront.channels.models import Channel
    from storefront.checkout.services.cart import checkout_create, checkout_line_add
    from storefront.checkout.services.details import (
        checkout_email_set,
        checkout_shipping_address_set,
        checkout_shipping_method_set,
    )
    from storefront.checkout.services.payment import checkout_payment_start
    from storefront.inventory.models import Stock, Warehouse
    from storefront.shipping.models import (
        ShippingMethod,
        ShippingMethodChannelListing,
        ShippingZone,
    )

    channel, _ = Channel.objects.get_or_create(
        slug="us",
        defaults={
            "name": "United States",
            "currency_code": "USD",
            "default_country": "US",
            "countries": ["US"],
            "claims_regime": "us",
        },
    )
    warehouse = Warehouse.objects.create(name="Bench", slug="bench", country="US")
    warehouse.channels.add(channel)
    product = Product.objects.create(
        product_type=ProductType.objects.create(name="Bench", slug="bench"),
        category=Category.objects.create(name="Bench", slug="bench"),
        name="Reishi Powder",
        slug="bench-reishi",
    )
    ProductChannelListing.objects.create(
        product=product, channel=channel, is_published=True, published_at=timezone.now()
    )
    variants = []
    for n in range(3):
        variant = ProductVariant.objects.create(product=product, sku=f"BENCH-{n}")
        ProductVariantChannelListing.objects.create(
            variant=variant,
            channel=channel,
            currency="USD",
            price_amount=Decimal("12.50"),
        )
        Stock.objects.create(
            warehouse=warehouse, product_variant=variant, quantity=10**6
        )
        variants.append(variant)
    zone = ShippingZone.objects.create(name="US", countries=["US"])
    zone.channels.add(channel)
    method = ShippingMethod.objects.create(zone=zone, name="Standard")
    ShippingMethodChannelListing.objects.create(
        shipping_method=method,
        channel=channel,
        currency="USD",
        price_amount=Decimal("5"),
    )
    address = {
        "first_name": "Ada",
        "last_name": "Lovelace",
        "street_address_1": "1600 Amphitheatre Pkwy",
        "city": "Mountain View",
        "postal_code": "94043",
        "country": "US",
        "country_area": "CA",
    }

    def ready_cart(n: int):
        checkout = checkout_create(channel=channel, region="US")
        for variant in variants:
            checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
        checkout_email_set(checkout=checkout, email=f"bench{n}@example.com")
        checkout_shipping_address_set(checkout=checkout, data=address)
        checkout_shipping_method_set(checkout=checkout, shipping_method_id=method.pk)
        return checkout

    def complete(checkout) -> float:
        start = time.perf_counter()
        outcome = checkout_payment_start(
            checkout=checkout, gateway="dummy", card_number="4242424242424242"
        )
        elapsed = time.perf_counter() - start
        assert outcome.order_id is not None
        return elapsed

    carts = [ready_cart(n) for n in range(args.orders + args.concurrent_orders)]
    sequential, concurrent = carts[: args.orders], carts[args.orders :]
    complete(ready_cart(-1))  # warm-up
    timings = [complete(c) for c in sequential]

    def worker(checkout) -> float:
        try:
            return complete(checkout)
        finally:
            connection.close()

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=4) as pool:
        list(pool.map(worker, concurrent))
    wall = time.perf_counter() - start

    timings.sort()
    p95 = timings[max(round(0.95 * len(timings)) - 1, 0)]
    print(f"orders completed sequentially: {len(timings)}")
    print(f"median: {statistics.median(timings) * 1000:.1f} ms")
    print(f"p95:    {p95 * 1000:.1f} ms")
    print(
        f"concurrency 4: {len(concurrent)} orders in {wall:.2f} s = "
        f"{len(concurrent) / wall:.1f} orders/s"
    )
    stock = Stock.objects.filter(product_variant__in=variants).values_list(
        "quantity_allocated", flat=True
    )
    print(f"units allocated per variant: {sorted(set(stock))}")


if __name__ == "__main__":
    main()
