"""Reads of the accounts domain for pages and the API."""

from typing import Any

from storefront.accounts.models import Address, User


def address_list_for_user(*, user: User) -> list[Address]:
    """The customer's address book, oldest entry first (one query).

    Each entry's ``user`` is the given object, so reading
    ``is_default_shipping`` / ``is_default_billing`` style facts costs no query.
    """
    addresses = list(Address.objects.filter(user_id=user.pk).order_by("pk"))
    for address in addresses:
        address.user = user
    return addresses


def address_get_for_user(*, user: User, pk: object) -> Address | None:
    """One entry of the customer's address book, or None (also for a bad pk)."""
    try:
        key = int(str(pk))
    except ValueError:
        return None
    return Address.objects.filter(user_id=user.pk, pk=key).first()


def address_for_checkout_prefill(*, user: Any) -> Address | None:
    """The address a signed-in customer's checkout starts from.

    Their default shipping address; without one, the newest address-book entry;
    None for anonymous visitors and empty address books.
    """
    if user is None or not user.is_authenticated:
        return None
    if user.default_shipping_address_id is not None:
        default = address_get_for_user(user=user, pk=user.default_shipping_address_id)
        if default is not None:
            return default
    return Address.objects.filter(user_id=user.pk).order_by("-pk").first()
