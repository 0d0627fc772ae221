"""Age-verification providers behind one interface.

A provider creates a hosted session the shopper is redirected to, and later tells
us the outcome through a signed webhook. The webhook format here follows the shape
of Veriff's decision webhook (``X-HMAC-SIGNATURE``: hex HMAC-SHA256 of the raw body
with the shared secret; body ``{"status": ..., "verification": {"id", "status",
"vendorData", "decisionTime", ...}}``); Yoti and others map onto the same
:class:`ProviderDecision`. The built-in :class:`TestProvider` speaks that format
and can sign its own webhooks, for development and tests.
"""

import hashlib
import hmac
import json
import re
import uuid
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.module_loading import import_string

from compliance.errors import InvalidWebhookError, UnknownAgeProviderError
from compliance.models import AgeMethod, AgeResult

DEFAULT_PROVIDERS = {"test": "compliance.age.providers.TestProvider"}

# Session references are ours (``reference_new``) or the provider's ids: letters,
# digits and a few separators, never NUL or thousands of characters.
_REFERENCE = re.compile(r"^[A-Za-z0-9_.:-]{1,200}$")
# How far a provider's clock may run ahead of ours.
CLOCK_SKEW = timedelta(minutes=5)

# Provider statuses that end a session; others (review, resubmission) are interim.
_FINAL_STATUSES = {
    "approved": AgeResult.APPROVED,
    "declined": AgeResult.DECLINED,
    "expired": AgeResult.EXPIRED,
    "abandoned": AgeResult.EXPIRED,
}


@dataclass(frozen=True)
class ProviderSession:
    reference: str
    redirect_url: str


@dataclass(frozen=True)
class ProviderDecision:
    """What a provider's webhook says, reduced to what we keep."""

    reference: str
    result: str | None  # None: an interim status, nothing to record yet
    method: str
    decided_at: datetime | None


class AgeVerificationProvider(ABC):
    name: str

    @abstractmethod
    def session_create(
        self, *, reference: str, threshold: int, return_url: str | None
    ) -> ProviderSession:
        """Open a hosted verification session for a shopper."""

    @abstractmethod
    def webhook_verify(self, *, body: bytes, headers: Mapping[str, str]) -> bool:
        """Return True when the webhook is authentic."""

    @abstractmethod
    def webhook_parse(self, *, body: bytes) -> ProviderDecision:
        """Read a verified webhook; raise InvalidWebhookError when malformed."""


def webhook_secret() -> str:
    return str(getattr(settings, "COMPLIANCE_AGE_WEBHOOK_SECRET", "") or "")


def webhook_sign(body: bytes, secret: str) -> str:
    return hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()


class HmacJsonWebhookProvider(AgeVerificationProvider):
    """Verifies and reads Veriff-shaped decision webhooks."""

    signature_header = "X-HMAC-SIGNATURE"

    def webhook_verify(self, *, body: bytes, headers: Mapping[str, str]) -> bool:
        secret = webhook_secret()
        if not secret:
            return False  # an unset secret must never accept unsigned calls
        # Header names are case-insensitive in HTTP; plain dicts are not.
        wanted = self.signature_header.lower()
        given = next((v for k, v in headers.items() if k.lower() == wanted), "")
        return hmac.compare_digest(webhook_sign(body, secret), given.strip().lower())

    def webhook_parse(self, *, body: bytes) -> ProviderDecision:
        """Read a verified decision; refuse malformed bodies and stale ones.

        The decision time is inside the signed body, so a captured webhook
        replayed later than COMPLIANCE_AGE_WEBHOOK_MAX_AGE_SECONDS (or dated in
        the future beyond a small clock skew) is refused.
        """
        try:
            payload = json.loads(body)
        except ValueError as exc:
            raise InvalidWebhookError("The webhook body is not JSON.") from exc
        verification = (
            payload.get("verification") if isinstance(payload, dict) else None
        )
        if not isinstance(verification, dict):
            raise InvalidWebhookError("The webhook body is not a decision.")
        reference = verification.get("id")
        status = verification.get("status")
        if not isinstance(reference, str) or not _REFERENCE.match(reference):
            raise InvalidWebhookError("The verification id is malformed.")
        if not isinstance(status, str) or not 0 < len(status) <= 40:
            raise InvalidWebhookError("The verification status is malformed.")
        method = verification.get("method") or AgeMethod.ID_DOCUMENT
        if method not in AgeMethod.values:
            method = AgeMethod.UNKNOWN
        decided_raw = verification.get("decisionTime")
        decided_at = (
            parse_datetime(decided_raw) if isinstance(decided_raw, str) else None
        )
        if decided_at is None or decided_at.tzinfo is None:
            raise InvalidWebhookError("The decision time is missing or malformed.")
        _replay_window_check(decided_at)
        return ProviderDecision(
            reference, _FINAL_STATUSES.get(status), str(method), decided_at
        )


def _replay_window_check(decided_at: datetime) -> None:
    max_age = int(getattr(settings, "COMPLIANCE_AGE_WEBHOOK_MAX_AGE_SECONDS", 3600))
    now = timezone.now()
    if decided_at < now - timedelta(seconds=max_age):
        raise InvalidWebhookError("The decision is too old to accept (replay).")
    if decided_at > now + CLOCK_SKEW:
        raise InvalidWebhookError("The decision is dated in the future.")


class TestProvider(HmacJsonWebhookProvider):
    """A provider that runs inside the shop: its hosted page is our own view."""

    name = "test"

    def session_create(
        self, *, reference: str, threshold: int, return_url: str | None
    ) -> ProviderSession:
        url = reverse("compliance:age-test-provider", args=[reference])
        if return_url:
            url = f"{url}?{urlencode({'return': return_url})}"
        return ProviderSession(reference, url)

    @staticmethod
    def webhook_build(
        *,
        reference: str,
        status: str,
        method: str = AgeMethod.ID_DOCUMENT,
        secret: str | None = None,
    ) -> tuple[bytes, dict[str, str]]:
        """Build a signed decision webhook as the provider would send it."""
        body = json.dumps(
            {
                "status": "success",
                "verification": {
                    "id": reference,
                    "attemptId": str(uuid.uuid4()),
                    "status": status,
                    "method": method,
                    "decisionTime": timezone.now().isoformat(),
                },
            },
            sort_keys=True,
        ).encode()
        signature = webhook_sign(body, webhook_secret() if secret is None else secret)
        return body, {"X-HMAC-SIGNATURE": signature}


def age_provider_get(name: str) -> AgeVerificationProvider:
    """Return the configured provider called ``name``.

    Raises:
        UnknownAgeProviderError: no provider of that name is configured.
    """
    providers = getattr(settings, "COMPLIANCE_AGE_PROVIDERS", DEFAULT_PROVIDERS)
    path = providers.get(name)
    if path is None:
        raise UnknownAgeProviderError()
    provider: AgeVerificationProvider = import_string(path)()
    return provider


def reference_new(provider: str) -> str:
    return f"{provider}-{uuid.uuid4().hex}"
