"""Paying for a checkout: starting the payment and coming back from the gateway."""

import uuid
from dataclasses import dataclass, field
from typing import TypedDict

from prices import Money

from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.errors import CheckoutError
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.complete import checkout_complete
from storefront.checkout.services.validation import checkout_validate_for_payment
from storefront.orders.models import Order
from storefront.payments import stripe_client
from storefront.payments.models import Payment, PaymentStatus
from storefront.payments.selectors import MONEY_HELD, payment_list_open_for_checkout
from storefront.payments.services import (
    payment_action_confirm,
    payment_authorize,
    payment_create,
    payment_release,
)
from storefront.subscriptions.selectors import subscription_payment_customer_ref


@dataclass(frozen=True)
class PaymentOutcome:
    """What the page should do next: show the order, or send the shopper elsewhere."""

    payment_id: int
    order_id: int | None = None
    action_url: str = ""
    client_secret: str = ""
    # The order placed, as ``checkout_complete`` returned it.
    order: Order | None = field(default=None, compare=False, repr=False)


def checkout_payment_start(
    *,
    checkout: Checkout,
    gateway: str,
    card_number: str = "",
    payment_method_id: str = "",
    return_url: str = "",
) -> PaymentOutcome:
    """Validate the checkout, take the payment and, when it succeeds, complete it.

    Everything is checked BEFORE any money moves. For the dummy gateway the card
    is authorised, then captured inside the order's transaction; a card that needs
    3-D Secure returns ``action_url``. For Stripe without a payment method the
    intent is created and its ``client_secret`` returned for the Payment Element.

    Raises:
        CheckoutNotReadyError, UnavailableLinesError, AgeVerificationRequiredError:
            see ``checkout_validate_for_payment``; no payment is created.
        PaymentDeclinedError: the card was refused; the cart is unchanged.
        PaymentGatewayError: the provider failed; the cart is unchanged.
        InsufficientStockError, ProductNotAvailableInRegionError: found under
            lock while creating the order; the payment is released.
    """

    info = checkout_info_fetch(checkout=checkout)
    checkout_validate_for_payment(info=info)
    totals = checkout_totals_calculate(info=info)
    earlier = _earlier_payments_settle(checkout=checkout, amount=totals.total.gross)
    if earlier is not None:
        # The money was already taken (a crash before the order was made): finish
        # with that payment instead of charging the shopper twice.
        order = checkout_complete(
            checkout_token=checkout.token, payment=earlier, info=info
        )
        return PaymentOutcome(payment_id=earlier.pk, order_id=order.pk, order=order)
    payment = payment_create(
        gateway=gateway,
        amount=totals.total.gross,
        customer_email=checkout.email,
        checkout_token=checkout.token,
        metadata={"checkout_last_change": checkout.last_change.isoformat()},
    )

    payment = payment_authorize(
        payment=payment,
        card_number=card_number,
        payment_method_id=payment_method_id,
        return_url=return_url,
        # A checkout that starts a subscription saves the card (Stripe).
        **subscription_payment_options(checkout=checkout, gateway=gateway),
    )
    if payment.status in {PaymentStatus.ACTION_REQUIRED, PaymentStatus.PENDING}:
        return PaymentOutcome(
            payment_id=payment.pk,
            action_url=payment.metadata.get("action_url", ""),
            client_secret=payment.client_secret,
        )
    order = checkout_complete(checkout_token=checkout.token, payment=payment, info=info)
    return PaymentOutcome(payment_id=payment.pk, order_id=order.pk, order=order)


def _earlier_payments_settle(*, checkout: Checkout, amount: Money) -> Payment | None:
    """Before a new payment attempt: reuse one that already holds the money, or
    give back every earlier attempt of this checkout.

    Returns the payment to complete the order with, or None.
    """
    reusable = None
    for earlier in payment_list_open_for_checkout(checkout_token=checkout.token):
        holds_it = earlier.status in MONEY_HELD and earlier.amount == amount
        if reusable is None and holds_it:
            reusable = earlier
            continue
        payment_release(
            payment=earlier, reason="Replaced by a new payment attempt for this cart."
        )
    return reusable


def checkout_payment_return(*, payment_token: object, data: dict[str, str]) -> Order:
    """The shopper is back from 3-D Secure or Stripe: confirm and complete.

    Returns the order.

    Raises:
        CheckoutError: unknown payment (field ``payment``).
        PaymentDeclinedError: the check failed; the cart is unchanged.
        and the errors of ``checkout_complete``.
    """

    try:
        payment = Payment.objects.get(token=uuid.UUID(str(payment_token)))
    except (ValueError, Payment.DoesNotExist):
        raise CheckoutError("This payment does not exist.", field="payment") from None
    if payment.order_id and payment.order is not None:
        return payment.order
    payment = payment_action_confirm(payment=payment, data=data)
    if payment.status not in {PaymentStatus.AUTHORIZED, PaymentStatus.CHARGED}:
        raise CheckoutError(
            "The payment has not gone through yet. Try again in a moment.",
            field="payment",
        )
    if payment.checkout_token is None:
        raise CheckoutError("This cart no longer exists.", field="checkout")
    return checkout_complete(checkout_token=payment.checkout_token, payment=payment)


class PaymentSaveOptions(TypedDict, total=False):
    customer_id: str
    setup_future_usage: str


def subscription_payment_options(
    *, checkout: Checkout, gateway: str
) -> PaymentSaveOptions:
    """Extra ``payment_authorize`` arguments when a checkout starts a subscription.

    With Stripe the first payment saves the card for off-session renewals: the
    intent gets a customer (the one of the customer's earlier Stripe subscription,
    else a new one) and ``setup_future_usage="off_session"``. The dummy gateway
    needs nothing: its token is made from the first payment. Without subscription
    lines the answer is empty.

    Raises:
        PaymentGatewayError: Stripe could not create the customer.
    """
    if gateway != "stripe" or checkout.user_id is None:
        return {}
    if not checkout.lines.filter(is_subscription=True).exists():
        return {}
    customer = subscription_payment_customer_ref(
        user_id=checkout.user_id, gateway="stripe"
    )
    if not customer:
        customer = stripe_client.customer_create(
            email=checkout.email, idempotency_key=f"customer-{checkout.token}"
        )["id"]
    return PaymentSaveOptions(
        customer_id=str(customer), setup_future_usage="off_session"
    )
