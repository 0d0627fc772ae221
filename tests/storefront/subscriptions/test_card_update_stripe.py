"""Replacing the saved Stripe card of a subscription, over HTTP against localstripe.

The browser part (Stripe.js ``confirmSetup`` in the Payment Element) is played by
``stripe.SetupIntent.confirm(id, payment_method=...)``, which localstripe
supports. Unlike Stripe, localstripe does not attach the card to the customer
when a SetupIntent succeeds; nothing here depends on that (the off-session charge
names both the customer and the card, as it does with Stripe).
"""

from datetime import timedelta

import pytest
import stripe
import time_machine
from django.contrib.messages import get_messages
from django.urls import reverse

from storefront.orders.models import Order
from storefront.payments.errors import (
    PaymentErrorCode,
    PaymentMethodSetupIncompleteError,
    PaymentMethodSetupNotFoundError,
)
from storefront.payments.models import PaymentStatus
from storefront.subscriptions.errors import SubscriptionWrongStatusError
from storefront.subscriptions.models import (
    RenewalStatus,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventType,
    SubscriptionRenewal,
    SubscriptionStatus,
)
from storefront.subscriptions.services.card_change import (
    subscription_card_setup_finish,
    subscription_card_setup_start,
    subscription_payment_method_update,
)
from storefront.subscriptions.services.renewal_steps import RenewalResult
from storefront.subscriptions.services.renewals import subscription_renewals_run
from storefront.subscriptions.services.self_service import subscription_cancel
from tests.factories.subscriptions import UserFactory, subscribe_via_checkout

pytestmark = pytest.mark.usefixtures("stripe_settings")

CARD_OK = "4242424242424242"
CARD_NEW = "5555555555554444"
CARD_CHARGE_FAILS = "4000000000000341"


