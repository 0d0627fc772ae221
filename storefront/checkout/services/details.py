"""Checkout steps: email, addresses, shipping method and voucher."""

from dataclasses import replace
from typing import Any

from django.db import transaction

from storefront.accounts.addresses import address_validate
from storefront.accounts.models import Address
from storefront.channels.selectors import channel_allowed_countries
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import (
    CheckoutInfo,
    checkout_info_fetch,
    checkout_info_refresh,
    checkout_shipping_required,
    shipping_methods_for_checkout,
)
from storefront.checkout.services.base import Code, _invalid, email_clean
from storefront.discounts.services import voucher_get_for_channel, voucher_invalid


def checkout_email_set(*, checkout: Checkout, email: object) -> Checkout:
    """Set the email the confirmation goes to.

    Raises:
        ValidationError: ``email`` empty or not an email address.
    """
    checkout.email = email_clean(email)
    checkout.save(update_fields=["email", "last_change"])
    return checkout


def checkout_shipping_address_set(
    *,
    checkout: Checkout,
    data: dict[str, Any],
    save_to_address_book: bool = False,
    info: CheckoutInfo | None = None,
) -> CheckoutInfo:
    """Validate and store the shipping address; the region's rules are decided again.

    A shipping method that does not serve the new country is cleared. Returns the
    refreshed checkout info, whose lines show any that may not ship there. With
    ``save_to_address_book`` a signed-in customer's address book gains the
    address too (unless it already holds the same one), in the same transaction.
    ``info`` is the checkout's info loaded earlier in the caller's transaction
    (a checkout just created with its lines): its lines, prices and stock are
    used instead of being read again.

    Raises:
        ValidationError: per field, from the country's address rules, or
            ``country`` when the channel does not ship there.
    """
    cleaned = address_validate(data=data)
    _country_check_sold_to(checkout=checkout, country=cleaned["country"], ship=True)
    if info is not None and info.checkout is not checkout:
        raise ValueError("info must be the info of the checkout being changed")
    # No savepoint inside a caller's transaction: nothing here is retried.
    with transaction.atomic(savepoint=False):
        old = checkout.shipping_address
        address = Address.objects.create(user=None, **cleaned)
        checkout.shipping_address = address
        checkout.region = address.region
        if checkout.billing_address_id is None or (
            old is not None and checkout.billing_address_id == old.pk
        ):
            checkout.billing_address = address
        checkout.save()
        info = (
            checkout_info_fetch(checkout=checkout)
            if info is None
            else checkout_info_refresh(info=info)
        )
        if (
            checkout.shipping_method_id is not None
            and checkout.shipping_method_id
            not in {method.pk for method, _ in shipping_methods_for_checkout(info=info)}
        ):
            checkout.shipping_method = None
            checkout.save(update_fields=["shipping_method", "last_change"])
            info = checkout_info_refresh(info=info)
        if old is not None and old.pk not in {checkout.billing_address_id}:
            old.delete()
        if save_to_address_book and checkout.user_id is not None:
            known = Address.objects.filter(user_id=checkout.user_id, **cleaned)
            if not known.exists():
                Address.objects.create(user_id=checkout.user_id, **cleaned)
    return info


def _country_check_sold_to(
    *, checkout: Checkout, country: str, ship: bool = False
) -> None:
    allowed = channel_allowed_countries(channel=checkout.channel)
    if country not in allowed:
        message = (
            "The %(channel)s shop does not ship to this country."
            if ship
            else "The %(channel)s shop does not sell to this country."
        )
        raise _invalid("country", message, Code.INVALID, channel=checkout.channel.name)


