"""Subscription emails that name where the goods go: the address as its country's
post lays it out, in plain text (nothing HTML-escaped).

Subscriptions are bought through the checkout services on PostgreSQL; the
emails are read as Django's test mail backend received them.
"""

from datetime import timedelta

import pytest
import time_machine
from django.core import mail

from storefront.subscriptions.services.notifications import (
    subscription_reminders_send,
)
from storefront.subscriptions.services.renewals import subscription_renewals_run
from tests.factories.subscriptions import subscribe_via_checkout

OREGON = {
    "first_name": "Tom",
    "last_name": "O'Brien",
    "company_name": "Doe & Daughters",
    "street_address_1": "1 Main St",
    "city": "Portland",
    "postal_code": "97201",
    "country": "US",
    "country_area": "OR",
}
POSTAL = "Tom O'Brien\nDoe & Daughters\n1 Main St\nPORTLAND, OR 97201\nUNITED STATES\n"


def _at(day):
    return time_machine.travel(f"{day.isoformat()} 09:00:00+00:00", tick=False)


@pytest.fixture
def oregon_subscription(sub_shop):
    return subscribe_via_checkout(
        user=sub_shop.customer,
        channel=sub_shop.channel,
        variant=sub_shop.variant,
        shipping=sub_shop.shipping,
        address=OREGON,
        region="US-OR",
    )


def test_the_reminder_names_the_delivery_address(
    oregon_subscription, django_capture_on_commit_callbacks
):
    # given
    mail.outbox.clear()
    day = oregon_subscription.next_renewal_date - timedelta(days=3)

    # when
    with _at(day), django_capture_on_commit_callbacks(execute=True):
        assert subscription_reminders_send() == 1

    # then
    [reminder] = mail.outbox
    assert f"It will be sent to:\n{POSTAL}" in reminder.body
    assert "&#x27;" not in reminder.body
    assert "&amp;" not in reminder.body


def test_the_renewal_email_names_the_delivery_address(
    oregon_subscription, django_capture_on_commit_callbacks
):
    # given
    mail.outbox.clear()

    # when
    with (
        _at(oregon_subscription.next_renewal_date),
        django_capture_on_commit_callbacks(execute=True),
    ):
        subscription_renewals_run()

    # then the renewal's order confirmation and the renewal email both show it
    renewed = next(m for m in mail.outbox if "has renewed" in m.subject)
    assert f"It goes to:\n{POSTAL}" in renewed.body
    confirmation = next(m for m in mail.outbox if "order" in m.subject)
    assert f"Shipping to:\n{POSTAL}" in confirmation.body
    assert "Total: $" in confirmation.body


def test_the_blocked_email_names_the_address_the_rules_refuse(
    oregon_subscription, sub_shop, django_capture_on_commit_callbacks
):
    # given the product may no longer be delivered there
    product = sub_shop.variant.product
    product.regulated_class = "psilocybin_truffle"
    product.save(update_fields=["regulated_class"])
    mail.outbox.clear()

    # when
    with (
        _at(oregon_subscription.next_renewal_date),
        django_capture_on_commit_callbacks(execute=True),
    ):
        subscription_renewals_run()

    # then
    [blocked] = mail.outbox
    assert blocked.subject == "Your Verdant Field subscription is paused"
    assert f"The delivery address:\n{POSTAL}" in blocked.body
