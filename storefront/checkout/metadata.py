"""Client metadata on a checkout: public keys the storefront may read and write.

``Checkout.metadata`` holds the public keys at its top level; private keys (set by
the shop, never shown to clients) live under the reserved key ``PRIVATE_KEY``.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from storefront.checkout.models import Checkout

PRIVATE_KEY = "_private"
MAX_KEYS = 100
MAX_KEY_LENGTH = 256
MAX_VALUE_LENGTH = 4096


def _invalid(message: str, code: str = "invalid") -> ValidationError:
    return ValidationError({"input": ValidationError(message, code=code)})


def checkout_metadata_public(*, checkout: Checkout) -> dict[str, Any]:
    """The checkout's public metadata (private keys left out)."""
    return {k: v for k, v in (checkout.metadata or {}).items() if k != PRIVATE_KEY}


def checkout_metadata_update(
    *, checkout: Checkout, items: dict[str, str], private: bool = False
) -> Checkout:
    """Set metadata keys (public, or with ``private`` the shop's own) on a checkout.

    Other keys are kept; a key given again gets the new value.

    Raises:
        ValidationError: ``input`` REQUIRED for an empty key, INVALID for a key
            starting with "_" (reserved), a key or value that is too long, or more
            than 100 keys in all.
    """
    for key, value in items.items():
        if not key.strip():
            raise _invalid("A metadata key cannot be empty.", code="required")
        if key.startswith("_"):
            raise _invalid(f"Metadata keys starting with '_' are reserved: {key!r}.")
        if len(key) > MAX_KEY_LENGTH or len(str(value)) > MAX_VALUE_LENGTH:
            raise _invalid(
                f"Keep metadata keys under {MAX_KEY_LENGTH} characters and values "
                f"under {MAX_VALUE_LENGTH}."
            )
    with transaction.atomic():
        locked = Checkout.objects.select_for_update().get(pk=checkout.pk)
        metadata = dict(locked.metadata or {})
        target = dict(metadata.get(PRIVATE_KEY) or {}) if private else metadata
        target.update({key: str(value) for key, value in items.items()})
        if private:
            metadata[PRIVATE_KEY] = target
        if len(target) > MAX_KEYS:
            raise _invalid(f"A checkout keeps at most {MAX_KEYS} metadata keys.")
        locked.metadata = metadata
        locked.save(update_fields=["metadata", "last_change"])
    checkout.metadata = locked.metadata
    return checkout