def checkout_billing_address_set(
    *, checkout: Checkout, same_as_shipping: bool, data: dict[str, Any] | None = None
) -> Checkout:
    """Use the shipping address for billing, or a separate validated one.

    When nothing in the cart needs delivery, the billing address takes the
    shipping address's part: it decides the region's rules and the tax rate, so
    its country must be one the channel sells to.

    Raises:
        ValidationError: ``shipping_address`` not yet given when asked to reuse
            it (``billing_address`` when the cart needs no delivery); per-field
            address errors; ``country`` when the cart needs no delivery and the
            channel does not sell to the billing country.
    """
    if same_as_shipping:
        if checkout.shipping_address_id is None and not checkout_shipping_required(
            checkout=checkout
        ):
            raise _invalid(
                "billing_address",
                "Enter your billing address; nothing in your cart is delivered.",
                Code.BILLING_ADDRESS_NOT_SET,
            )
        if checkout.shipping_address_id is None:
            raise _invalid(
                "shipping_address",
                "Enter the shipping address first.",
                Code.SHIPPING_ADDRESS_NOT_SET,
            )
        checkout.billing_address_id = checkout.shipping_address_id
        checkout.save(update_fields=["billing_address", "last_change"])
        return checkout
    cleaned = address_validate(data=data or {})
    # Only a cart with nothing to deliver is held to the channel's countries by
    # its billing address; its lines are read only when that could refuse it.
    if cleaned["country"] not in channel_allowed_countries(
        channel=checkout.channel
    ) and not checkout_shipping_required(checkout=checkout):
        _country_check_sold_to(checkout=checkout, country=cleaned["country"])
    with transaction.atomic(savepoint=False):
        old_id = checkout.billing_address_id
        checkout.billing_address = Address.objects.create(user=None, **cleaned)
        checkout.save(update_fields=["billing_address", "last_change"])
        if old_id and old_id != checkout.shipping_address_id:
            Address.objects.filter(pk=old_id).delete()
    return checkout


def checkout_shipping_method_set(
    *, checkout: Checkout, shipping_method_id: object
) -> CheckoutInfo:
    """Choose one of the methods serving the shipping address in the channel.

    Returns the checkout's info with the chosen method's price listing, so the
    caller's totals need no second load.

    Raises:
        ValidationError: ``shipping_address`` missing, or ``shipping_method`` not
            one of the methods offered.
    """
    if checkout.shipping_address_id is None:
        raise _invalid(
            "shipping_address",
            "Enter the shipping address first.",
            Code.SHIPPING_ADDRESS_NOT_SET,
        )
    info = checkout_info_fetch(checkout=checkout)
    offered = {
        method.pk: (method, listing)
        for method, listing in shipping_methods_for_checkout(info=info)
    }
    try:
        method, listing = offered[int(str(shipping_method_id))]
    except (KeyError, ValueError):
        raise _invalid(
            "shipping_method",
            "Choose one of the delivery options shown.",
            Code.SHIPPING_METHOD_NOT_APPLICABLE,
        ) from None
    checkout.shipping_method = method
    checkout.save(update_fields=["shipping_method", "last_change"])
    return replace(info, shipping_listing=listing if info.shipping_required else None)


def checkout_voucher_apply(*, checkout: Checkout, code: object) -> Checkout:
    """Apply a voucher code after checking dates, channel, minimum spend and usage.

    Raises:
        ValidationError: ``voucher_code`` empty, unknown, expired, not valid in the
            channel, below its minimum spend, used up, or already used by this
            customer.
    """
    value = str(code or "").strip().upper()
    if not value:
        raise _invalid("voucher_code", "Enter a voucher code.", Code.REQUIRED)
    voucher, listing = voucher_get_for_channel(
        code=value, channel_id=checkout.channel_id, customer_email=checkout.email
    )
    checkout.voucher = voucher
    info = checkout_info_fetch(checkout=checkout)
    totals = checkout_totals_calculate(info=info)
    subtotal = (
        totals.subtotal.gross
        if checkout.channel.prices_entered_with_tax
        else totals.subtotal.net
    ).amount
    if listing.min_spent_amount is not None and subtotal < listing.min_spent_amount:
        raise voucher_invalid(
            "Spend at least %(amount)s %(currency)s to use this voucher code.",
            amount=listing.min_spent_amount,
            currency=listing.currency,
        )
    checkout.save(update_fields=["voucher", "last_change"])
    return checkout


def checkout_voucher_remove(*, checkout: Checkout) -> Checkout:
    """Take the voucher off the checkout."""
    checkout.voucher = None
    checkout.save(update_fields=["voucher", "last_change"])
    return checkout
