"""Demo data: the "Member access" plans (a digital product, monthly or yearly)."""

from decimal import Decimal
from typing import TextIO

from django.db import transaction

from storefront.catalogue.models import Category, Product, ProductType, ProductVariant
from storefront.catalogue.services import (
    product_create,
    product_publish,
    product_variant_create,
    product_variant_price_set,
)
from storefront.channels.models import Channel
from storefront.subscriptions.models import Interval, SubscriptionPlan

# slug, name, interval, prices per channel slug
MEMBERSHIPS = (
    (
        "member-access-monthly",
        "Member access, monthly",
        Interval.MONTHLY,
        {"us": "9.00", "eu": "8.50", "uk": "7.50"},
    ),
    (
        "member-access-yearly",
        "Member access, yearly",
        Interval.YEARLY,
        {"us": "90.00", "eu": "85.00", "uk": "75.00"},
    ),
)
DESCRIPTION = (
    "<p>Read every members-only article in our library, including the longer "
    "guides, for as long as your membership runs. Renews automatically; cancel "
    "any time from your account and keep reading until the end of the period "
    "you have paid for.</p>"
)
# Subscribe-and-save on the demo shop's everyday products, per channel.
SUBSCRIBE_AND_SAVE = {"us": Decimal(10), "eu": Decimal(10), "uk": Decimal(5)}
SUBSCRIBABLE_SLUGS = (
    "lions-mane-capsules",
    "reishi-powder",
    "cordyceps-capsules",
    "chamomile-calm-tea",
    "peppermint-tea",
)


def populate_membership(stdout: TextIO) -> None:
    """Create (or refresh) the membership products and the demo plans, idempotently."""
    with transaction.atomic():
        channels = {
            c.slug: c for c in Channel.objects.filter(slug__in=["us", "eu", "uk"])
        }
        product_type, _ = ProductType.objects.update_or_create(
            slug="membership",
            defaults={
                "name": "Membership",
                "has_variants": False,
                "is_shipping_required": False,
                "is_digital": True,
            },
        )
        category, _ = Category.objects.get_or_create(
            slug="membership", defaults={"name": "Membership"}
        )
        for slug, name, interval, prices in MEMBERSHIPS:
            product = Product.objects.filter(slug=slug).first() or product_create(
                product_type=product_type,
                category=category,
                name=name,
                slug=slug,
                description=DESCRIPTION,
                benefits=["All members-only articles", "Cancel any time"],
            )
            variant = ProductVariant.objects.filter(sku=slug.upper()).first()
            if variant is None:
                variant = product_variant_create(
                    product=product, sku=slug.upper(), name=str(interval.label)
                )
            if variant.track_inventory:
                variant.track_inventory = False
                variant.save(update_fields=["track_inventory"])
            for channel_slug, amount in prices.items():
                channel = channels.get(channel_slug)
                if channel is None:
                    continue
                product_variant_price_set(
                    variant=variant, channel=channel, amount=Decimal(amount)
                )
                product_publish(product=product, channel=channel)
                SubscriptionPlan.objects.update_or_create(
                    product=product,
                    channel=channel,
                    defaults={
                        "discount_percent": Decimal(0),
                        "intervals": [interval.value],
                        "is_membership": True,
                        "is_active": True,
                    },
                )
        plans = 0
        for product in Product.objects.filter(slug__in=SUBSCRIBABLE_SLUGS):
            for listing in product.channel_listings.select_related("channel"):
                SubscriptionPlan.objects.update_or_create(
                    product=product,
                    channel=listing.channel,
                    defaults={
                        "discount_percent": SUBSCRIBE_AND_SAVE.get(
                            listing.channel.slug, Decimal(10)
                        ),
                        "is_active": True,
                    },
                )
                plans += 1
    stdout.write(
        f"Subscriptions: {len(MEMBERSHIPS)} membership plans, "
        f"{plans} subscribe-and-save plans.\n"
    )
