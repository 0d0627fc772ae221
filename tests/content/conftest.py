import pytest

from tests.factories.content import channel_create


@pytest.fixture
def us_channel(settings):
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    return channel_create(slug="us", country="US", regime="us")
