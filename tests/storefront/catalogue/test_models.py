from decimal import Decimal

import pytest
from django.db import IntegrityError, transaction

from storefront.catalogue.models import ProductVariant, ProductVariantChannelListing
from tests.factories.catalogue import (
    ProductChannelListingFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)

pytestmark = pytest.mark.django_db


def test_sku_is_unique():
    # given
    ProductVariantFactory(sku="LM-CAP-60")

    # when / then
    with pytest.raises(IntegrityError, match="sku"), transaction.atomic():
        ProductVariantFactory(sku="LM-CAP-60")
    assert ProductVariant.objects.filter(sku="LM-CAP-60").count() == 1


def test_price_cannot_be_negative(channel_us):
    # given
    variant = ProductVariantFactory()

    # when / then
    with (
        pytest.raises(IntegrityError, match="variant_price_not_negative"),
        transaction.atomic(),
    ):
        ProductVariantChannelListingFactory(
            variant=variant, channel=channel_us, price_amount=Decimal("-0.01")
        )
    assert ProductVariantChannelListing.objects.count() == 0


def test_zero_price_is_allowed(channel_us):
    # when
    listing = ProductVariantChannelListingFactory(
        channel=channel_us, price_amount=Decimal("0")
    )

    # then
    assert listing.price.amount == Decimal("0")
    assert listing.price.currency == "USD"


def test_one_price_per_variant_and_channel(channel_us):
    # given
    listing = ProductVariantChannelListingFactory(channel=channel_us)

    # when / then
    with (
        pytest.raises(IntegrityError, match="variant_listing_unique_channel"),
        transaction.atomic(),
    ):
        ProductVariantChannelListingFactory(variant=listing.variant, channel=channel_us)


def test_one_listing_per_product_and_channel(channel_us):
    # given
    listing = ProductChannelListingFactory(channel=channel_us)

    # when / then
    with (
        pytest.raises(IntegrityError, match="product_listing_unique_channel"),
        transaction.atomic(),
    ):
        ProductChannelListingFactory(product=listing.product, channel=channel_us)
