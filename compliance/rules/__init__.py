"""The compliance rule data: loading, validation and the frozen in-memory rule set."""

from .loader import rules_cache_clear, rules_dir, rules_files, rules_load, rules_parse
from .types import (
    ASSURANCE_LEVELS,
    DECISIONS,
    REGIMES,
    SEVERITIES,
    AdvertisingSignal,
    AuthorisedClaim,
    AuthorisedTranslation,
    ClaimRule,
    LegalityRule,
    RuleSet,
    Suggestion,
)

__all__ = [
    "ASSURANCE_LEVELS",
    "DECISIONS",
    "REGIMES",
    "SEVERITIES",
    "AdvertisingSignal",
    "AuthorisedClaim",
    "AuthorisedTranslation",
    "ClaimRule",
    "LegalityRule",
    "RuleSet",
    "Suggestion",
    "rules_cache_clear",
    "rules_dir",
    "rules_files",
    "rules_load",
    "rules_parse",
]
