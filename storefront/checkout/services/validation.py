"""Whether a checkout can be paid for as it stands."""

from storefront.checkout.age import checkout_age_check
from storefront.checkout.errors import (
    CheckoutNotReadyError,
    UnavailableLinesError,
)
from storefront.checkout.selectors import (
    CheckoutInfo,
    shipping_methods_for_checkout,
)
from storefront.checkout.services.base import Code
from storefront.inventory.errors import InsufficientStockError


def checkout_validate_for_payment(*, info: CheckoutInfo) -> None:
    """Check that a checkout can be paid for and turned into an order.

    A cart that needs no delivery (digital goods only, such as the membership)
    needs no shipping address or method, only the billing address.

    Raises:
        CheckoutNotReadyError: a step is missing (field names the step), or a
            subscription line is in a guest's cart (field ``user``).
        UnavailableLinesError: some lines cannot be bought; they must be removed.
        AgeVerificationRequiredError: an age-restricted line needs the shopper's
            date of birth or a provider check that meets the minimum age.
    """
    checkout = info.checkout
    if not info.lines:
        raise CheckoutNotReadyError("Your cart is empty.", field="lines")
    short = [
        line.variant.sku
        for line in info.unavailable_lines
        if line.problem is not None and line.problem.code == Code.INSUFFICIENT_STOCK
    ]
    if short:
        raise InsufficientStockError(items=short, field="lines")
    if info.unavailable_lines:
        raise UnavailableLinesError(field="lines")
    if checkout.user_id is None and any(
        line.line.is_subscription for line in info.lines
    ):
        raise CheckoutNotReadyError(
            "Sign in or create an account to subscribe; you manage it from there.",
            field="user",
        )
    if not checkout.email:
        raise CheckoutNotReadyError("Enter your email address.", field="email")
    if not info.shipping_required:
        if checkout.billing_address_id is None:
            raise CheckoutNotReadyError(
                "Enter a billing address.", field="billing_address"
            )
        checkout_age_check(info=info)
        return
    if checkout.shipping_address_id is None:
        raise CheckoutNotReadyError(
            "Enter a shipping address.", field="shipping_address"
        )
    if checkout.billing_address_id is None:
        raise CheckoutNotReadyError("Enter a billing address.", field="billing_address")
    if checkout.shipping_method_id is None or info.shipping_listing is None:
        raise CheckoutNotReadyError(
            "Choose a delivery option.", field="shipping_method"
        )
    offered = {m.pk for m, _ in shipping_methods_for_checkout(info=info)}
    if checkout.shipping_method_id not in offered:
        raise CheckoutNotReadyError(
            "The delivery option chosen does not serve this address; choose again.",
            field="shipping_method",
        )
    checkout_age_check(info=info)
