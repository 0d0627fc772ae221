import socket

import pytest


def unused_port() -> int:
    """A loopback port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def dead_smtp(settings):
    """Mail goes to an SMTP address on 127.0.0.1 where no server listens."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = unused_port()
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_USE_SSL = False
    settings.EMAIL_TIMEOUT = 2
    return settings


@pytest.fixture
def dead_redis_url() -> str:
    return f"redis://127.0.0.1:{unused_port()}/0"


@pytest.fixture
def dead_redis_cache(settings, dead_redis_url):
    """The cache is the shop's Redis backend, pointed at an address that is down."""
    settings.CACHES = {
        "default": {
            "BACKEND": "common.cache.ResilientRedisCache",
            "LOCATION": dead_redis_url,
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        }
    }
    return dead_redis_url


@pytest.fixture
def shop(db):
    from tests.factories.catalogue import ChannelFactory, WarehouseFactory
    from tests.factories.checkout import sellable_variant, shipping_method

    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(channel=channel, warehouse=warehouse, price="10.00")
    method = shipping_method(channel=channel, countries=["US"])
    return {"channel": channel, "variant": variant, "shipping": method}


@pytest.fixture
def ready_checkout(shop):
    """A checkout with two units, email, address and shipping chosen."""
    from storefront.checkout.models import Checkout
    from storefront.checkout.services.cart import checkout_create, checkout_line_add
    from storefront.checkout.services.details import (
        checkout_email_set,
        checkout_shipping_address_set,
        checkout_shipping_method_set,
    )
    from tests.factories.checkout import US_ADDRESS

    checkout = checkout_create(channel=shop["channel"], region="US")
    checkout_line_add(checkout=checkout, variant_id=shop["variant"].pk, quantity=2)
    checkout_email_set(checkout=checkout, email="ada@example.com")
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
    checkout_shipping_method_set(
        checkout=checkout, shipping_method_id=shop["shipping"].pk
    )
    return Checkout.objects.get(pk=checkout.pk)
