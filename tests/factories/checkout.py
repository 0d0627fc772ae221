"""Factories and builders for checkout, orders and payments tests.

The catalogue, stock and shipping rows come from tests/factories/catalogue.py;
these helpers combine them.
"""

from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from storefront.catalogue.models import ProductVariant
from storefront.channels.models import Channel
from storefront.checkout.models import Checkout
from storefront.discounts.models import Voucher, VoucherChannelListing
from storefront.inventory.models import Warehouse
from storefront.shipping.models import ShippingMethod
from tests.factories.catalogue import (
    ChannelFactory,
    ProductChannelListingFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
    ShippingMethodChannelListingFactory,
    ShippingMethodFactory,
    ShippingZoneFactory,
    StockFactory,
)


def sellable_variant(
    *,
    channel: Channel,
    warehouse: Warehouse,
    price: str = "10.00",
    stock: int = 10,
    product_fields: dict[str, object] | None = None,
    **variant_fields: object,
) -> ProductVariant:
    """A published, purchasable variant with a price and stock in the channel."""
    product = ProductFactory(**(product_fields or {}))
    variant = ProductVariantFactory(product=product, **variant_fields)
    ProductChannelListingFactory(product=product, channel=channel)
    ProductVariantChannelListingFactory(
        variant=variant, channel=channel, price_amount=Decimal(price)
    )
    StockFactory(warehouse=warehouse, product_variant=variant, quantity=stock)
    return variant


def shipping_method(
    *,
    channel: Channel,
    countries: list[str],
    name: str = "Standard",
    price: str = "5.00",
    free_above: str | None = "100.00",
) -> ShippingMethod:
    zone = ShippingZoneFactory(
        name=f"{name} {'/'.join(countries)}", countries=countries
    )
    zone.channels.add(channel)
    method = ShippingMethodFactory(zone=zone, name=name)
    ShippingMethodChannelListingFactory(
        shipping_method=method,
        channel=channel,
        price_amount=Decimal(price),
        free_above_amount=Decimal(free_above) if free_above else None,
    )
    return method


def voucher(
    *,
    channel: Channel,
    code: str = "SPRING10",
    discount_type: str = Voucher.DiscountType.PERCENTAGE,
    value: str = "10",
    min_spent: str | None = None,
    **fields: object,
) -> Voucher:
    obj = Voucher.objects.create(code=code, discount_type=discount_type, **fields)
    VoucherChannelListing.objects.create(
        voucher=obj,
        channel=channel,
        currency=channel.currency_code,
        discount_value=Decimal(value),
        min_spent_amount=Decimal(min_spent) if min_spent else None,
    )
    return obj


class CheckoutFactory(DjangoModelFactory[Checkout]):
    class Meta:
        model = Checkout

    channel = factory.SubFactory(ChannelFactory)
    currency = factory.LazyAttribute(lambda o: o.channel.currency_code)
    region = "US"


US_ADDRESS = {
    "first_name": "Ada",
    "last_name": "Lovelace",
    "street_address_1": "1600 Amphitheatre Pkwy",
    "city": "Mountain View",
    "postal_code": "94043",
    "country": "US",
    "country_area": "CA",
}

DE_ADDRESS = {
    "first_name": "Grete",
    "last_name": "Weiss",
    "street_address_1": "Unter den Linden 1",
    "city": "Berlin",
    "postal_code": "10115",
    "country": "DE",
}
