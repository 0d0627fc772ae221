"""Shared-cache values read once per request.

A few small keys of the shared cache are read by many parts of one request: the
page and stock generations (``common.page_cache``) by every cached read of the
catalogue, the channels' version (``storefront.channels.cache``) by every channel
lookup. Inside ``reads_pinned`` they are fetched together, in one round trip, and
each later read of them in the same request is answered from memory.

A write that moves one of them on in this process (``forget``) drops it, so the
request that made the write reads the new value; a write by another process
shows from the next request on, as it would have a moment later anyway.
Outside a ``reads_pinned`` block every read goes to the cache.
"""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.cache import cache

_pinned: ContextVar[dict[str, Any] | None] = ContextVar("request_reads", default=None)


@contextmanager
def reads_pinned(keys: Iterable[str]) -> Iterator[None]:
    """Read ``keys`` now, in one round trip, and answer ``read`` of them from
    memory until the block ends (keys missing from the cache are read again)."""
    token = _pinned.set(dict(cache.get_many(list(keys))))
    try:
        yield
    finally:
        _pinned.reset(token)


def read(key: str) -> Any:
    """The cache's value of ``key``, from memory inside ``reads_pinned``."""
    pinned = _pinned.get()
    if pinned is not None and key in pinned:
        return pinned[key]
    value = cache.get(key)
    if pinned is not None and value is not None:
        pinned[key] = value
    return value


def forget(key: str) -> None:
    """Drop the remembered value of ``key`` (call after writing it)."""
    pinned = _pinned.get()
    if pinned is not None:
        pinned.pop(key, None)
