"""The active channels, kept per process and reloaded when a channel changes.

Every page and API call needs its channel; reading it from the database each time
was a query per request (twice: in the region middleware and in the resolvers).
The list is tiny and changes only when staff edit a channel, so each process keeps
it and compares a version token in the shared cache (Redis in production), which
``channels_cache_invalidate`` replaces.
"""

import threading
import time
import uuid

from django.core.cache import cache
from django.db import transaction

from common import request_reads
from storefront.channels.models import Channel

VERSION_KEY = "channels:version"
# Every page and API call looks its channel up, often more than once.
request_reads.per_request(VERSION_KEY)

_lock = threading.Lock()
# Without a shared cache (several processes, each with its own memory) a change is
# only seen by the process that made it; the others reload after this long.
MAX_AGE_SECONDS = 60
_loaded: dict[str, object] = {"version": None, "channels": (), "at": 0.0}


def channels_active_cached() -> tuple[Channel, ...]:
    """Active channels by slug order, from this process's copy when it is current.

    The instances are shared between requests: treat them as read-only.
    """
    version = channels_version()
    fresh = time.monotonic() - _loaded["at"] < MAX_AGE_SECONDS  # type: ignore[operator]
    if _loaded["version"] == version and fresh:
        return _loaded["channels"]  # type: ignore[return-value]
    channels = tuple(Channel.objects.filter(is_active=True).order_by("slug"))
    with _lock:
        _loaded.update(version=version, channels=channels, at=time.monotonic())
    return channels


def channels_version() -> str:
    """The channels' current version token, read once per request (and set when
    there is none yet): what this process's copy, and a stored answer that
    depends on the active channels, are checked against."""
    version = request_reads.read(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, timeout=None):
            version = request_reads.read(VERSION_KEY) or version
    return str(version)


def channels_cache_invalidate() -> None:
    """Make every process reload the channels; call after a channel is written.

    Done now and again on commit, so no process keeps what it read before then.
    """
    _replace_version()
    transaction.on_commit(_replace_version)


def _replace_version() -> None:
    cache.set(VERSION_KEY, uuid.uuid4().hex, timeout=None)
    request_reads.forget(VERSION_KEY)
    with _lock:
        _loaded["version"] = None
