import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def localstripe_url():
    """localstripe (a stateful Stripe fake) as a subprocess on a free loopback port."""
    port = _free_port()
    binary = Path(sys.executable).parent / "localstripe"
    process = subprocess.Popen(
        [str(binary), "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ},
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                break
        except OSError:
            time.sleep(0.1)
    else:
        process.kill()
        pytest.fail("localstripe did not start")
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=10)


@pytest.fixture
def stripe_settings(settings, localstripe_url):
    settings.STRIPE_SECRET_KEY = "sk_test_subscriptions"
    settings.STRIPE_PUBLISHABLE_KEY = "pk_test_subscriptions"
    settings.STRIPE_API_BASE = localstripe_url
    yield settings
    import stripe

    stripe.api_base = "https://api.stripe.com"
