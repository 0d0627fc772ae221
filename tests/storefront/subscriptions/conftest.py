from dataclasses import dataclass

import pytest

from storefront.accounts.models import User
from storefront.catalogue.models import ProductVariant
from storefront.channels.models import Channel
from storefront.inventory.models import Warehouse
from storefront.shipping.models import ShippingMethod
from storefront.subscriptions.models import Subscription, SubscriptionPlan
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import sellable_variant, shipping_method
from tests.factories.subscriptions import (
    SubscriptionPlanFactory,
    UserFactory,
    subscribe_via_checkout,
)

# The payments tests' localstripe fixtures, reused as they are.
from tests.storefront.payments.conftest import localstripe, stripe_settings


@dataclass
class SubShop:
    channel: Channel
    warehouse: Warehouse
    variant: ProductVariant
    plan: SubscriptionPlan
    shipping: ShippingMethod
    customer: User


@pytest.fixture
def sub_shop(db) -> SubShop:
    """A US shop with one 20.00 product on a 10 % subscribe-and-save plan."""
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(
        channel=channel, warehouse=warehouse, price="20.00", stock=100
    )
    plan = SubscriptionPlanFactory(product=variant.product, channel=channel)
    method = shipping_method(channel=channel, countries=["US"], price="5.00")
    return SubShop(
        channel=channel,
        warehouse=warehouse,
        variant=variant,
        plan=plan,
        shipping=method,
        customer=UserFactory(),
    )


@pytest.fixture
def subscription(sub_shop) -> Subscription:
    """Two units every 4 weeks, first order paid with the dummy gateway."""
    return subscribe_via_checkout(
        user=sub_shop.customer,
        channel=sub_shop.channel,
        variant=sub_shop.variant,
        shipping=sub_shop.shipping,
    )


__all__ = ["localstripe", "stripe_settings", "sub_shop", "subscription"]
