"""Benchmark subscription renewals: renewals per second with the dummy gateway.

Creates a dedicated PostgreSQL database (dropped and re-created), migrates it,
seeds N subscriptions due today (two lines each, dummy saved cards), then times
``subscription_renewals_run`` in one process, or in ``--workers`` processes of
``manage.py run_renewals`` started together (they share the work through
``select_for_update(skip_locked=True)``). Prints the time, renewals per second
and checks that every subscription got exactly one order and one charge.

    .venv/bin/python -m bench.renewals [--subscriptions 1000] [--workers 1]

BENCH_DATABASE_URL overrides the database (default
postgres://postgres@127.0.0.1:5432/shop_bench_renewals).
"""

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DB = "postgres://postgres@127.0.0.1:5432/shop_bench_renewals"


def _recreate(url: str) -> None:
    import psycopg

    parts = urlsplit(url)
    name = parts.path.lstrip("/")
    admin = parts._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')


def _seed(count: int) -> None:
    from datetime import timedelta
    from decimal import Decimal

    from django.utils import timezone

    from storefront.accounts.models import Address, User
    from storefront.catalogue.models import (
        Category,
        Product,
        ProductChannelListing,
        ProductType,
        ProductVariant,
        ProductVariantChannelListing,
    )
    from storefront.channels.models import Channel
    from storefront.inventory.models import Stock, Warehouse
    from storefront.shipping.models import (
        ShippingMethod,
        ShippingMethodChannelListing,
        ShippingZone,
    )
    from storefront.subscriptions.models import (
        Subscription,
        SubscriptionLine,
        SubscriptionPlan,
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
    product_type = ProductType.objects.create(name="Bench", slug="bench")
    category = Category.objects.create(name="Bench", slug="bench")
    variants = []
    for n in range(2):
        product = Product.objects.create(
            product_type=product_type,
            category=category,
            name=f"Bench tea {n}",
            slug=f"bench-tea-{n}",
        )
        ProductChannelListing.objects.create(
            product=product, channel=channel, is_published=True
        )
        variant = ProductVariant.objects.create(
            product=product, sku=f"BENCH-{n}", name="Box"
        )
        ProductVariantChannelListing.objects.create(
            variant=variant,
            channel=channel,
            currency="USD",
            price_amount=Decimal("12.00"),
        )
        Stock.objects.create(
            warehouse=warehouse, product_variant=variant, quantity=count * 10
        )
        SubscriptionPlan.objects.create(
            product=product, channel=channel, discount_percent=Decimal(10)
        )
        variants.append(variant)
    zone = ShippingZone.objects.create(name="US", countries=["US"])
    zone.channels.add(channel)
    method = ShippingMethod.objects.create(zone=zone, name="Standard")
    ShippingMethodChannelListing.objects.create(
        shipping_method=method,
        channel=channel,
        currency="USD",
        price_amount=Decimal("5.00"),
    )
    users = User.objects.bulk_create(
        [User(email=f"bench{n}@example.com") for n in range(count)]
    )
    addresses = Address.objects.bulk_create(
        [
            Address(
                first_name="Bench",
                last_name=str(n),
                street_address_1="1 Main St",
                city="PORTLAND",
                postal_code="97201",
                country="US",
                country_area="OR",
            )
            for n in range(count)
        ]
    )
    today = timezone.localdate()
    subscriptions = Subscription.objects.bulk_create(
        [
            Subscription(
                user=user,
                channel=channel,
                interval="4w",
                email=user.email,
                region="US-OR",
                shipping_address=address,
                shipping_method=method,
                gateway="dummy",
                payment_method_ref=f"dummy_pm_bench_{n}",
                started_on=today - timedelta(weeks=4),
                next_renewal_date=today,
                paid_until=today,
            )
            for n, (user, address) in enumerate(zip(users, addresses, strict=True))
        ]
    )
    SubscriptionLine.objects.bulk_create(
        [
            SubscriptionLine(subscription=s, variant=v, quantity=1 + i)
            for s in subscriptions
            for i, v in enumerate(variants)
        ]
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--subscriptions", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()
    url = os.environ.get("BENCH_DATABASE_URL", DEFAULT_DB)
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.setdefault("EMAIL_URL", "locmem://")
    sys.path.insert(0, str(ROOT))
    _recreate(url)

    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)
    _seed(args.subscriptions)

    from storefront.orders.models import Order
    from storefront.payments.models import Payment
    from storefront.subscriptions.models import Subscription
    from storefront.subscriptions.services.renewals import subscription_renewals_run

    start = time.perf_counter()
    if args.workers == 1:
        summary = subscription_renewals_run()
        renewed = summary.count("renewed")
    else:
        processes = [
            subprocess.Popen(
                [
                    sys.executable,
                    str(ROOT / "manage.py"),
                    "run_renewals",
                    "--no-reminders",
                ],
                cwd=ROOT,
                env=os.environ.copy(),
                stdout=subprocess.DEVNULL,
            )
            for _ in range(args.workers)
        ]
        for process in processes:
            process.wait()
        renewed = Order.objects.count()
    elapsed = time.perf_counter() - start

    orders = Order.objects.count()
    charged = Payment.objects.filter(status="charged").count()
    due_left = Subscription.objects.filter(next_renewal_date__lte=time_today()).count()
    print(
        f"{args.subscriptions} due subscriptions, {args.workers} worker(s): "
        f"{renewed} renewed in {elapsed:.2f} s = "
        f"{renewed / elapsed:.1f} renewals/s "
        f"({orders} orders, {charged} charges, {due_left} still due)"
    )


def time_today():
    from django.utils import timezone

    return timezone.localdate()


if __name__ == "__main__":
    main()
