"""The renewal engine on PostgreSQL: once per period, dunning, compliance."""

import os
import subprocess
import sys
import threading
from datetime import timedelta
from decimal import Decimal
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django.db import connection

from storefront.inventory.models import Stock
from storefront.orders.models import Order, OrderStatus
from storefront.payments.models import Payment, PaymentStatus
from storefront.subscriptions.models import (
    RenewalStatus,
    Subscription,
    SubscriptionEvent,
    SubscriptionEventType,
    SubscriptionRenewal,
    SubscriptionStatus,
)
from storefront.subscriptions.services.card_change import (
    subscription_payment_method_update,
)
from storefront.subscriptions.services.renewal_steps import RenewalResult
from storefront.subscriptions.services.renewals import subscription_renewals_run

ROOT = Path(__file__).resolve().parents[3]


def _at(day):
    return time_machine.travel(f"{day.isoformat()} 09:00:00+00:00", tick=False)


def _renewal_orders(subscription):
    return Order.objects.filter(subscription_links__subscription=subscription).exclude(
        subscription_links__is_first=True
    )


def test_first_order_starts_the_subscription(subscription, sub_shop):
    # then
    first = subscription.subscription_orders.get()
    order = first.order
    line = order.lines.get()
    assert first.is_first is True
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.interval == "4w"
    assert subscription.next_renewal_date == subscription.started_on + timedelta(
        weeks=4
    )
    assert subscription.payment_method_ref.startswith("dummy_pm_dummy_")
    assert subscription.shipping_address_id != order.shipping_address_id
    assert subscription.shipping_address.city == "MOUNTAIN VIEW"
    assert [(li.variant_id, li.quantity) for li in subscription.lines.all()] == [
        (sub_shop.variant.pk, 2)
    ]
    assert line.is_subscription is True
    assert line.subscription_interval == "4w"
    assert line.unit_price_gross_amount == Decimal("18.00")
    assert order.total_gross_amount == Decimal("41.00")
    assert order.total_charged_amount == Decimal("41.00")


def test_renewal_makes_one_paid_order_at_the_current_discounted_price(
    subscription, sub_shop, django_capture_on_commit_callbacks
):
    # given
    sub_shop.variant.channel_listings.update(price_amount=Decimal("30.00"))
    due = subscription.next_renewal_date
    mail.outbox.clear()

    # when
    with _at(due), django_capture_on_commit_callbacks(execute=True):
        summary = subscription_renewals_run()

    # then
    assert [o.result for o in summary.outcomes] == [RenewalResult.RENEWED]
    order = _renewal_orders(subscription).get()
    assert order.status == OrderStatus.UNFULFILLED
    assert order.lines.get().unit_price_gross_amount == Decimal("27.00")
    assert order.total_gross_amount == Decimal("59.00")
    assert order.total_charged_amount == Decimal("59.00")
    assert order.payments.get().status == PaymentStatus.CHARGED
    subscription.refresh_from_db()
    assert subscription.next_renewal_date == due + timedelta(weeks=4)
    assert subscription.paid_until == due + timedelta(weeks=4)
    renewal = SubscriptionRenewal.objects.get(subscription=subscription)
    assert (renewal.period_start, renewal.status, renewal.attempts) == (
        due,
        RenewalStatus.PAID,
        1,
    )
    stock = Stock.objects.get(product_variant=sub_shop.variant)
    assert stock.quantity_allocated == 4
    subjects = [m.subject for m in mail.outbox]
    assert subjects.count("Your Verdant Field subscription has renewed") == 1


def test_nothing_renews_before_the_date(subscription):
    # when
    with _at(subscription.next_renewal_date - timedelta(days=1)):
        summary = subscription_renewals_run()

    # then
    assert summary.outcomes == []
    assert _renewal_orders(subscription).count() == 0
    assert SubscriptionRenewal.objects.count() == 0


