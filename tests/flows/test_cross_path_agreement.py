"""One answer whichever way it is asked: the pages, the API and the services agree.

The scenarios: a net-priced EU channel with 10 % tax whose free-shipping threshold
is crossed by the gross subtotal only, or by the entered one too; a gross-priced
EU channel with 19 % tax; a deactivated subscribe-and-save plan.
"""

import json
from decimal import Decimal

import pytest
from django.urls import reverse

from common.graphql.ids import to_global_id
from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
)
from storefront.checkout.views import SESSION_KEY
from storefront.subscriptions.selectors import subscription_line_prices
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import DE_ADDRESS, sellable_variant, shipping_method
from tests.storefront.subscriptions.conftest import sub_shop, subscription

__all__ = ["sub_shop", "subscription"]

CHECKOUT = """
query($id: ID) {
  checkout(id: $id) {
    shippingMethods { name price { amount currency } }
    lines { unitPrice { net { amount } gross { amount } } }
    subtotalPrice { net { amount } gross { amount } }
  }
}"""
VARIANT = """
query($id: ID!, $channel: String) {
  productVariant(id: $id, channel: $channel) {
    pricing { price { net { amount } gross { amount } } }
  }
}"""
SUBSCRIPTION = """
query($id: ID!) { me { subscription(id: $id) { lines { unitPrice { amount } } } } }"""


def _gql(client, query, variables):
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
    )
    content = response.json()
    assert "errors" not in content, content.get("errors")
    return content["data"]


def _eu_checkout(*, net_priced: bool, price: str, rate: str, settings):
    settings.CHECKOUT_TAX_RATES = {**settings.CHECKOUT_TAX_RATES, "DE": rate}
    channel = ChannelFactory(
        name="Europe",
        slug="eu",
        currency_code="EUR",
        default_country="DE",
        countries=["DE"],
        prices_entered_with_tax=not net_priced,
        claims_regime="eu",
    )
    warehouse = WarehouseFactory(channels=[channel])
    variant = sellable_variant(
        channel=channel, warehouse=warehouse, price=price, stock=10
    )
    shipping_method(channel=channel, countries=["DE"], price="5.50", free_above="50.00")
    checkout = checkout_create(channel=channel, region="DE")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    checkout_email_set(checkout=checkout, email="grete@example.com")
    checkout_shipping_address_set(checkout=checkout, data=DE_ADDRESS)
    return channel, variant, checkout


def _shopping_in(client, channel, checkout):
    session = client.session
    session[SESSION_CHANNEL_KEY] = channel.slug
    session[SESSION_REGION_KEY] = "DE"
    session[SESSION_KEY] = str(checkout.token)
    session.save()


@pytest.mark.parametrize(
    ("price", "shipping"),
    [
        # 47.00 net is 51.70 gross: only the gross subtotal reaches 50.00.
        ("47.00", Decimal("5.50")),
        ("52.00", Decimal("0.00")),
    ],
)
def test_free_shipping_is_decided_once_in_a_net_priced_channel(
    client, db, settings, price, shipping
):
    # given a net-priced channel with 10 % tax and shipping free from 50.00
    channel, _variant, checkout = _eu_checkout(
        net_priced=True, price=price, rate="10", settings=settings
    )
    _shopping_in(client, channel, checkout)

    # when the checkout service, the shipping page and the API are asked
    totals = checkout_totals_calculate(info=checkout_info_fetch(checkout=checkout))
    page = client.get(reverse("checkout:shipping")).content.decode()
    api = _gql(client, CHECKOUT, {"id": to_global_id("Checkout", checkout.token)})

    # then they give the same price for the method
    assert totals.subtotal_entered.amount == Decimal(price)
    method = api["checkout"]["shippingMethods"][0]
    assert Decimal(str(method["price"]["amount"])) == shipping
    if shipping:
        assert "Standard — 5,50\xa0€" in page
    else:
        assert "Standard — free" in page


def test_prices_carry_the_same_tax_in_the_api_and_the_checkout(client, db, settings):
    # given a gross-priced channel with 19 % tax and a 24.00 product
    channel, variant, checkout = _eu_checkout(
        net_priced=False, price="24.00", rate="19", settings=settings
    )

    # when the checkout service and the API price the product
    totals = checkout_totals_calculate(info=checkout_info_fetch(checkout=checkout))
    product = _gql(
        client,
        VARIANT,
        {"id": to_global_id("ProductVariant", variant.pk), "channel": channel.slug},
    )
    api = _gql(client, CHECKOUT, {"id": to_global_id("Checkout", checkout.token)})

    # then every path says net 20.17, gross 24.00
    unit = totals.lines[0].unit_price
    assert (unit.net.amount, unit.gross.amount) == (
        Decimal("20.17"),
        Decimal("24.00"),
    )
    catalogue_price = product["productVariant"]["pricing"]["price"]
    assert catalogue_price == {"net": {"amount": 20.17}, "gross": {"amount": 24.0}}
    assert api["checkout"]["lines"][0]["unitPrice"] == catalogue_price


def test_a_deactivated_plan_gives_no_discount_on_any_path(
    client, subscription, sub_shop
):
    # given the 10 % plan of the 20.00 product is switched off
    sub_shop.plan.is_active = False
    sub_shop.plan.save()
    client.force_login(sub_shop.customer)

    # when the selector, the account page and the API are asked
    prices = subscription_line_prices(subscription=subscription)
    page = client.get(
        reverse("subscriptions:detail", args=[subscription.pk])
    ).content.decode()
    api = _gql(
        client,
        SUBSCRIPTION,
        {"id": to_global_id("CustomerSubscription", subscription.pk)},
    )

    # then all of them show the full price
    assert [p.unit_amount for p in prices] == [Decimal("20.00")]
    assert '<td data-label="Price each">$20.00</td>' in page
    assert api["me"]["subscription"]["lines"] == [{"unitPrice": {"amount": 20.0}}]
