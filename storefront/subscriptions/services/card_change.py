"""Changing the card a subscription renews with (Stripe or the dummy gateway)."""

import uuid
from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import AnonymousUser
from django.db import transaction

from storefront.accounts.models import User
from storefront.payments import stripe_client
from storefront.payments.errors import PaymentMethodSetupNotFoundError
from storefront.payments.gateways.dummy import card_number_clean, card_number_is_valid
from storefront.payments.services import (
    payment_method_setup_finish,
    payment_method_setup_start,
)
from storefront.subscriptions.errors import SubscriptionError
from storefront.subscriptions.models import (
    Subscription,
    SubscriptionEventType,
    SubscriptionStatus,
)
from storefront.subscriptions.services.base import (
    _OPEN_STATUSES,
    Code,
    _authorize,
    _event,
    _invalid,
    _locked,
    _refresh,
    _require_status,
    _today,
)
from storefront.subscriptions.services.renewal_steps import RenewalOutcome
from storefront.subscriptions.services.renewals import subscription_renew
from storefront.subscriptions.services.start import DUMMY_TOKEN_PREFIX

# Stripe's own test number for "attaches to a customer, but every charge fails".
DUMMY_CARD_CHARGE_FAILS = "4000000000000341"


CARD_SETUP_PURPOSE = "subscription_card_update"


_ATTEMPT_CHARS = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")


@dataclass(frozen=True)
class CardSetup:
    """A started card change of a Stripe subscription, for the Payment Element."""

    setup_intent_id: str
    client_secret: str


@dataclass(frozen=True)
class CardUpdateResult:
    """The subscription with its new card and, if it was past due, the retry."""

    subscription: Subscription
    renewal: "RenewalOutcome | None" = None


def _card_setup_metadata(subscription: Subscription) -> dict[str, str]:
    return {"subscription_id": str(subscription.pk), "purpose": CARD_SETUP_PURPOSE}


def _stripe_customer_for(subscription: Subscription) -> str:
    """The subscription's Stripe customer, made (and kept on it) if it has none."""

    if subscription.payment_customer_ref:
        return subscription.payment_customer_ref
    customer = (
        Subscription.objects.filter(user_id=subscription.user_id, gateway="stripe")
        .exclude(payment_customer_ref="")
        .values_list("payment_customer_ref", flat=True)
        .first()
    ) or str(
        stripe_client.customer_create(
            email=subscription.email,
            idempotency_key=f"subscription-{subscription.pk}-customer",
        )["id"]
    )
    with transaction.atomic():
        locked = _locked(subscription)
        if not locked.payment_customer_ref:
            locked.payment_customer_ref = customer
            locked.save(update_fields=["payment_customer_ref", "updated_at"])
    subscription.refresh_from_db()
    return subscription.payment_customer_ref


def subscription_card_setup_start(
    *,
    subscription: Subscription,
    user: User | AnonymousUser | None,
    attempt: str,
) -> CardSetup:
    """Start replacing the saved card of a subscription that pays through Stripe.

    Creates a SetupIntent on the subscription's Stripe customer
    (``usage="off_session"``, idempotency key ``subscription-<id>-card-<attempt>``,
    the subscription id in its metadata); nothing is charged and the saved card is
    unchanged until ``subscription_card_setup_finish``. A subscription without a
    Stripe customer (its first card was not saved) gets the customer of the
    shopper's other Stripe subscriptions, or a new one.

    Args:
        subscription: the subscription whose card changes.
        user: who asks; the subscription's customer or staff allowed to manage it.
        attempt: one card-change attempt (lowercase letters, digits and dashes,
            at most 64); repeating it repeats the same Stripe request.

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        SubscriptionError: it does not pay through Stripe.
        SubscriptionWrongStatusError: it is cancelled.
        ValidationError: ``attempt`` is malformed.
        PaymentGatewayError: Stripe failed or is not configured.
    """

    _authorize(subscription, user)
    if subscription.gateway != "stripe":
        raise SubscriptionError(
            "This subscription does not pay through Stripe.", field="card"
        )
    _require_status(
        subscription,
        SubscriptionStatus.ACTIVE,
        SubscriptionStatus.PAUSED,
        SubscriptionStatus.PAST_DUE,
        action="changed",
    )
    if not attempt or len(attempt) > 64 or not set(attempt) <= _ATTEMPT_CHARS:
        raise _invalid("attempt", "This card change is not valid.", Code.INVALID)
    setup = payment_method_setup_start(
        customer_id=_stripe_customer_for(subscription),
        idempotency_key=f"subscription-{subscription.pk}-card-{attempt}",
        metadata=_card_setup_metadata(subscription),
    )
    return CardSetup(setup_intent_id=setup.setup_id, client_secret=setup.client_secret)


