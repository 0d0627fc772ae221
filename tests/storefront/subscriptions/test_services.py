"""Self-service: cart lines, skip, pause, resume, changes, address, cancel."""

from datetime import timedelta
from decimal import Decimal

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.utils import timezone

from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.cart import checkout_create, subscription_line_add
from storefront.subscriptions.errors import (
    SubscriptionErrorCode,
    SubscriptionNotAvailableInRegionError,
    SubscriptionPermissionDenied,
    SubscriptionWrongStatusError,
)
from storefront.subscriptions.models import (
    SubscriptionEvent,
    SubscriptionEventType,
    SubscriptionStatus,
)
from storefront.subscriptions.services.notifications import subscription_reminders_send
from storefront.subscriptions.services.self_service import (
    subscription_address_change,
    subscription_cancel,
    subscription_interval_change,
    subscription_line_change,
    subscription_order_now,
    subscription_pause,
    subscription_resume,
    subscription_skip,
)
from tests.factories.catalogue import (
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
)
from tests.factories.subscriptions import UserFactory


def _code(exc_info, field):
    return exc_info.value.error_dict[field][0].code


def test_cart_mixes_one_off_and_subscription_lines_with_the_discount(sub_shop):
    # given
    checkout = checkout_create(
        channel=sub_shop.channel, region="US", user=sub_shop.customer
    )

    # when
    subscription_line_add(
        checkout=checkout,
        variant_id=sub_shop.variant.pk,
        quantity=1,
        purchase="once",
        interval=None,
    )
    subscription_line_add(
        checkout=checkout,
        variant_id=sub_shop.variant.pk,
        quantity=2,
        purchase="subscribe",
        interval="8w",
    )

    # then
    info = checkout_info_fetch(checkout=checkout)
    totals = checkout_totals_calculate(info=info)
    lines = sorted(
        (line.line.is_subscription, line.line.subscription_interval, line.line.quantity)
        for line in info.lines
    )
    assert lines == [(False, None, 1), (True, "8w", 2)]
    assert sorted(lt.unit_price.gross.amount for lt in totals.lines) == [
        Decimal("18.00"),
        Decimal("20.00"),
    ]
    assert totals.subtotal.gross.amount == Decimal("56.00")


def test_subscribing_needs_an_offered_interval(sub_shop):
    # given
    checkout = checkout_create(
        channel=sub_shop.channel, region="US", user=sub_shop.customer
    )

    # when
    with pytest.raises(ValidationError) as exc_info:
        subscription_line_add(
            checkout=checkout,
            variant_id=sub_shop.variant.pk,
            quantity=1,
            purchase="subscribe",
            interval="1y",
        )

    # then
    assert _code(exc_info, "interval") == (
        SubscriptionErrorCode.INTERVAL_NOT_OFFERED.value
    )
    assert checkout.lines.count() == 0


def test_guest_cannot_subscribe(sub_shop):
    # given
    checkout = checkout_create(channel=sub_shop.channel, region="US")

    # when
    with pytest.raises(ValidationError, match="Sign in or create an account"):
        subscription_line_add(
            checkout=checkout,
            variant_id=sub_shop.variant.pk,
            quantity=1,
            purchase="subscribe",
            interval="4w",
        )

    # then
    assert checkout.lines.count() == 0


def test_product_without_plan_cannot_be_subscribed(sub_shop):
    # given
    sub_shop.plan.delete()
    checkout = checkout_create(
        channel=sub_shop.channel, region="US", user=sub_shop.customer
    )

    # when
    with pytest.raises(ValidationError) as exc_info:
        subscription_line_add(
            checkout=checkout,
            variant_id=sub_shop.variant.pk,
            quantity=1,
            purchase="subscribe",
            interval="4w",
        )

    # then
    assert _code(exc_info, "purchase") == SubscriptionErrorCode.NO_PLAN.value


def test_skip_moves_the_next_renewal_one_interval(subscription, sub_shop):
    # given
    before = subscription.next_renewal_date

    # when
    subscription_skip(subscription=subscription, user=sub_shop.customer)

    # then
    assert subscription.next_renewal_date == before + timedelta(weeks=4)
    assert subscription.events.filter(type=SubscriptionEventType.SKIPPED).count() == 1


def test_someone_else_cannot_change_it(subscription):
    # given
    stranger = UserFactory()
    before = subscription.next_renewal_date

    # when
    with pytest.raises(SubscriptionPermissionDenied, match="not yours"):
        subscription_skip(subscription=subscription, user=stranger)

    # then
    subscription.refresh_from_db()
    assert subscription.next_renewal_date == before
    assert not subscription.events.filter(type=SubscriptionEventType.SKIPPED).exists()


def test_pause_until_a_date_and_resume(subscription, sub_shop):
    # given
    until = timezone.localdate() + timedelta(days=60)

    # when
    subscription_pause(subscription=subscription, user=sub_shop.customer, until=until)
    paused = (subscription.status, subscription.paused_until)
    subscription_resume(subscription=subscription, user=sub_shop.customer)

    # then
    assert paused == (SubscriptionStatus.PAUSED, until)
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.paused_until is None


@pytest.mark.parametrize(
    ("days", "message"),
    [(0, "Choose a date after today."), (400, "Pause for at most a year.")],
)
def test_pause_date_must_be_sensible(subscription, sub_shop, days, message):
    # when
    with pytest.raises(ValidationError, match=message):
        subscription_pause(
            subscription=subscription,
            user=sub_shop.customer,
            until=timezone.localdate() + timedelta(days=days),
        )

    # then
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE


