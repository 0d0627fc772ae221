"""Account pages and the staff admin for subscriptions."""

import importlib
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from storefront.catalogue.templatetags.catalogue_tags import money
from storefront.subscriptions.models import (
    Subscription,
    SubscriptionLine,
    SubscriptionStatus,
)
from tests.factories.checkout import sellable_variant
from tests.factories.subscriptions import (
    SubscriptionPlanFactory,
    UserFactory,
    subscribe_via_checkout,
)


@pytest.fixture
def customer_client(client, sub_shop):
    client.force_login(sub_shop.customer)
    return client


def test_list_runs_a_fixed_number_of_queries(
    customer_client, sub_shop, django_assert_num_queries
):
    # given
    for interval in ("2w", "4w", "8w"):
        subscribe_via_checkout(
            user=sub_shop.customer,
            channel=sub_shop.channel,
            variant=sub_shop.variant,
            shipping=sub_shop.shipping,
            interval=interval,
        )

    # when (session, user, the shopper's channel, subscriptions, lines with
    # their variants and products), whatever the number of subscriptions
    # the sixth is the header's cart count
    with django_assert_num_queries(6):
        response = customer_client.get(reverse("subscriptions:list"))

    # then
    assert response.status_code == 200
    assert response.content.decode().count('data-subscription="') == 3


