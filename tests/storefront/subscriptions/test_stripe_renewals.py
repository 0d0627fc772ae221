"""Off-session renewals with a saved Stripe card, over HTTP against localstripe.

The first order's Stripe flow (Payment Element in the browser) is not driven here:
the customer and card that it saves are created with the stripe library, as the
PaymentIntent with ``setup_future_usage=off_session`` leaves them.
"""

import pytest
import stripe
import time_machine

from storefront.orders.models import Order
from storefront.payments.models import Payment, PaymentStatus
from storefront.subscriptions.models import Subscription, SubscriptionStatus
from storefront.subscriptions.services.renewal_steps import RenewalResult
from storefront.subscriptions.services.renewals import subscription_renewals_run

pytestmark = pytest.mark.usefixtures("stripe_settings")


def _saved_card(number: str) -> tuple[str, str]:
    customer = stripe.Customer.create(email="ada@example.com")
    method = stripe.PaymentMethod.create(
        type="card",
        card={"number": number, "exp_month": 12, "exp_year": 2034, "cvc": "123"},
    )
    stripe.PaymentMethod.attach(method.id, customer=customer.id)
    return customer.id, method.id


def _use_stripe(subscription, number):
    customer, method = _saved_card(number)
    Subscription.objects.filter(pk=subscription.pk).update(
        gateway="stripe", payment_method_ref=method, payment_customer_ref=customer
    )
    return customer, method


def test_off_session_renewal_charges_the_saved_card(subscription, stripe_settings):
    # given
    customer, method = _use_stripe(subscription, "4242424242424242")

    # when
    with time_machine.travel(
        f"{subscription.next_renewal_date.isoformat()} 09:00:00+00:00", tick=False
    ):
        summary = subscription_renewals_run()

    # then
    assert [o.result for o in summary.outcomes] == [RenewalResult.RENEWED]
    order = Order.objects.get(pk=summary.outcomes[0].order_id)
    payment = order.payments.get()
    assert payment.gateway == "stripe"
    assert payment.status == PaymentStatus.CHARGED
    assert payment.psp_reference.startswith("pi_")
    intent = stripe.PaymentIntent.retrieve(payment.psp_reference)
    assert intent.status == "succeeded"
    assert intent.amount == 4100
    assert intent.customer == customer
    assert intent.payment_method == method
    assert order.total_charged_amount == order.total_gross_amount


def test_declined_off_session_renewal_makes_it_past_due(subscription, stripe_settings):
    # given: 4000 0000 0000 0341 attaches to a customer, then every charge fails
    _use_stripe(subscription, "4000000000000341")
    due = subscription.next_renewal_date
    orders_before = Order.objects.count()

    # when
    with time_machine.travel(f"{due.isoformat()} 09:00:00+00:00", tick=False):
        summary = subscription_renewals_run()

    # then
    assert [o.result for o in summary.outcomes] == [RenewalResult.FAILED]
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAST_DUE
    assert subscription.retry_on.isoformat() > due.isoformat()
    assert Order.objects.count() == orders_before
    failed = Payment.objects.get(gateway="stripe")
    assert failed.status == PaymentStatus.FAILED
    assert failed.charged_value == 0


def test_stripe_checkout_with_a_subscription_saves_the_card(sub_shop):
    """The first payment's intent is made for a customer with
    ``setup_future_usage=off_session`` (localstripe does not accept that
    parameter, so only the arguments and the customer at Stripe are checked)."""
    # given
    from storefront.checkout.services.cart import checkout_create, subscription_line_add
    from storefront.checkout.services.payment import subscription_payment_options

    checkout = checkout_create(
        channel=sub_shop.channel, region="US", user=sub_shop.customer
    )
    subscription_line_add(
        checkout=checkout,
        variant_id=sub_shop.variant.pk,
        quantity=1,
        purchase="subscribe",
        interval="4w",
    )

    # when
    options = subscription_payment_options(checkout=checkout, gateway="stripe")
    dummy = subscription_payment_options(checkout=checkout, gateway="dummy")

    # then
    assert options["setup_future_usage"] == "off_session"
    assert stripe.Customer.retrieve(options["customer_id"]).email == (
        sub_shop.customer.email
    )
    assert dummy == {}