def test_running_twice_gives_one_order_and_one_charge(subscription):
    # given
    due = subscription.next_renewal_date
    payments_before = Payment.objects.count()

    # when
    with _at(due):
        first = subscription_renewals_run()
        second = subscription_renewals_run()

    # then
    assert len(first.outcomes) == 1
    assert second.outcomes == []
    assert _renewal_orders(subscription).count() == 1
    assert Payment.objects.count() == payments_before + 1
    assert SubscriptionRenewal.objects.filter(subscription=subscription).count() == 1


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_threads_at_once_give_one_order_and_one_charge(sub_shop):
    # given
    from tests.factories.subscriptions import subscribe_via_checkout

    subscription = subscribe_via_checkout(
        user=sub_shop.customer,
        channel=sub_shop.channel,
        variant=sub_shop.variant,
        shipping=sub_shop.shipping,
    )
    due = subscription.next_renewal_date
    payments_before = Payment.objects.count()
    barrier = threading.Barrier(2)
    results = []
    errors = []

    def run():
        from django.db import connection as thread_connection

        try:
            barrier.wait(timeout=10)
            results.append(subscription_renewals_run(today=due))
        except Exception as exc:  # noqa: BLE001 (reported by the assertion below)
            errors.append(exc)
        finally:
            thread_connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]

    # when
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)

    # then
    assert errors == []
    assert sum(len(r.outcomes) for r in results) == 1
    assert _renewal_orders(subscription).count() == 1
    assert Payment.objects.count() == payments_before + 1
    assert Payment.objects.filter(status=PaymentStatus.CHARGED).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_processes_at_once_give_one_order_and_one_charge(sub_shop):
    # given
    from tests.factories.subscriptions import subscribe_via_checkout

    subscription = subscribe_via_checkout(
        user=sub_shop.customer,
        channel=sub_shop.channel,
        variant=sub_shop.variant,
        shipping=sub_shop.shipping,
    )
    due = subscription.next_renewal_date
    payments_before = Payment.objects.count()
    settings_dict = connection.settings_dict
    url = (
        f"postgres://{settings_dict['USER']}@{settings_dict['HOST']}:"
        f"{settings_dict['PORT']}/{settings_dict['NAME']}"
    )
    env = {
        **os.environ,
        "DATABASE_URL": url,
        "DJANGO_SETTINGS_MODULE": "config.settings.test",
    }
    command = [
        sys.executable,
        str(ROOT / "manage.py"),
        "run_renewals",
        "--date",
        due.isoformat(),
        "--no-reminders",
    ]

    # when
    processes = [
        subprocess.Popen(command, env=env, cwd=ROOT, stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=120)[0] for p in processes]

    # then
    assert [p.returncode for p in processes] == [0, 0]
    assert sorted(outputs) == [
        "Renewals: none due; resumed 0; reminders 0.\n",
        "Renewals: renewed 1; resumed 0; reminders 0.\n",
    ]
    assert _renewal_orders(subscription).count() == 1
    assert Payment.objects.count() == payments_before + 1


def test_dunning_retries_after_1_3_and_7_days_then_cancels(
    subscription, sub_shop, django_capture_on_commit_callbacks
):
    # given
    subscription_payment_method_update(
        subscription=subscription,
        user=sub_shop.customer,
        card_number="4000 0000 0000 0341",
    )
    day0 = subscription.next_renewal_date
    mail.outbox.clear()
    allocated_before = Stock.objects.get(product_variant=sub_shop.variant)
    schedule = []

    # when
    for offset in range(9):
        with (
            _at(day0 + timedelta(days=offset)),
            django_capture_on_commit_callbacks(execute=True),
        ):
            summary = subscription_renewals_run()
        subscription.refresh_from_db()
        schedule.append(
            (
                offset,
                [o.result for o in summary.outcomes],
                subscription.status,
                subscription.retry_on,
            )
        )

    # then
    past_due = SubscriptionStatus.PAST_DUE
    assert schedule == [
        (0, ["failed"], past_due, day0 + timedelta(days=1)),
        (1, ["failed"], past_due, day0 + timedelta(days=3)),
        (2, [], past_due, day0 + timedelta(days=3)),
        (3, ["failed"], past_due, day0 + timedelta(days=7)),
        (4, [], past_due, day0 + timedelta(days=7)),
        (5, [], past_due, day0 + timedelta(days=7)),
        (6, [], past_due, day0 + timedelta(days=7)),
        (7, ["cancelled"], SubscriptionStatus.CANCELLED, None),
        (8, [], SubscriptionStatus.CANCELLED, None),
    ]
    assert subscription.cancel_reason == (
        "Payment failed 4 times: Your saved card was declined. Nothing was charged."
    )
    assert _renewal_orders(subscription).count() == 0
    renewal = SubscriptionRenewal.objects.get(subscription=subscription)
    assert (renewal.status, renewal.attempts, renewal.failures) == (
        RenewalStatus.ABANDONED,
        4,
        4,
    )
    assert (
        Payment.objects.filter(
            status=PaymentStatus.FAILED, metadata__subscription_id=str(subscription.pk)
        ).count()
        == 4
    )
    assert Payment.objects.filter(charged_value__gt=0).count() == 1  # the first order
    stock = Stock.objects.get(product_variant=sub_shop.variant)
    assert stock.quantity_allocated == allocated_before.quantity_allocated
    failed_mails = [
        m for m in mail.outbox if m.subject == "We could not charge your card"
    ]
    assert len(failed_mails) == 3
    assert f"/subscriptions/{subscription.pk}/card/" in failed_mails[0].body
    assert [m.subject for m in mail.outbox].count(
        "Your Verdant Field subscription is cancelled"
    ) == 1


