"""Sign-in limits: failed passwords counted per email address and client address.

The counters live in the cache, which production requires to be Redis so that
every worker sees the same count. Counting per (email, client address) means a
stranger typing wrong passwords for a staff email locks out only themselves;
staff can lift a lock for an email everywhere with ``sign_in_unlock``.
"""

import hashlib
import logging

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

logger = logging.getLogger(__name__)


def client_address(request: HttpRequest | None) -> str:
    """The address of the client, as the trusted proxies in front of the shop saw it.

    With TRUSTED_PROXY_COUNT proxies, the entry the outermost proxy appended to
    X-Forwarded-For is used; entries before it are the client's own claims and
    are ignored. Without proxies it is the connection's address.
    """
    if request is None:
        return ""
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")
        if part.strip()
    ]
    if len(forwarded) < proxies:
        return remote
    return forwarded[-proxies][:64]


def _digest(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:32]


def _generation_key(email: str) -> str:
    return f"accounts:signin-generation:{_digest(email.strip().lower())}"


def _failures_key(email: str, address: str) -> str:
    email = email.strip().lower()
    # Unlocking bumps the generation, which retires every address's counter at once.
    generation = cache.get(_generation_key(email), 0)
    return f"accounts:signin-failures:{_digest(email)}:{generation}:{_digest(address)}"


def sign_in_locked(*, email: str, address: str) -> bool:
    """Whether this email may not sign in from this address for now."""
    failures = cache.get(_failures_key(email, address), 0)
    return int(failures) >= settings.ACCOUNTS_SIGNIN_MAX_FAILURES


def sign_in_failure_record(*, email: str, address: str) -> None:
    """Count one wrong password; the count expires ACCOUNTS_SIGNIN_WINDOW_SECONDS
    after the first failure."""
    key = _failures_key(email, address)
    window = settings.ACCOUNTS_SIGNIN_WINDOW_SECONDS
    if cache.add(key, 1, timeout=window):
        return
    try:
        cache.incr(key)
    except ValueError:
        # Expired between add and incr (or the cache is down): start again.
        cache.set(key, 1, timeout=window)


def sign_in_failures_clear(*, email: str, address: str) -> None:
    """Forget the failures of this email from this address (after a good sign-in)."""
    cache.delete(_failures_key(email, address))


def sign_in_unlock(*, email: str) -> None:
    """Lift every sign-in lock of this email address, from every client address."""
    key = _generation_key(email)
    if cache.add(key, 1, timeout=None):
        return
    try:
        cache.incr(key)
    except ValueError:
        cache.set(key, 1, timeout=None)
