"""Compliance models; import them from ``compliance.models`` only."""

from .age import AgeLevel, AgeMethod, AgeResult, AgeVerification
from .audit import AuditAction, AuditEntry
from .claims import ClaimsOverride, ClaimsOverrideKind
from .impact import (
    ImpactAction,
    ImpactReportRecord,
    ImpactReportRow,
    RulesSnapshot,
)

__all__ = [
    "AgeLevel",
    "AgeMethod",
    "AgeResult",
    "AgeVerification",
    "AuditAction",
    "AuditEntry",
    "ClaimsOverride",
    "ClaimsOverrideKind",
    "ImpactAction",
    "ImpactReportRecord",
    "ImpactReportRow",
    "RulesSnapshot",
]
