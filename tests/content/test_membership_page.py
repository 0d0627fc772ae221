"""The membership page: plans, prices per region, what is included, member articles."""

import io
import re

import pytest

from storefront.checkout.models import CheckoutLine
from storefront.subscriptions.demo import populate_membership
from tests.factories.catalogue import ChannelFactory, eu_channel, uk_channel
from tests.factories.content import article_create, rich
from tests.factories.subscriptions import UserFactory


@pytest.fixture
def membership_shop(db, settings):
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    channel = ChannelFactory()
    eu_channel()
    uk_channel()
    populate_membership(io.StringIO())
    return channel


@pytest.fixture
def paid_article(membership_shop):
    return article_create(
        title="The long guide",
        slug="the-long-guide",
        access_level="paid",
        preview_block_count=1,
        body=[rich("An opening anyone may read."), rich("The part for members.")],
    )


def test_paywall_sends_readers_to_the_membership_page(client, paid_article):
    # when
    html = client.get(paid_article.url).content.decode()

    # then
    assert (
        '<a class="button button--large" href="/membership/">Become a member</a>'
        in html
    )
    assert 'href="/subscriptions/"' not in html


def test_page_lists_plans_prices_per_region_and_member_articles(client, paid_article):
    # when
    response = client.get("/membership/")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "Plans in " in html
    plans = response.context["offer"].plans
    assert [(p.name, p.interval, str(p.price)) for p in plans] == [
        ("Member access, monthly", "1m", "Money('9.00', 'USD')"),
        ("Member access, yearly", "1y", "Money('90.00', 'USD')"),
    ]
    assert '<span data-testid="plan-price">$9.00</span>, renews monthly' in html
    assert '<span data-testid="plan-price">$90.00</span>, renews yearly' in html
    assert [name for name, _ in response.context["offer"].by_channel] == [
        "United States",
        "Europe",
        "United Kingdom",
    ]
    assert (
        '<th scope="row">Europe</th><td>8,50\xa0€ monthly; 85,00\xa0€ yearly</td>'
        in html
    )
    assert (
        '<th scope="row">United Kingdom</th><td>£7.50 monthly; £75.00 yearly</td>'
        in html
    )
    assert "<li>All members-only articles</li><li>Cancel any time</li>" in html
    assert f'<a href="{paid_article.url}">The long guide</a>' in html
    # a guest is asked to sign in first, and comes back here
    assert 'href="/account/login/?next=/membership/"' in html
    assert 'name="purchase" value="subscribe"' not in html


def test_query_count_does_not_grow_with_articles(
    client, paid_article, django_assert_num_queries
):
    # given the count with one member article
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get("/membership/")  # warms the per-process site and page caches
    with CaptureQueriesContext(connection) as one:
        client.get("/membership/")
    for n in range(4):
        article_create(
            title=f"Guide {n}",
            slug=f"guide-{n}",
            access_level="paid",
            body=[rich("Text.")],
        )

    # then five articles cost the same
    with django_assert_num_queries(len(one)):
        client.get("/membership/")


def test_signed_in_reader_joins_from_the_page(client, membership_shop):
    # given
    reader = UserFactory(email="reader@example.com")
    client.force_login(reader)
    html = client.get("/membership/").content.decode()
    assert html.count('name="purchase" value="subscribe"') == 2

    # when the reader joins monthly
    variant = re.search(r'name="variant" value="(\d+)"', html).group(1)
    added = client.post(
        "/cart/add/",
        {
            "variant": variant,
            "quantity": "1",
            "purchase": "subscribe",
            "interval": "1m",
        },
    )

    # then the membership is in the cart, renewing monthly
    assert added.status_code == 302
    line = CheckoutLine.objects.get()
    assert line.variant.sku == "MEMBER-ACCESS-MONTHLY"
    assert (line.is_subscription, line.subscription_interval) == (True, "1m")


def test_a_region_without_membership_says_so(client, db, settings):
    # given a shop whose channel sells no membership
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    ChannelFactory()

    # when
    html = client.get("/membership/").content.decode()

    # then
    assert "Membership is not sold in" in html
    assert "Prices in each region" not in html