def subscription_payment_method_update(
    *,
    subscription: Subscription,
    user: User | AnonymousUser | None,
    card_number: str = "",
    setup_intent_id: str = "",
) -> Subscription:
    """Save a new card for the next charges; a past-due subscription is due again
    today (the next run retries it, or ``subscription_card_setup_finish`` at once).

    The dummy gateway takes ``card_number`` (only a token and the last four digits
    are kept, never the number). Stripe takes ``setup_intent_id``, the SetupIntent
    the customer confirmed in the Payment Element: it must be one started by
    ``subscription_card_setup_start`` for this subscription, on its customer, and
    have succeeded; its payment method becomes the saved card. The change is
    recorded as a ``card_updated`` event. Finishing the same SetupIntent again
    changes nothing. The previous Stripe card stays on the customer (another
    subscription of the shopper may still use it).

    Raises:
        SubscriptionPermissionDenied: not the customer's subscription.
        ValidationError: ``card_number`` is not a valid card number.
        SubscriptionError: a card number for a Stripe subscription, or a
            SetupIntent for one that does not pay through Stripe.
        SubscriptionWrongStatusError: it is cancelled.
        PaymentMethodSetupNotFoundError: the SetupIntent is unknown, malformed,
            or another customer's or subscription's; nothing changed.
        PaymentMethodSetupIncompleteError: the new card was not confirmed.
        PaymentGatewayError: Stripe failed or is not configured.
    """
    _authorize(subscription, user)
    if setup_intent_id:
        return _stripe_card_store(subscription, user, setup_intent_id)
    if subscription.gateway not in ("dummy", ""):
        raise SubscriptionError(
            "This subscription pays through Stripe: enter the new card in the "
            "card form.",
            field="card_number",
        )

    number = card_number_clean(card_number)
    if not card_number_is_valid(number):
        raise _invalid("card_number", "Enter a valid card number.", Code.INVALID)
    kind = "fails" if number == DUMMY_CARD_CHARGE_FAILS else "ok"
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(
            locked,
            *_OPEN_STATUSES,
            action="changed",
        )
        if locked.gateway not in ("dummy", ""):
            raise SubscriptionError(
                "This subscription pays through Stripe: enter the new card in the "
                "card form.",
                field="card_number",
            )
        locked.gateway = "dummy"
        locked.payment_method_ref = f"{DUMMY_TOKEN_PREFIX}{kind}_{uuid.uuid4().hex}"
        locked.card_label = f"card ending {number[-4:]}"
        _card_saved_locked(locked, user)
    return _refresh(subscription)


def _card_saved_locked(
    locked: Subscription, user: User | AnonymousUser | None, **extra: str
) -> None:
    """Under the subscription's lock: save the new card fields, audit, make a
    past-due subscription due again today."""
    if locked.status == SubscriptionStatus.PAST_DUE:
        locked.retry_on = _today()
    locked.save(
        update_fields=[
            "gateway",
            "payment_method_ref",
            "card_label",
            "retry_on",
            "updated_at",
        ]
    )
    _event(
        locked,
        SubscriptionEventType.CARD_UPDATED,
        user,
        card=locked.card_label,
        **extra,
    )


def _stripe_card_store(
    subscription: Subscription,
    user: User | AnonymousUser | None,
    setup_intent_id: str,
) -> Subscription:
    if subscription.gateway != "stripe":
        raise SubscriptionError(
            "This subscription does not pay through Stripe.", field="card"
        )
    _require_status(
        subscription,
        SubscriptionStatus.ACTIVE,
        SubscriptionStatus.PAUSED,
        SubscriptionStatus.PAST_DUE,
        action="changed",
    )
    customer = subscription.payment_customer_ref
    # Asked outside the lock: Stripe is a network call. Checked against the
    # customer the subscription had then, which is re-checked under the lock.
    saved = payment_method_setup_finish(
        setup_id=setup_intent_id,
        customer_id=customer,
        metadata=_card_setup_metadata(subscription),
    )
    with transaction.atomic():
        locked = _locked(subscription)
        _require_status(
            locked,
            *_OPEN_STATUSES,
            action="changed",
        )
        if locked.gateway != "stripe" or locked.payment_customer_ref != customer:
            raise SubscriptionError(
                "The subscription's payment details changed meanwhile; "
                "enter your new card again.",
                field="card",
            )
        if locked.payment_method_ref == saved.payment_method_id:
            return _refresh(subscription)  # this card change already done
        locked.payment_method_ref = saved.payment_method_id
        locked.card_label = saved.label
        _card_saved_locked(locked, user, setup_intent=setup_intent_id)
    return _refresh(subscription)


def subscription_card_setup_finish(
    *,
    subscription: Subscription,
    user: User | AnonymousUser | None,
    setup_intent_id: str,
    today: date | None = None,
) -> CardUpdateResult:
    """Save the Stripe card the customer just confirmed and, when the subscription
    is past due, retry its renewal at once with that card.

    The customer is there and has just confirmed the card with the bank, so the
    overdue renewal is charged now (off-session, through ``subscription_renew``)
    rather than at the next run: the answer is shown on the page, and a paid
    renewal ships without waiting a day. A refusal counts as one dunning attempt,
    exactly as if the next run had tried (after the last one it cancels).

    Raises:
        Everything ``subscription_payment_method_update`` raises; when one is
        raised nothing changed and nothing was charged.
    """

    _authorize(subscription, user)
    if not setup_intent_id:
        raise PaymentMethodSetupNotFoundError()
    subscription = subscription_payment_method_update(
        subscription=subscription, user=user, setup_intent_id=setup_intent_id
    )
    if subscription.status != SubscriptionStatus.PAST_DUE:
        return CardUpdateResult(subscription=subscription)
    outcome = subscription_renew(subscription_id=subscription.pk, today=today)
    subscription.refresh_from_db()
    return CardUpdateResult(subscription=subscription, renewal=outcome)
