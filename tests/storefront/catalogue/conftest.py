import pytest

from tests.factories.catalogue import ChannelFactory, eu_channel, uk_channel


@pytest.fixture
def channel_us(db):
    return ChannelFactory()


@pytest.fixture
def channel_eu(db):
    return eu_channel()


@pytest.fixture
def channel_uk(db):
    return uk_channel()
