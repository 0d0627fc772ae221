"""Member access: starts with the first paid period, ends with the last one."""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
import time_machine
from django.utils import timezone

from content.selectors import reader_has_paid_access
from storefront.subscriptions.models import Interval
from storefront.subscriptions.selectors import membership_is_active
from storefront.subscriptions.services.renewals import subscription_renewals_run
from storefront.subscriptions.services.self_service import subscription_cancel
from tests.factories.checkout import sellable_variant
from tests.factories.subscriptions import (
    SubscriptionPlanFactory,
    subscribe_via_checkout,
)


@pytest.fixture
def membership(sub_shop):
    start = datetime(2026, 1, 15, 10, 0, tzinfo=timezone.get_current_timezone())
    with time_machine.travel(start, tick=False):
        variant = sellable_variant(
            channel=sub_shop.channel,
            warehouse=sub_shop.warehouse,
            price="9.00",
            track_inventory=False,
        )
        SubscriptionPlanFactory(
            product=variant.product,
            channel=sub_shop.channel,
            discount_percent=Decimal(0),
            intervals=[Interval.MONTHLY],
            is_membership=True,
        )
        return subscribe_via_checkout(
            user=sub_shop.customer,
            channel=sub_shop.channel,
            variant=variant,
            shipping=sub_shop.shipping,
            interval=Interval.MONTHLY,
            quantity=1,
        )


def _at(text):
    return datetime.fromisoformat(text).replace(tzinfo=timezone.get_current_timezone())


def test_access_starts_with_the_first_paid_period(membership, sub_shop):
    # then
    user = sub_shop.customer
    assert membership.is_membership is True
    assert membership.paid_until.isoformat() == "2026-02-15"
    assert membership_is_active(user, on=_at("2026-01-14 23:00")) is False
    assert membership_is_active(user, on=_at("2026-01-15 12:00")) is True
    assert reader_has_paid_access(user, on=_at("2026-02-14 23:59")) is True
    assert reader_has_paid_access(user, on=_at("2026-02-15 00:00")) is False


def test_renewal_extends_access(membership, sub_shop):
    # when
    with time_machine.travel(_at("2026-02-15 09:00"), tick=False):
        summary = subscription_renewals_run()

    # then
    assert [o.result for o in summary.outcomes] == ["renewed"]
    membership.refresh_from_db()
    assert membership.paid_until.isoformat() == "2026-03-15"
    assert membership_is_active(sub_shop.customer, on=_at("2026-03-01 12:00")) is True


def test_cancelled_membership_keeps_access_until_the_paid_period_ends(
    membership, sub_shop
):
    # given
    with time_machine.travel(_at("2026-01-20 09:00"), tick=False):
        subscription_cancel(
            subscription=membership, user=sub_shop.customer, reason="Read enough"
        )

    # when
    with time_machine.travel(_at("2026-02-15 09:00"), tick=False):
        summary = subscription_renewals_run()

    # then
    assert summary.outcomes == []
    user = sub_shop.customer
    assert membership_is_active(user, on=_at("2026-02-10 12:00")) is True
    assert reader_has_paid_access(user, on=_at("2026-02-10 12:00")) is True
    assert membership_is_active(user, on=_at("2026-02-15 12:00")) is False
    assert reader_has_paid_access(user, on=_at("2026-02-15 12:00")) is False


def test_other_subscriptions_give_no_member_access(subscription, sub_shop):
    assert (
        membership_is_active(sub_shop.customer, on=timezone.now() + timedelta(days=1))
        is False
    )