def test_new_card_after_a_failure_renews_at_the_next_run(subscription, sub_shop):
    # given
    subscription_payment_method_update(
        subscription=subscription,
        user=sub_shop.customer,
        card_number="4000000000000341",
    )
    day0 = subscription.next_renewal_date
    with _at(day0):
        subscription_renewals_run()
        subscription.refresh_from_db()
        subscription_payment_method_update(
            subscription=subscription,
            user=sub_shop.customer,
            card_number="4242424242424242",
        )

    # when
    with _at(day0):
        summary = subscription_renewals_run()

    # then
    assert [o.result for o in summary.outcomes] == [RenewalResult.RENEWED]
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.card_label == "card ending 4242"
    assert subscription.next_renewal_date == day0 + timedelta(weeks=4)
    renewal = SubscriptionRenewal.objects.get(subscription=subscription)
    assert (renewal.status, renewal.attempts, renewal.failures) == (
        RenewalStatus.PAID,
        2,
        1,
    )


def test_product_now_prohibited_in_the_region_pauses_and_charges_nothing(
    subscription, sub_shop, django_capture_on_commit_callbacks
):
    # given
    product = sub_shop.variant.product
    product.regulated_class = "psilocybin_truffle"
    product.save(update_fields=["regulated_class"])
    payments_before = Payment.objects.count()
    mail.outbox.clear()

    # when
    with (
        _at(subscription.next_renewal_date),
        django_capture_on_commit_callbacks(execute=True),
    ):
        summary = subscription_renewals_run()

    # then
    assert [o.result for o in summary.outcomes] == [RenewalResult.BLOCKED]
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.PAUSED
    assert subscription.paused_until is None
    assert Payment.objects.count() == payments_before
    assert _renewal_orders(subscription).count() == 0
    event = SubscriptionEvent.objects.get(
        subscription=subscription, type=SubscriptionEventType.BLOCKED
    )
    assert event.parameters["reason"].startswith(
        f"{product.name} can no longer be delivered to your address:"
    )
    assert [m.subject for m in mail.outbox] == [
        "Your Verdant Field subscription is paused"
    ]
    assert "charged nothing" in mail.outbox[0].body
    assert (
        "Why: Psilocybin truffles contain psilocybin, a Schedule I controlled "
        "substance under US federal law. Source: Controlled Substances Act, "
        "Schedule I." in " ".join(mail.outbox[0].body.split())
    )


def test_age_requirement_no_longer_met_pauses_and_charges_nothing(
    subscription, sub_shop
):
    # given: kratom needs a verified age of 21 in California; nothing is on file
    product = sub_shop.variant.product
    product.regulated_class = "kratom"
    product.save(update_fields=["regulated_class"])
    payments_before = Payment.objects.count()

    # when
    with _at(subscription.next_renewal_date):
        summary = subscription_renewals_run()

    # then
    assert [(o.result, o.message) for o in summary.outcomes] == [
        (
            RenewalResult.BLOCKED,
            f"{product.name} now needs proof that you are 21 or over before we "
            "can send it.",
        )
    ]
    assert Subscription.objects.get(pk=subscription.pk).status == "paused"
    assert Payment.objects.count() == payments_before


def test_out_of_stock_postpones_a_day_without_charging(subscription, sub_shop):
    # given
    Stock.objects.filter(product_variant=sub_shop.variant).update(quantity=3)
    payments_before = Payment.objects.count()
    due = subscription.next_renewal_date

    # when
    with _at(due):
        summary = subscription_renewals_run()

    # then
    assert [o.result for o in summary.outcomes] == [RenewalResult.POSTPONED]
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE
    assert subscription.retry_on == due + timedelta(days=1)
    assert Payment.objects.count() == payments_before


def test_paused_subscription_resumes_when_the_pause_ends(subscription, sub_shop):
    # given
    from storefront.subscriptions.services.self_service import subscription_pause

    due = subscription.next_renewal_date
    subscription_pause(
        subscription=subscription,
        user=sub_shop.customer,
        until=due + timedelta(days=10),
    )

    # when
    with _at(due):
        during = subscription_renewals_run()
    with _at(due + timedelta(days=10)):
        after = subscription_renewals_run()

    # then
    assert during.outcomes == []
    assert after.resumed == 1
    assert [o.result for o in after.outcomes] == [RenewalResult.RENEWED]
    subscription.refresh_from_db()
    assert subscription.next_renewal_date == due + timedelta(days=10 + 28)