def test_change_frequency(subscription, sub_shop):
    # when
    subscription_interval_change(
        subscription=subscription, user=sub_shop.customer, interval="2w"
    )

    # then
    assert subscription.interval == "2w"
    event = subscription.events.get(type=SubscriptionEventType.INTERVAL_CHANGED)
    assert event.parameters == {"before": "every 4 weeks", "after": "every 2 weeks"}


def test_frequency_not_offered_is_refused(subscription, sub_shop):
    # given
    sub_shop.plan.intervals = ["4w", "8w"]
    sub_shop.plan.save()

    # when
    with pytest.raises(ValidationError) as exc_info:
        subscription_interval_change(
            subscription=subscription, user=sub_shop.customer, interval="2w"
        )

    # then
    assert _code(exc_info, "interval") == (
        SubscriptionErrorCode.INTERVAL_NOT_OFFERED.value
    )
    subscription.refresh_from_db()
    assert subscription.interval == "4w"


def test_change_quantity_and_variant_of_the_same_product(subscription, sub_shop):
    # given
    other = ProductVariantFactory(product=sub_shop.variant.product)
    ProductVariantChannelListingFactory(
        variant=other, channel=sub_shop.channel, price_amount=Decimal("25.00")
    )
    line = subscription.lines.get()

    # when
    subscription_line_change(
        subscription=subscription,
        user=sub_shop.customer,
        line_id=line.pk,
        quantity="3",
        variant_id=str(other.pk),
    )

    # then
    line.refresh_from_db()
    assert (line.variant_id, line.quantity) == (other.pk, 3)


def test_variant_of_another_product_is_refused(subscription, sub_shop):
    # given
    foreign = ProductVariantFactory()
    line = subscription.lines.get()

    # when
    with pytest.raises(ValidationError) as exc_info:
        subscription_line_change(
            subscription=subscription,
            user=sub_shop.customer,
            line_id=line.pk,
            quantity=1,
            variant_id=foreign.pk,
        )

    # then
    assert _code(exc_info, "variant") == (
        SubscriptionErrorCode.VARIANT_OF_OTHER_PRODUCT.value
    )
    line.refresh_from_db()
    assert (line.variant_id, line.quantity) == (sub_shop.variant.pk, 2)


TX_ADDRESS = {
    "first_name": "Sam",
    "last_name": "Houston",
    "street_address_1": "1100 Congress Ave",
    "city": "Austin",
    "postal_code": "78701",
    "country": "US",
    "country_area": "TX",
}


def test_address_change_rechecks_the_region(subscription, sub_shop):
    # when
    subscription_address_change(
        subscription=subscription, user=sub_shop.customer, data=TX_ADDRESS
    )

    # then
    assert subscription.region == "US-TX"
    assert subscription.shipping_address.city == "AUSTIN"


def test_address_where_a_product_is_prohibited_is_refused(subscription, sub_shop):
    """The address check runs the region rules for every line, as of today."""
    # given: a class prohibited in every US state
    product = sub_shop.variant.product
    product.regulated_class = "psilocybin_truffle"
    product.save(update_fields=["regulated_class"])
    address_before = subscription.shipping_address_id

    # when
    with pytest.raises(
        SubscriptionNotAvailableInRegionError,
        match=f"{product.name} cannot be delivered to this address",
    ):
        subscription_address_change(
            subscription=subscription, user=sub_shop.customer, data=TX_ADDRESS
        )

    # then
    subscription.refresh_from_db()
    assert subscription.shipping_address_id == address_before
    assert subscription.region == "US-CA"


def test_cancel_keeps_an_optional_reason_and_emails(
    subscription, sub_shop, django_capture_on_commit_callbacks
):
    # given
    mail.outbox.clear()

    # when
    with pytest.raises(ValidationError, match="Use at most 500 characters"):
        subscription_cancel(
            subscription=subscription, user=sub_shop.customer, reason="x" * 501
        )
    with django_capture_on_commit_callbacks(execute=True):
        subscription_cancel(
            subscription=subscription, user=sub_shop.customer, reason="Too much at home"
        )

    # then
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.cancel_reason == "Too much at home"
    assert [m.subject for m in mail.outbox] == [
        "Your Verdant Field subscription is cancelled"
    ]
    with pytest.raises(SubscriptionWrongStatusError):
        subscription_skip(subscription=subscription, user=sub_shop.customer)


def test_order_now_places_a_paid_order_and_moves_the_schedule(subscription, sub_shop):
    # given
    today = timezone.localdate()

    # when
    outcome = subscription_order_now(subscription=subscription, user=sub_shop.customer)

    # then
    assert outcome.result == "renewed"
    assert subscription.next_renewal_date == today + timedelta(weeks=4)
    assert subscription.subscription_orders.count() == 2
    assert (
        SubscriptionEvent.objects.filter(
            subscription=subscription, type=SubscriptionEventType.ORDERED_NOW
        ).count()
        == 1
    )


def test_reminder_is_sent_once_a_few_days_before(
    subscription, django_capture_on_commit_callbacks
):
    # given
    mail.outbox.clear()
    day = subscription.next_renewal_date - timedelta(days=3)

    # when
    with (
        time_machine.travel(f"{day.isoformat()} 08:00:00+00:00", tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        first = subscription_reminders_send()
        second = subscription_reminders_send()

    # then
    assert (first, second) == (1, 0)
    assert [m.subject for m in mail.outbox] == [
        "Your Verdant Field subscription renews soon"
    ]
    assert f"/subscriptions/{subscription.pk}/" in mail.outbox[0].body
