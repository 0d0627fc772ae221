"""A US shop with a subscribe-and-save product, two customers and their
subscriptions (started through the real cart and checkout services)."""

import base64
from dataclasses import dataclass
from datetime import datetime

import pytest
import time_machine
from django.utils import timezone

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


def gid(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def sub_id(subscription: Subscription) -> str:
    return gid("CustomerSubscription", subscription.pk)


@dataclass
class Shop:
    channel: Channel
    warehouse: Warehouse
    variant: ProductVariant
    plan: SubscriptionPlan
    shipping: ShippingMethod
    customer: User
    stranger: User

    def subscribe(self, user: User | None = None, **kwargs: object) -> Subscription:
        options: dict[str, object] = {
            "channel": self.channel,
            "variant": self.variant,
            "shipping": self.shipping,
            **kwargs,
        }
        return subscribe_via_checkout(user=user or self.customer, **options)


@pytest.fixture(autouse=True)
def frozen_today():
    """Every test runs on Monday 2 March 2026, 10:00, so dates are exact."""
    moment = datetime(2026, 3, 2, 10, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(moment, tick=False):
        yield moment


@pytest.fixture
def shop(db, frozen_today) -> Shop:
    """A 20.00 product on a 10 % plan (every 2/4/8 weeks or monthly)."""
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(
        channel=channel, warehouse=warehouse, price="20.00", stock=500
    )
    plan = SubscriptionPlanFactory(product=variant.product, channel=channel)
    method = shipping_method(channel=channel, countries=["US"], price="5.00")
    return Shop(
        channel=channel,
        warehouse=warehouse,
        variant=variant,
        plan=plan,
        shipping=method,
        customer=UserFactory(),
        stranger=UserFactory(),
    )


@pytest.fixture
def subscription(shop) -> Subscription:
    """The customer's: two units every 4 weeks, first order paid (dummy card)."""
    return shop.subscribe()


@pytest.fixture
def strangers_subscription(shop) -> Subscription:
    return shop.subscribe(user=shop.stranger)


@pytest.fixture
def signed_in(client, shop):
    """The API client signed in as the shop's customer."""
    client.force_login(shop.customer)
    return shop.customer
