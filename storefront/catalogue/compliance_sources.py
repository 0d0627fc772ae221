"""Every product, as the compliance scan reads it."""

from collections.abc import Iterator

from django.urls import reverse

from compliance.scan import ScanItem
from storefront.catalogue.models import Product
from storefront.catalogue.publication import product_claims_text


def product_scan_items() -> Iterator[ScanItem]:
    """One item per product: claims text, admin URL, regimes of its listings.

    A product listed nowhere is scanned under every regime, so drafts are checked
    before anyone tries to publish them.
    """
    products = (
        Product.objects.select_related("category")
        .prefetch_related(
            "channel_listings__channel",
            "variants__attribute_values",
            "attribute_values",
            "media",
            "collections",
        )
        .order_by("pk")
    )
    for product in products.iterator(chunk_size=200):
        listings = list(product.channel_listings.all())
        regimes = tuple(sorted({listing.channel.claims_regime for listing in listings}))
        yield ScanItem(
            kind="product",
            object_id=product.pk,
            label=product.name,
            admin_url=reverse("admin:catalogue_product_change", args=[product.pk]),
            text=product_claims_text(product=product),
            published=any(listing.is_published for listing in listings),
            regimes=regimes or ("us", "eu", "uk"),
        )
