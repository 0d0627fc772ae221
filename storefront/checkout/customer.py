"""Attaching a signed-in customer to a checkout, and detaching them."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from storefront.accounts.models import User
from storefront.checkout.errors import CheckoutErrorCode
from storefront.checkout.models import Checkout


def checkout_customer_attach(*, checkout: Checkout, user: User) -> Checkout:
    """Make the checkout the customer's; the email becomes the account's address.

    Attaching the customer who already owns it changes nothing.

    Raises:
        ValidationError: ``customer`` INVALID when the checkout belongs to another
            customer (a customer's checkout is never handed over).
    """
    with transaction.atomic():
        locked = Checkout.objects.select_for_update().get(pk=checkout.pk)
        if locked.user_id is not None and locked.user_id != user.pk:
            raise ValidationError(
                {
                    "customer": ValidationError(
                        "This checkout belongs to another customer.",
                        code=CheckoutErrorCode.INVALID.value,
                    )
                }
            )
        locked.user = user
        locked.email = getattr(user, "email", "") or locked.email
        locked.save(update_fields=["user", "email", "last_change"])
    checkout.user_id = locked.user_id
    checkout.email = locked.email
    return checkout


def checkout_customer_detach(*, checkout: Checkout) -> Checkout:
    """Make the checkout anonymous again; its email stays for the order."""
    Checkout.objects.filter(pk=checkout.pk).update(
        user=None, last_change=timezone.now()
    )
    checkout.user = None
    return checkout
