"""Buying "Member access" through the shop's pages, then reading a paid article.

The membership is the demo's digital product (``populate_membership``): its
product type needs no shipping, so the checkout asks for no shipping address and
no delivery option. Driven with the Django test client on PostgreSQL.
"""

import io
import re
from decimal import Decimal

import pytest
from django.utils import timezone

from storefront.checkout.models import Checkout, CheckoutLine
from storefront.orders.models import Order
from storefront.payments.models import Payment, PaymentStatus
from storefront.subscriptions.demo import populate_membership
from storefront.subscriptions.models import Subscription, SubscriptionStatus
from storefront.subscriptions.selectors import membership_is_active
from tests.factories.catalogue import ChannelFactory
from tests.factories.checkout import US_ADDRESS
from tests.factories.content import article_create, rich
from tests.factories.subscriptions import UserFactory

PRODUCT_PAGE = "/products/member-access-monthly/"
SENTINEL = "Only paying members ever read this sentence about the night heron."
PASSWORD = "correct-horse-42"


@pytest.fixture
def membership_shop(db, settings):
    """The US channel with the demo's membership products and plans."""
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    channel = ChannelFactory()
    populate_membership(io.StringIO())
    return channel


@pytest.fixture
def paid_article(membership_shop):
    return article_create(
        title="For members",
        slug="for-members",
        access_level="paid",
        preview_block_count=1,
        body=[rich("Anyone may read this opening."), rich(SENTINEL)],
    )


def _variant_and_interval(html: str) -> tuple[str, str]:
    variant = re.search(r'name="variant" value="(\d+)"', html).group(1)
    interval = re.search(
        r'<select id="subscription-interval" name="interval"[^>]*>\s*'
        r'<option value="([^"]+)" selected>',
        html,
    ).group(1)
    return variant, interval


def test_a_signed_in_reader_buys_member_access_and_reads_the_paid_article(
    client, membership_shop, paid_article
):
    # given a reader who signs in through the sign-in page
    reader = UserFactory(email="reader@example.com")
    signed_in = client.post(
        "/account/login/", {"email": "reader@example.com", "password": PASSWORD}
    )
    assert signed_in.status_code == 302
    before = client.get(paid_article.url).content.decode()
    assert SENTINEL not in before

    # when the reader adds monthly member access from its product page
    page = client.get(PRODUCT_PAGE).content.decode()
    assert '<input type="hidden" name="purchase" value="subscribe">' in page
    variant, interval = _variant_and_interval(page)
    assert interval == "1m"
    added = client.post(
        "/cart/add/",
        {
            "variant": variant,
            "quantity": "1",
            "purchase": "subscribe",
            "interval": interval,
        },
    )
    assert added.status_code == 302
    assert added.url == "/cart/"
    line = CheckoutLine.objects.get()
    assert (line.is_subscription, line.subscription_interval) == (True, "1m")
    cart = client.get("/cart/").content.decode()
    assert "Renews monthly until you cancel; nothing is shipped." in cart
    assert 'data-total="shipping">None needed</td>' in cart

    # and checks out: email, billing address, review, pay; no delivery step
    details = client.get("/cart/checkout/details/").content.decode()
    assert "Street address" not in details
    assert ">Delivery</a>" not in details
    to_billing = client.post("/cart/checkout/details/", {"email": reader.email})
    assert to_billing.url == "/cart/checkout/billing/"
    skipped = client.get("/cart/checkout/shipping/")
    assert skipped.url == "/cart/checkout/billing/"
    to_review = client.post("/cart/checkout/billing/", US_ADDRESS)
    assert to_review.url == "/cart/checkout/review/"
    review = client.get("/cart/checkout/review/").content.decode()
    assert "Member access, monthly" in review
    assert 'data-total="shipping">None needed</td>' in review
    assert 'data-total="total">$9.00' in review
    paid = client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": "4242 4242 4242 4242"},
        follow=True,
    )

    # then the order is made, without any shipping, and paid once
    order = Order.objects.get()
    assert f"Your order {order.number} is confirmed" in paid.content.decode()
    assert order.user_id == reader.pk
    assert order.shipping_address_id is None
    assert order.shipping_method_id is None
    assert order.shipping_price_gross_amount == Decimal("0.00")
    assert order.total_gross_amount == Decimal("9.00")
    assert order.region == "US-CA"
    assert order.billing_address.postal_code == "94043"
    assert [(li.product_name, li.is_subscription) for li in order.lines.all()] == [
        ("Member access, monthly", True)
    ]
    payment = Payment.objects.get()
    assert (payment.order_id, payment.status) == (order.pk, PaymentStatus.CHARGED)
    assert Checkout.objects.count() == 0

    # and an active membership that renews in a month
    membership = Subscription.objects.get()
    assert membership.is_membership is True
    assert membership.status == SubscriptionStatus.ACTIVE
    assert membership.user_id == reader.pk
    assert membership.shipping_address_id is None
    assert membership.interval == "1m"
    assert membership.started_on == timezone.localdate()
    assert membership.paid_until > timezone.localdate()
    assert membership_is_active(reader) is True

    # and the paid article is readable in full
    article = client.get(paid_article.url).content.decode()
    assert SENTINEL in article
    assert "Become a member" not in article


