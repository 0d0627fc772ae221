import pytest


def pytest_collection_modifyitems(items):
    # Tests that commit (browser, concurrency) flush the database afterwards, which
    # removes rows the migrations made (groups, Wagtail's root page). Every such test
    # restores them, so the order the tests run in never matters.
    for item in items:
        marker = item.get_closest_marker("django_db")
        transactional = marker is not None and marker.kwargs.get("transaction")
        transactional = transactional or {"transactional_db", "live_server"} & set(
            item.fixturenames
        )
        if transactional and "django_db_serialized_rollback" not in item.fixturenames:
            item.fixturenames.append("django_db_serialized_rollback")


@pytest.fixture(scope="session", autouse=True)
def _static_root_exists(django_test_environment):
    # WhiteNoise warns on every request when STATIC_ROOT is missing; tests never
    # collect static files, so an empty directory is all it needs.
    from django.conf import settings

    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture(autouse=True)
def _empty_cache():
    # The cache holds sign-in failure counts and cached pages; no test inherits them.
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
