"""Claims linting (pure Python) and the publish/override services built on it.

``claims_lint`` needs no database. The override and publish services live in
``compliance.claims.services`` and are imported lazily so that importing this package
never touches the ORM (the benchmark and the CLI lint path rely on that); they are
also reachable as ``compliance.claims.claims_publish_check`` and so on (PEP 562).
"""

from importlib import import_module
from typing import Any

from .linter import (
    US_DISCLAIMER_PLURAL,
    US_DISCLAIMER_SINGULAR,
    ClaimFinding,
    ClaimsReport,
    claims_lint,
    claims_linter_prepare,
)

_LAZY = {
    "PublishDecision": "compliance.claims.services",
    "claims_override_get": "compliance.claims.services",
    "claims_override_grant": "compliance.claims.services",
    "claims_publish_check": "compliance.claims.services",
    "text_fingerprint": "compliance.claims.services",
}

__all__ = [
    *_LAZY,
    "US_DISCLAIMER_PLURAL",
    "US_DISCLAIMER_SINGULAR",
    "ClaimFinding",
    "ClaimsReport",
    "claims_lint",
    "claims_linter_prepare",
]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