def test_a_guest_is_asked_to_sign_in_before_buying_member_access(
    client, membership_shop
):
    # given a visitor who is not signed in
    page = client.get(PRODUCT_PAGE).content.decode()
    assert "sign in first to subscribe" in page
    variant, interval = _variant_and_interval(page)

    # when they try to add it from the product page
    response = client.post(
        "/cart/add/",
        {
            "variant": variant,
            "quantity": "1",
            "purchase": "subscribe",
            "interval": interval,
        },
        HTTP_REFERER=PRODUCT_PAGE,
        follow=True,
    )

    # then they are sent back to the product with a clear message; nothing added
    assert response.redirect_chain == [(PRODUCT_PAGE, 302)]
    assert (
        "Purchase: Sign in or create an account to become a member; your "
        "membership belongs to your account." in response.content.decode()
    )
    assert CheckoutLine.objects.count() == 0

    # when they try to slip it in as a one-off purchase instead
    response = client.post(
        "/cart/add/",
        {"variant": variant, "quantity": "1", "purchase": "once"},
        HTTP_REFERER=PRODUCT_PAGE,
        follow=True,
    )

    # then that is refused too, and nothing is paid or granted
    assert (
        "Purchase: Member access, monthly is a membership that renews until you "
        "cancel it; add it from its page and choose how often it renews."
        in response.content.decode()
    )
    assert CheckoutLine.objects.count() == 0
    assert Order.objects.count() == 0
    assert Subscription.objects.count() == 0


def _buy_monthly_membership(client, reader) -> Order:
    client.force_login(reader)
    page = client.get(PRODUCT_PAGE).content.decode()
    variant, interval = _variant_and_interval(page)
    client.post(
        "/cart/add/",
        {
            "variant": variant,
            "quantity": "1",
            "purchase": "subscribe",
            "interval": interval,
        },
    )
    client.post("/cart/checkout/details/", {"email": reader.email})
    client.post("/cart/checkout/billing/", US_ADDRESS)
    client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": "4242 4242 4242 4242"},
    )
    return Order.objects.get()


def test_the_membership_order_is_digital_with_no_shipping_row(
    client, membership_shop, mailoutbox, django_capture_on_commit_callbacks
):
    # given
    reader = UserFactory(email="reader@example.com")

    # when
    with django_capture_on_commit_callbacks(execute=True):
        order = _buy_monthly_membership(client, reader)
    page = client.get(f"/orders/{order.number}/").content.decode()
    dashboard = client.get("/account/").content.decode()

    # then it is delivered at once and never waits to be shipped
    assert order.status == "fulfilled"
    assert order.status_label == "Delivered digitally"
    assert [li.quantity_unfulfilled for li in order.lines.all()] == [0]
    assert [e.type for e in order.events.order_by("pk")][:2] == ["placed", "fulfilled"]
    assert (
        '<strong class="status" data-status="fulfilled">Delivered digitally</strong>'
        in page
    )
    assert "Unfulfilled" not in page
    assert "Shipping (" not in page
    assert "Nothing is shipped" in page
    assert '<td data-label="Status">Delivered digitally</td>' in dashboard
    confirmation = next(m for m in mailoutbox if order.number in m.subject)
    assert "Shipping:" not in confirmation.body
    assert "Total: $9.00\n" in confirmation.body
    assert (
        "Billing address:\nAda Lovelace\n1600 Amphitheatre Pkwy\n"
        "MOUNTAIN VIEW, CA 94043\nUNITED STATES\n"
    ) in confirmation.body
