"""Helpers shared by the checkout services."""

from enum import Enum
from typing import Any

from django.core.exceptions import ValidationError

from storefront.checkout.errors import CheckoutErrorCode

Code = CheckoutErrorCode


def _invalid(field: str, message: str, code: Enum, **params: Any) -> ValidationError:
    return ValidationError(
        {field: ValidationError(message, code=code.value, params=params or None)}
    )
