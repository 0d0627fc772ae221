"""Shared-cache values read once per request.

A few small keys of the shared cache are read by many parts of one request: the
page and stock generations (``common.page_cache``) by every cached read of the
catalogue, the channels' version (``storefront.channels.cache``) by every channel
lookup. Their modules register them with ``per_request``; during a request (from
Django's ``request_started`` to ``request_finished``) the first read of any of them
fetches them all, in one round trip, and later reads are answered from memory.
``reads_pinned`` gives code outside a request (a task, a test) the same scope.

A write that moves one of them on in this process (``forget``) drops it, so the
request that made the write reads the new value; a write by another process
shows from the next request on, as it would have a moment later anyway.
Outside a request or a ``reads_pinned`` block every read goes to the cache.

``read_together`` reads other keys a request is about to need (a page and the
stored parts it would be put together from) in one round trip; each is then
taken once from memory (``take``, ``read_ahead``); the registered keys ride along
when the request has not read them yet. ``read_along`` does this for one key (a
cached answer's).
"""

from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, TypeVar

from django.core.cache import cache
from django.core.signals import request_finished, request_started

_registered: list[str] = []
_LOADED = "\x00loaded"
_AHEAD = "\x00ahead"
_ONCE = "\x00once"
_T = TypeVar("_T")
_pinned: ContextVar[dict[str, Any] | None] = ContextVar("request_reads", default=None)


def per_request(*keys: str) -> None:
    """Read ``keys`` together, once per request."""
    _registered.extend(key for key in keys if key not in _registered)


@contextmanager
def reads_pinned() -> Iterator[None]:
    """A request's scope for code that runs outside one."""
    token = _pinned.set({})
    try:
        yield
    finally:
        _pinned.reset(token)


def read(key: str) -> Any:
    """The cache's value of ``key``, read once per request for registered keys."""
    pinned = _pinned.get()
    if pinned is None or key not in _registered:
        return cache.get(key)
    if _LOADED not in pinned:
        pinned.update(cache.get_many(_registered))
        pinned[_LOADED] = True
    if key not in pinned:
        # Not in the cache when the request began, or written since.
        value = cache.get(key)
        if value is None:
            return None
        pinned[key] = value
    return pinned[key]


def read_together(keys: Iterable[str]) -> None:
    """Read ``keys`` from the cache in one round trip, for ``take`` to answer,
    together with the registered keys when the request has not read them yet
    (nothing is read outside a request or a ``reads_pinned`` block)."""
    pinned = _pinned.get()
    if pinned is None:
        return
    ahead = pinned.setdefault(_AHEAD, {})
    wanted = [key for key in dict.fromkeys(keys) if key not in ahead]
    registered = [] if _LOADED in pinned else _registered
    found = cache.get_many([*registered, *wanted]) if wanted or registered else {}
    if registered:
        pinned.update({key: found[key] for key in registered if key in found})
        pinned[_LOADED] = True
    ahead.update({key: found.get(key) for key in wanted})


def take(key: str) -> tuple[bool, Any]:
    """``(True, value)`` when ``read_together`` read ``key`` in this request (the
    value ``None`` when the cache held none), else ``(False, None)``.

    Each key is answered once: a later read goes to the cache, so that it sees
    what the request wrote meanwhile.
    """
    pinned = _pinned.get()
    ahead = pinned.get(_AHEAD) if pinned is not None else None
    if not ahead or key not in ahead:
        return False, None
    return True, ahead.pop(key)


def read_ahead(key: str) -> Any:
    """The value ``read_together`` read for ``key``, else the cache's."""
    known, value = take(key)
    return value if known else cache.get(key)


def read_along(key: str) -> Any:
    """The cache's value of ``key``, an unregistered key read afresh each time, in
    the same round trip as the registered keys when the request has not read them
    yet."""
    read_together([key])
    return read_ahead(key)


def once(key: str, compute: Callable[[], _T]) -> _T:
    """``compute()``'s answer, kept for the rest of the request (computed each
    time outside a request or a ``reads_pinned`` block). ``key`` must name
    everything the answer depends on, the generations it was read under too."""
    pinned = _pinned.get()
    if pinned is None:
        return compute()
    memo = pinned.setdefault(_ONCE, {})
    if key not in memo:
        memo[key] = compute()
    return memo[key]


def forget(key: str) -> None:
    """Drop the remembered value of ``key`` (call after writing it)."""
    pinned = _pinned.get()
    if pinned is not None:
        pinned.pop(key, None)


def _request_start(**kwargs: Any) -> None:
    _pinned.set({})


def _request_end(**kwargs: Any) -> None:
    _pinned.set(None)


request_started.connect(_request_start, dispatch_uid="request-reads-start")
request_finished.connect(_request_end, dispatch_uid="request-reads-end")