def _card(number: str) -> str:
    return stripe.PaymentMethod.create(
        type="card",
        card={"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
    ).id


def _on_stripe(subscription: Subscription, number: str = CARD_OK) -> Subscription:
    """The subscription as a Stripe first order leaves it: customer and saved card."""
    customer = stripe.Customer.create(email=subscription.email).id
    method = _card(number)
    stripe.PaymentMethod.attach(method, customer=customer)
    Subscription.objects.filter(pk=subscription.pk).update(
        gateway="stripe",
        payment_method_ref=method,
        payment_customer_ref=customer,
        card_label="your saved card",
    )
    subscription.refresh_from_db()
    return subscription


def _confirmed_setup(subscription: Subscription, user, number: str = CARD_NEW):
    """Start a card change and confirm it as the Payment Element would."""
    setup = subscription_card_setup_start(
        subscription=subscription, user=user, attempt="a1"
    )
    method = _card(number)
    stripe.SetupIntent.confirm(setup.setup_intent_id, payment_method=method)
    return setup, method


def _card_events(subscription: Subscription) -> int:
    return SubscriptionEvent.objects.filter(
        subscription=subscription, type=SubscriptionEventType.CARD_UPDATED
    ).count()


def _at(day):
    return time_machine.travel(f"{day.isoformat()} 09:00:00+00:00", tick=False)


@pytest.fixture
def customer_client(client, sub_shop):
    client.force_login(sub_shop.customer)
    return client


def test_start_makes_an_off_session_setup_intent_for_the_customer(
    subscription, sub_shop
):
    # given
    subscription = _on_stripe(subscription)

    # when
    setup = subscription_card_setup_start(
        subscription=subscription, user=sub_shop.customer, attempt="a1"
    )

    # then
    intent = stripe.SetupIntent.retrieve(setup.setup_intent_id)
    assert intent.customer == subscription.payment_customer_ref
    assert intent.usage == "off_session"
    assert intent.status == "requires_payment_method"
    assert list(intent.payment_method_types) == ["card"]
    assert intent.metadata.to_dict() == {
        "subscription_id": str(subscription.pk),
        "purpose": "subscription_card_update",
    }
    assert setup.client_secret == intent.client_secret
    subscription.refresh_from_db()
    assert subscription.card_label == "your saved card"
    assert _card_events(subscription) == 0


def test_new_card_is_saved_and_the_next_renewal_charges_it(
    customer_client, subscription, sub_shop
):
    # given
    subscription = _on_stripe(subscription)
    customer, old_method = (
        subscription.payment_customer_ref,
        subscription.payment_method_ref,
    )
    setup, new_method = _confirmed_setup(subscription, sub_shop.customer)

    # when: Stripe sends the customer back
    response = customer_client.get(
        reverse("subscriptions:card_return", args=[subscription.pk]),
        {"setup_intent": setup.setup_intent_id, "redirect_status": "succeeded"},
    )

    # then
    assert response.status_code == 302
    assert response.url == reverse("subscriptions:detail", args=[subscription.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your new card (card ending 4444) is saved for the next renewals."
    ]
    subscription.refresh_from_db()
    assert subscription.payment_method_ref == new_method != old_method
    assert subscription.payment_customer_ref == customer
    assert subscription.card_label == "card ending 4444"
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.retry_on is None
    event = SubscriptionEvent.objects.get(
        subscription=subscription, type=SubscriptionEventType.CARD_UPDATED
    )
    assert event.user == sub_shop.customer
    assert event.parameters == {
        "card": "card ending 4444",
        "setup_intent": setup.setup_intent_id,
    }

    # when: the renewal is due
    with _at(subscription.next_renewal_date):
        summary = subscription_renewals_run()

    # then: charged off-session to the new card of the same customer
    assert [o.result for o in summary.outcomes] == [RenewalResult.RENEWED]
    payment = Order.objects.get(pk=summary.outcomes[0].order_id).payments.get()
    assert payment.gateway == "stripe"
    assert payment.status == PaymentStatus.CHARGED
    intent = stripe.PaymentIntent.retrieve(payment.psp_reference)
    assert (intent.status, intent.amount) == ("succeeded", 4100)
    assert intent.customer == customer
    assert intent.payment_method == new_method


def test_returning_twice_with_the_same_setup_intent_changes_nothing_more(
    customer_client, subscription, sub_shop
):
    # given
    subscription = _on_stripe(subscription)
    setup, new_method = _confirmed_setup(subscription, sub_shop.customer)
    url = reverse("subscriptions:card_return", args=[subscription.pk])
    customer_client.get(url, {"setup_intent": setup.setup_intent_id})

    # when
    response = customer_client.get(url, {"setup_intent": setup.setup_intent_id})

    # then
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.payment_method_ref == new_method
    assert _card_events(subscription) == 1


def test_setup_intent_of_another_customer_is_refused(
    customer_client, subscription, sub_shop
):
    # given: someone else's Stripe subscription and a card they confirmed
    subscription = _on_stripe(subscription)
    before = Subscription.objects.values().get(pk=subscription.pk)
    stranger = UserFactory()
    theirs = _on_stripe(
        subscribe_via_checkout(
            user=stranger,
            channel=sub_shop.channel,
            variant=sub_shop.variant,
            shipping=sub_shop.shipping,
        )
    )
    foreign, _ = _confirmed_setup(theirs, stranger)

    # when
    response = customer_client.get(
        reverse("subscriptions:card_return", args=[subscription.pk]),
        {"setup_intent": foreign.setup_intent_id},
    )

    # then
    assert response.status_code == 302
    assert response.url == reverse(
        "subscriptions:payment_method", args=[subscription.pk]
    )
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "This card confirmation is unknown or not yours. Nothing was changed; "
        "enter your new card again."
    ]
    assert Subscription.objects.values().get(pk=subscription.pk) == before
    assert _card_events(subscription) == 0
    assert _card_events(theirs) == 0


def test_setup_intent_of_the_same_customer_made_elsewhere_is_refused(
    subscription, sub_shop
):
    """Same Stripe customer, but not started for this subscription's card change."""
    # given
    subscription = _on_stripe(subscription)
    before = Subscription.objects.values().get(pk=subscription.pk)
    other = stripe.SetupIntent.create(
        customer=subscription.payment_customer_ref,
        usage="off_session",
        payment_method_types=["card"],
        metadata={"subscription_id": str(subscription.pk + 1000)},
    )
    stripe.SetupIntent.confirm(other.id, payment_method=_card(CARD_NEW))

    # when
    with pytest.raises(PaymentMethodSetupNotFoundError) as raised:
        subscription_payment_method_update(
            subscription=subscription,
            user=sub_shop.customer,
            setup_intent_id=other.id,
        )

    # then
    assert raised.value.code == PaymentErrorCode.NOT_FOUND
    assert Subscription.objects.values().get(pk=subscription.pk) == before
    assert _card_events(subscription) == 0


@pytest.mark.parametrize(
    "setup_intent_id",
    ["seti_doesnotexist123", "pi_123", "seti_../../v1/customers", ""],
)
def test_forged_setup_intent_ids_are_refused(subscription, sub_shop, setup_intent_id):
    # given
    subscription = _on_stripe(subscription)
    before = Subscription.objects.values().get(pk=subscription.pk)

    # when
    with pytest.raises(PaymentMethodSetupNotFoundError, match="unknown or not yours"):
        subscription_card_setup_finish(
            subscription=subscription,
            user=sub_shop.customer,
            setup_intent_id=setup_intent_id or "",
        )

    # then
    assert Subscription.objects.values().get(pk=subscription.pk) == before
    assert _card_events(subscription) == 0


def test_unconfirmed_setup_intent_saves_nothing(subscription, sub_shop):
    # given: the customer left the Payment Element without confirming
    subscription = _on_stripe(subscription)
    before = Subscription.objects.values().get(pk=subscription.pk)
    setup = subscription_card_setup_start(
        subscription=subscription, user=sub_shop.customer, attempt="a1"
    )

    # when
    with pytest.raises(PaymentMethodSetupIncompleteError) as raised:
        subscription_card_setup_finish(
            subscription=subscription,
            user=sub_shop.customer,
            setup_intent_id=setup.setup_intent_id,
        )

    # then
    assert raised.value.code == PaymentErrorCode.ACTION_REQUIRED
    assert raised.value.message == (
        "Your new card was not confirmed, so it was not saved. Enter it again."
    )
    assert Subscription.objects.values().get(pk=subscription.pk) == before


def test_someone_else_cannot_finish_a_card_change(client, subscription, sub_shop):
    # given
    subscription = _on_stripe(subscription)
    setup, _ = _confirmed_setup(subscription, sub_shop.customer)
    client.force_login(UserFactory())

    # when
    response = client.get(
        reverse("subscriptions:card_return", args=[subscription.pk]),
        {"setup_intent": setup.setup_intent_id},
    )

    # then
    assert response.status_code == 404
    assert _card_events(subscription) == 0


def test_cancelled_subscription_cannot_start_a_card_change(subscription, sub_shop):
    # given
    subscription = _on_stripe(subscription)
    subscription_cancel(
        subscription=subscription, user=sub_shop.customer, reason="Too much tea."
    )

    # when / then
    with pytest.raises(
        SubscriptionWrongStatusError, match="cancelled cannot be changed"
    ):
        subscription_card_setup_start(
            subscription=subscription, user=sub_shop.customer, attempt="a1"
        )


def test_card_number_is_refused_for_a_stripe_subscription(subscription, sub_shop):
    # given
    subscription = _on_stripe(subscription)

    # when / then
    with pytest.raises(Exception, match="pays through Stripe") as raised:
        subscription_payment_method_update(
            subscription=subscription, user=sub_shop.customer, card_number=CARD_OK
        )
    assert raised.value.code_value == "invalid"
    subscription.refresh_from_db()
    assert subscription.gateway == "stripe"
    assert _card_events(subscription) == 0


def test_past_due_subscription_is_renewed_at_once_with_the_new_card(
    customer_client, subscription, sub_shop
):
    # given: the saved card is refused at the renewal
    subscription = _on_stripe(subscription, CARD_CHARGE_FAILS)
    due = subscription.next_renewal_date
    with _at(due):
        subscription_renewals_run()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAST_DUE
    setup, new_method = _confirmed_setup(subscription, sub_shop.customer)
    orders_before = Order.objects.count()

    # when: the customer comes back from confirming a new card the same day
    with _at(due):
        customer_client.force_login(sub_shop.customer)  # a session of that day
        response = customer_client.get(
            reverse("subscriptions:card_return", args=[subscription.pk]),
            {"setup_intent": setup.setup_intent_id},
        )

    # then
    assert response.status_code == 302
    assert response.url == reverse("subscriptions:detail", args=[subscription.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [
        "Your new card (card ending 4444) is saved for the next renewals.",
        "The overdue renewal is paid with your new card.",
    ]
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.retry_on is None
    assert subscription.next_renewal_date == due + timedelta(weeks=4)
    assert Order.objects.count() == orders_before + 1
    renewal = SubscriptionRenewal.objects.get(subscription=subscription)
    assert (renewal.status, renewal.attempts, renewal.failures) == (
        RenewalStatus.PAID,
        2,
        1,
    )
    intent = stripe.PaymentIntent.retrieve(renewal.order.payments.get().psp_reference)
    assert intent.payment_method == new_method
    assert intent.status == "succeeded"

    # when: the scheduled run comes by the same day
    with _at(due):
        summary = subscription_renewals_run()

    # then: nothing is charged twice
    assert summary.outcomes == []
    assert Order.objects.count() == orders_before + 1


def test_past_due_retry_refused_again_keeps_the_dunning_schedule(
    customer_client, subscription, sub_shop
):
    # given
    subscription = _on_stripe(subscription, CARD_CHARGE_FAILS)
    due = subscription.next_renewal_date
    with _at(due):
        subscription_renewals_run()
    setup, new_method = _confirmed_setup(
        subscription, sub_shop.customer, CARD_CHARGE_FAILS
    )
    orders_before = Order.objects.count()

    # when
    with _at(due):
        result = subscription_card_setup_finish(
            subscription=subscription,
            user=sub_shop.customer,
            setup_intent_id=setup.setup_intent_id,
        )

    # then: the new card is kept; the refusal counts as the second try
    assert result.renewal.result == RenewalResult.FAILED
    assert result.subscription.payment_method_ref == new_method
    assert result.subscription.status == SubscriptionStatus.PAST_DUE
    assert result.subscription.retry_on == due + timedelta(days=3)
    renewal = SubscriptionRenewal.objects.get(subscription=subscription)
    assert (renewal.status, renewal.failures) == (RenewalStatus.FAILED, 2)
    assert Order.objects.count() == orders_before


def test_card_page_shows_the_payment_element(customer_client, subscription):
    # given
    subscription = _on_stripe(subscription)

    # when
    response = customer_client.get(
        reverse("subscriptions:payment_method", args=[subscription.pk])
    )

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert 'id="payment-element"' in page
    assert "https://js.stripe.com/v3/" in page
    assert "pk_test_verdant" in page
    secret = response.context["client_secret"]
    setup_id = secret.split("_secret_")[0]
    intent = stripe.SetupIntent.retrieve(setup_id)
    assert intent.customer == subscription.payment_customer_ref
    assert intent.metadata["subscription_id"] == str(subscription.pk)
    assert response.context["return_url"] == (
        f"http://testserver/subscriptions/{subscription.pk}/card/return/"
    )
    assert 'name="card_number"' not in page


def test_card_page_without_publishable_key_says_changes_are_unavailable(
    customer_client, subscription, settings
):
    # given
    subscription = _on_stripe(subscription)
    settings.STRIPE_PUBLISHABLE_KEY = ""

    # when
    response = customer_client.get(
        reverse("subscriptions:payment_method", args=[subscription.pk])
    )

    # then
    assert response.status_code == 200
    page = response.content.decode()
    assert "Card changes are not available online right now" in page
    assert "client_secret" not in response.context
    assert "js.stripe.com" not in page
    assert 'id="payment-element"' not in page


def test_stripe_without_a_customer_gets_one_kept_on_the_subscription(
    subscription, sub_shop
):
    # given: a Stripe subscription whose first card was not saved
    Subscription.objects.filter(pk=subscription.pk).update(
        gateway="stripe", payment_method_ref="", payment_customer_ref=""
    )
    subscription.refresh_from_db()

    # when
    setup = subscription_card_setup_start(
        subscription=subscription, user=sub_shop.customer, attempt="a1"
    )

    # then
    subscription.refresh_from_db()
    assert subscription.payment_customer_ref.startswith("cus_")
    customer = stripe.Customer.retrieve(subscription.payment_customer_ref)
    assert customer.email == subscription.email
    intent = stripe.SetupIntent.retrieve(setup.setup_intent_id)
    assert intent.customer == subscription.payment_customer_ref


def test_setup_intent_on_another_customer_is_refused_whatever_its_metadata(
    subscription, sub_shop
):
    # given: made for this subscription's id, but on a different Stripe customer
    subscription = _on_stripe(subscription)
    before = Subscription.objects.values().get(pk=subscription.pk)
    elsewhere = stripe.SetupIntent.create(
        customer=stripe.Customer.create(email="eve@example.com").id,
        usage="off_session",
        payment_method_types=["card"],
        metadata={
            "subscription_id": str(subscription.pk),
            "purpose": "subscription_card_update",
        },
    )
    stripe.SetupIntent.confirm(elsewhere.id, payment_method=_card(CARD_NEW))

    # when
    with pytest.raises(PaymentMethodSetupNotFoundError, match="unknown or not yours"):
        subscription_card_setup_finish(
            subscription=subscription,
            user=sub_shop.customer,
            setup_intent_id=elsewhere.id,
        )

    # then
    assert Subscription.objects.values().get(pk=subscription.pk) == before
    assert _card_events(subscription) == 0
