"""The production cache backend on the machine's Redis."""

import uuid

from common.cache import ResilientRedisCache


def _backend() -> ResilientRedisCache:
    return ResilientRedisCache(
        "redis://127.0.0.1:6379/15", {"KEY_PREFIX": f"test-{uuid.uuid4().hex}"}
    )


def test_calls_share_one_redis_client_per_server():
    # given the backend
    backend = _backend()

    # when values go in and come out
    backend.set("a", 1, 30)
    backend.set("b", {"x": 2}, 30)

    # then they round-trip over one client, not a new one per call
    assert backend.get_many(["a", "b"]) == {"a": 1, "b": {"x": 2}}
    assert backend._cache.get_client(write=True) is backend._cache.get_client()
    backend.delete_many(["a", "b"])


def test_separate_backends_keep_separate_clients():
    """Each thread's backend (Django makes one per thread) has clients of its own."""
    first, second = _backend(), _backend()
    assert first._cache.get_client() is not second._cache.get_client()
