import pytest

from tests.factories.catalogue import ChannelFactory, eu_channel


@pytest.fixture
def channel_us(db):
    return ChannelFactory()


@pytest.fixture
def channel_eu(db):
    return eu_channel()