def test_list_needs_sign_in(client, db):
    response = client.get(reverse("subscriptions:list"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("accounts:login"))


def test_detail_of_someone_elses_subscription_is_not_found(client, subscription):
    # given
    client.force_login(UserFactory())

    # when
    response = client.get(reverse("subscriptions:detail", args=[subscription.pk]))

    # then
    assert response.status_code == 404


def test_skip_from_the_page(customer_client, subscription):
    # given
    before = subscription.next_renewal_date

    # when
    response = customer_client.post(
        reverse("subscriptions:skip", args=[subscription.pk]), follow=True
    )

    # then
    subscription.refresh_from_db()
    assert subscription.next_renewal_date == before + timedelta(weeks=4)
    assert "The next delivery is skipped." in response.content.decode()


def test_bad_pause_date_names_the_field(customer_client, subscription):
    # when
    response = customer_client.post(
        reverse("subscriptions:pause", args=[subscription.pk]),
        {"until": "not a date"},
        follow=True,
    )

    # then
    assert "Until: Enter the date to pause until." in response.content.decode()
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.ACTIVE


def test_cancel_page_offers_a_pause_first(customer_client, subscription):
    # when
    response = customer_client.get(
        reverse("subscriptions:cancel", args=[subscription.pk])
    )

    # then
    html = response.content.decode()
    assert html.index("Pause instead") < html.index("Cancel subscription</button>")


def test_product_page_offers_one_off_and_subscription(client, sub_shop):
    # when
    response = client.get(f"/products/{sub_shop.variant.product.slug}/")

    # then
    html = response.content.decode()
    assert 'name="purchase" value="once" checked' in html
    assert "Subscribe &amp; save 10%" in html
    assert '<option value="8w">every 8 weeks</option>' in html


def test_cart_add_accepts_a_subscription(customer_client, sub_shop):
    # when
    response = customer_client.post(
        "/cart/add/",
        {
            "variant": sub_shop.variant.pk,
            "quantity": "1",
            "purchase": "subscribe",
            "interval": "2w",
        },
        follow=True,
    )

    # then
    html = response.content.decode()
    assert "Subscribe &amp; save: $18.00 each, every 2 weeks" in html


def _order_manager_group() -> Group:
    """The group as the migrations leave it (re-run if a transactional test's flush
    removed it): the orders app creates it, ours adds the subscription rights."""
    if not Group.objects.filter(name="Order manager").exists():
        from django.apps import apps

        orders = importlib.import_module(
            "storefront.orders.migrations.0002_order_manager_group"
        )
        ours = importlib.import_module(
            "storefront.subscriptions.migrations.0002_order_manager_permissions"
        )
        orders.create_group(apps, None)
        ours.grant(apps, None)
    return Group.objects.get(name="Order manager")


@pytest.fixture
def order_manager(db):
    user = UserFactory(is_staff=True)
    user.groups.add(_order_manager_group())
    return user


def test_order_manager_group_has_the_subscription_permissions(db):
    codenames = set(
        _order_manager_group()
        .permissions.filter(content_type__app_label="subscriptions")
        .values_list("codename", flat=True)
    )
    assert codenames == {
        "view_subscription",
        "change_subscription",
        "manage_subscriptions",
        "view_subscriptionplan",
        "add_subscriptionplan",
        "change_subscriptionplan",
    }


def test_order_manager_can_cancel_with_a_reason_in_the_admin(
    client, subscription, order_manager
):
    # given
    client.force_login(order_manager)
    url = reverse("admin:subscriptions_subscription_changelist")

    # when
    response = client.post(
        url,
        {
            "action": "cancel_action",
            "_selected_action": [subscription.pk],
            "reason": "Asked by phone",
            "confirm": "1",
        },
    )

    # then
    assert response.status_code == 302
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.cancel_reason == "Asked by phone"
    assert subscription.events.get(type="cancelled").user == order_manager


def test_staff_without_the_permission_cannot_skip(client, subscription):
    # given
    staff = UserFactory(is_staff=True)
    client.force_login(staff)
    before = subscription.next_renewal_date

    # when
    client.post(
        reverse("admin:subscriptions_subscription_changelist"),
        {"action": "skip_action", "_selected_action": [subscription.pk]},
    )

    # then
    subscription.refresh_from_db()
    assert subscription.next_renewal_date == before


def test_figures_per_channel(client, subscription, sub_shop, order_manager):
    # given: a second subscription, cancelled today after 40 days
    other = subscribe_via_checkout(
        user=sub_shop.customer,
        channel=sub_shop.channel,
        variant=sub_shop.variant,
        shipping=sub_shop.shipping,
        interval="2w",
        quantity=1,
    )
    Subscription.objects.filter(pk=other.pk).update(
        created_at=timezone.now() - timedelta(days=40),
        status=SubscriptionStatus.CANCELLED,
        cancelled_at=timezone.now(),
    )
    Subscription.objects.filter(pk=subscription.pk).update(
        created_at=timezone.now() - timedelta(days=40)
    )
    client.force_login(order_manager)

    # when
    response = client.get(reverse("admin:subscriptions_subscription_figures"))

    # then: 2 x 18.00 every 4 weeks = 36.00 x 13/12 = 39.00 a month
    figures = response.context["figures"]
    us = next(f for f in figures if f.channel == sub_shop.channel)
    assert (us.active, str(us.monthly_recurring_revenue)) == (1, "39.00")
    assert (us.churned_last_30_days, str(us.churn_rate_percent)) == (1, "50.0")


def _add_lines(subscription, sub_shop, count):
    """Add ``count`` lines, each a product of its own on a plan in the channel."""
    for _ in range(count):
        variant = sellable_variant(
            channel=sub_shop.channel, warehouse=sub_shop.warehouse, price="8.00"
        )
        SubscriptionPlanFactory(product=variant.product, channel=sub_shop.channel)
        SubscriptionLine.objects.create(
            subscription=subscription, variant=variant, quantity=1
        )


def test_detail_runs_the_same_queries_for_one_line_and_six(
    customer_client, subscription, sub_shop
):
    # given the same subscription read with one line and then with six
    url = reverse("subscriptions:detail", args=[subscription.pk])
    customer_client.get(url)  # the process's channel cache fills once
    with CaptureQueriesContext(connection) as one_line:
        first = customer_client.get(url)
    _add_lines(subscription, sub_shop, 5)

    # when
    with CaptureQueriesContext(connection) as six_lines:
        response = customer_client.get(url)

    # then no query per line (neither a plan nor the options of each line)
    assert first.status_code == response.status_code == 200
    assert response.content.decode().count('name="variant"') == 6
    assert len(six_lines) == len(one_line)


def test_detail_shows_no_discount_once_the_plan_is_deactivated(
    customer_client, subscription, sub_shop
):
    # given the 10 % plan of the 20.00 product is switched off
    url = reverse("subscriptions:detail", args=[subscription.pk])
    assert (
        '<td data-label="Price each">$18.00</td>'
        in customer_client.get(url).content.decode()
    )
    sub_shop.plan.is_active = False
    sub_shop.plan.save()

    # when
    page = customer_client.get(url).content.decode()

    # then the page shows the price the shop would charge, as the API does
    assert '<td data-label="Price each">$20.00</td>' in page
    assert "$18.00" not in page


def test_order_now_first_shows_what_will_be_charged(customer_client, subscription):
    # given
    url = reverse("subscriptions:order_now", args=[subscription.pk])
    detail = customer_client.get(
        reverse("subscriptions:detail", args=[subscription.pk])
    ).content.decode()
    orders_before = subscription.subscription_orders.count()

    # when the customer follows "Order now" from the subscription page
    page = customer_client.get(url)

    # then nothing is charged yet; the page shows the price and asks to confirm
    html = page.content.decode()
    assert f'href="{url}">Order now…</a>' in detail
    assert page.status_code == 200
    total = page.context["preview"].quote.total.gross
    shown = money(total)
    assert f'data-total="total">{shown}</dd>' in html
    assert f"Charge {shown} and order now</button>" in html
    assert subscription.subscription_orders.count() == orders_before

    # when a POST arrives without the confirmation (an old form, a double click)
    unconfirmed = customer_client.post(url)

    # then it only shows the confirmation again
    assert unconfirmed.status_code == 200
    assert subscription.subscription_orders.count() == orders_before

    # when the customer confirms
    confirmed = customer_client.post(url, {"confirm": "yes"}, follow=True)

    # then the order is placed and paid, for the amount shown
    assert "Your order is placed and paid." in confirmed.content.decode()
    assert subscription.subscription_orders.count() == orders_before + 1
    order = subscription.subscription_orders.order_by("-pk").first().order
    assert order.total_gross_amount == total.amount


def test_cancel_needs_no_reason_and_offers_choices(customer_client, subscription):
    # given
    url = reverse("subscriptions:cancel", args=[subscription.pk])
    page = customer_client.get(url).content.decode()
    assert "Why are you cancelling? (optional)" in page
    assert 'value="too_expensive"' in page

    # when the customer cancels without saying why
    cancelled = customer_client.post(url, {})

    # then it is cancelled
    assert cancelled.status_code == 302
    subscription.refresh_from_db()
    assert subscription.status == SubscriptionStatus.CANCELLED
    assert subscription.cancel_reason == ""


def test_cancel_keeps_the_chosen_reason_and_note(customer_client, subscription):
    # when
    customer_client.post(
        reverse("subscriptions:cancel", args=[subscription.pk]),
        {"choice": "too_much", "reason": "Still have two jars"},
    )

    # then
    subscription.refresh_from_db()
    assert subscription.cancel_reason == (
        "I have more than I can use: Still have two jars"
    )
