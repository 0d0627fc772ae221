"""A Redis cache that degrades to no cache while Redis is unreachable.

Pages, sign-in and the API read the cache on every request; an outage of Redis
must cost speed, never a page. Reads answer "not cached", writes are dropped, and
after a failure the backend stops trying for a few seconds so that each request
does not wait for a dead server again.
"""

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Seconds to skip Redis after it failed; long enough to spare a burst of requests
# the connection attempt, short enough to notice quickly that it is back.
PAUSE_AFTER_FAILURE_SECONDS = 5.0


class CacheUnavailableError(Exception):
    """Redis is unreachable; raised by ``ping`` for the readiness check only."""


class _ReusedClientRedisCacheClient(RedisCacheClient):
    """Django's Redis client wrapper, keeping one ``redis.Redis`` per server.

    Django builds a new ``redis.Redis`` over the same connection pool for every
    cache call, and a page makes several; the client holds no state of its own
    beyond the pool, so one per pool serves every call.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._clients: dict[int, Any] = {}

    def get_client(self, key: Any = None, *, write: bool = False) -> Any:
        pool = self._get_connection_pool(write)  # type: ignore[attr-defined]
        client = self._clients.get(id(pool))
        if client is None:
            client = self._client(connection_pool=pool)  # type: ignore[attr-defined]
            self._clients[id(pool)] = client
        return client


class ResilientRedisCache(RedisCache):
    """Django's Redis backend, answering as an empty cache during an outage."""

    def __init__(self, server: str, params: dict[str, Any]) -> None:
        super().__init__(server, params)
        self._class = _ReusedClientRedisCacheClient
        self._paused_until = 0.0

    def _guard(self, operation: Callable[[], T], fallback: T) -> T:
        if time.monotonic() < self._paused_until:
            return fallback
        try:
            return operation()
        except (RedisError, OSError) as exc:
            self._paused_until = time.monotonic() + PAUSE_AFTER_FAILURE_SECONDS
            # The exception's text names the server's address; keep it in the log.
            logger.warning(
                "Cache unavailable, serving without it: %s", exc.__class__.__name__
            )
            logger.debug("Cache failure detail", exc_info=True)
            return fallback

    def ping(self) -> None:
        """Ask Redis directly, bypassing the pause.

        Raises:
            CacheUnavailableError: Redis did not answer.
        """
        try:
            self._cache.get_client(write=True).ping()
        except (RedisError, OSError) as exc:
            raise CacheUnavailableError(exc.__class__.__name__) from exc

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).add(key, value, timeout, version),
            False,
        )

    def get(self, key: Any, default: Any = None, version: Any = None) -> Any:
        return self._guard(
            lambda: super(ResilientRedisCache, self).get(key, default, version),
            default,
        )

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        self._guard(
            lambda: super(ResilientRedisCache, self).set(key, value, timeout, version),
            None,
        )

    def touch(
        self, key: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).touch(key, timeout, version),
            False,
        )

    def delete(self, key: Any, version: Any = None) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).delete(key, version), False
        )

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        return self._guard(
            lambda: super(ResilientRedisCache, self).get_many(keys, version), {}
        )

    def has_key(self, key: Any, version: Any = None) -> bool:
        return self._guard(
            lambda: super(ResilientRedisCache, self).has_key(key, version), False
        )

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        # Callers of incr handle a missing key (ValueError); an outage looks alike.
        missing = object()
        result = self._guard(
            lambda: super(ResilientRedisCache, self).incr(key, delta, version),
            missing,
        )
        if result is missing:
            raise ValueError("Key not found: the cache is unavailable.")
        return result  # type: ignore[return-value]

    def set_many(
        self, data: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> list[Any]:
        return self._guard(
            lambda: super(ResilientRedisCache, self).set_many(data, timeout, version),
            list(data),
        )

    def delete_many(self, keys: Any, version: Any = None) -> None:
        self._guard(
            lambda: super(ResilientRedisCache, self).delete_many(keys, version), None
        )

    def clear(self) -> None:
        self._guard(lambda: super(ResilientRedisCache, self).clear(), None)
