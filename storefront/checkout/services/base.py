"""Helpers shared by the checkout services."""

from enum import Enum
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from storefront.checkout.errors import CheckoutErrorCode
from storefront.checkout.models import Checkout

Code = CheckoutErrorCode


def _invalid(field: str, message: str, code: Enum, **params: Any) -> ValidationError:
    return ValidationError(
        {field: ValidationError(message, code=code.value, params=params or None)}
    )


def email_clean(email: object) -> str:
    """The checkout's email address as entered, trimmed and lower-cased.

    Raises:
        ValidationError: ``email`` empty, not an email address, or longer than
            the checkout can store.
    """
    value = str(email or "").strip().lower()
    if not value:
        raise _invalid("email", "Enter your email address.", Code.REQUIRED)
    try:
        validate_email(value)
    except ValidationError:
        raise _invalid("email", "Enter a valid email address.", Code.INVALID) from None
    if len(value) > (Checkout._meta.get_field("email").max_length or 254):
        raise _invalid("email", "Enter a valid email address.", Code.INVALID)
    return value
