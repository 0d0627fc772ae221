"""The compliance audit log: every block, override, approval and verification."""

from importlib import import_module
from typing import Any

_LAZY = {
    "audit_record": "compliance.audit.services",
}

__all__ = list(_LAZY)


def __getattr__(name: str) -> Any:
    # Lazy, so that importing the package never loads models before apps are ready.
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
