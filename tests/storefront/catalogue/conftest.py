from decimal import Decimal

import pytest

from tests.factories.catalogue import (
    CategoryFactory,
    ChannelFactory,
    eu_channel,
    listed_product,
    uk_channel,
)


@pytest.fixture
def channel_us(db):
    return ChannelFactory()


@pytest.fixture
def channel_eu(db):
    return eu_channel()


@pytest.fixture
def channel_uk(db):
    return uk_channel()


@pytest.fixture
def shelf(channel_us):
    """A tea and a regulated botanical, listed in the US channel."""
    teas = CategoryFactory(name="Teas", slug="teas")
    botanicals = CategoryFactory(name="Botanicals", slug="botanicals")
    return {
        "nettle": listed_product(
            channel=channel_us,
            category=teas,
            name="Nettle Tea",
            slug="nettle",
            prices=(Decimal("12.00"),),
        ),
        "kratom": listed_product(
            channel=channel_us,
            category=botanicals,
            name="Green Vein Kratom",
            slug="green-kratom",
            regulated_class="kratom",
        ),
    }
