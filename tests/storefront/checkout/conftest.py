from dataclasses import dataclass

import pytest

from storefront.catalogue.models import ProductVariant
from storefront.channels.models import Channel
from storefront.checkout.models import Checkout
from storefront.inventory.models import Warehouse
from storefront.shipping.models import ShippingMethod
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import US_ADDRESS, sellable_variant, shipping_method


@dataclass
class Shop:
    channel: Channel
    warehouse: Warehouse
    variant: ProductVariant
    shipping: ShippingMethod


@pytest.fixture
def shop(db) -> Shop:
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(channel=channel, warehouse=warehouse, price="10.00")
    method = shipping_method(channel=channel, countries=["US"])
    return Shop(channel=channel, warehouse=warehouse, variant=variant, shipping=method)


@pytest.fixture
def ready_checkout(shop) -> Checkout:
    """A checkout with two units, email, address and shipping chosen."""
    from storefront.checkout.services.cart import checkout_create, checkout_line_add
    from storefront.checkout.services.details import (
        checkout_email_set,
        checkout_shipping_address_set,
        checkout_shipping_method_set,
    )

    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=2)
    checkout_email_set(checkout=checkout, email="ada@example.com")
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    return Checkout.objects.get(pk=checkout.pk)
