"""Claims linting (pure Python) and the publish/override services built on it.

``claims_lint`` needs no database. The override and publish services live in
``compliance.claims.services`` and are imported lazily so that importing this package
never touches the ORM (the benchmark and the CLI lint path rely on that).
"""

from .linter import (
    US_DISCLAIMER_PLURAL,
    US_DISCLAIMER_SINGULAR,
    ClaimFinding,
    ClaimsReport,
    claims_lint,
)

__all__ = [
    "US_DISCLAIMER_PLURAL",
    "US_DISCLAIMER_SINGULAR",
    "ClaimFinding",
    "ClaimsReport",
    "claims_lint",
]
