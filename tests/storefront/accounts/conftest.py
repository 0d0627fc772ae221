import pytest

from tests.factories.accounts import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def ada(db):
    return UserFactory(email="ada@example.com")
