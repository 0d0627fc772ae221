"""Age assurance: levels none < self_declared < verified, checks and providers.

The services and selectors are re-exported lazily (PEP 562), so importing this
package does not import the ORM models before the app registry is ready.
"""

from importlib import import_module
from typing import Any

ASSURANCE_LEVELS = ("none", "self_declared", "verified")

_LAZY = {
    "age_self_declare": "compliance.age.services",
    "age_verification_start": "compliance.age.services",
    "age_verification_record": "compliance.age.services",
    "age_webhook_handle": "compliance.age.services",
    "AgeVerificationSession": "compliance.age.services",
    "age_assurance_for": "compliance.age.selectors",
    "age_verification_require": "compliance.age.selectors",
    "AgeAssurance": "compliance.age.selectors",
    "AgeVerificationProvider": "compliance.age.providers",
    "TestProvider": "compliance.age.providers",
}

__all__ = ["ASSURANCE_LEVELS", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(_LAZY[name]), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
