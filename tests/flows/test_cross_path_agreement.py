"""One answer whichever way it is asked: the pages, the API and the services agree.

The scenarios: a net-priced EU channel with 10 % tax whose free-shipping threshold
is crossed by the gross subtotal only, or by the entered one too; a gross-priced
EU channel with 19 % tax; a deactivated subscribe-and-save plan; a class a US
state prohibits (kratom in Alabama) and an age-restricted line (kratom in Texas,
21 or over with a verified age), refused the same way and for the same reason by
the pages, the API and the staff admin.
"""

import html
import json
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from common.graphql.ids import to_global_id
from compliance.models import AgeLevel, AgeMethod, AgeResult, AgeVerification
from compliance.regions import availability_decide
from storefront.accounts.models import User
from storefront.catalogue.compliance_overview import compliance_overview
from storefront.channels.regions import region_name
from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY
from storefront.checkout.age import checkout_age_requirement
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.checkout.views import SESSION_KEY
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment
from storefront.subscriptions.selectors import subscription_line_prices
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import (
    DE_ADDRESS,
    US_ADDRESS,
    sellable_variant,
    shipping_method,
)
from tests.storefront.checkout.conftest import shop
from tests.storefront.subscriptions.conftest import sub_shop, subscription

__all__ = ["shop", "sub_shop", "subscription"]

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


# --- refusals: a prohibited region and an age-restricted line ------------------

ALABAMA = {**US_ADDRESS, "city": "Montgomery", "postal_code": "36104"}
ALABAMA["country_area"] = "AL"
TEXAS = {**US_ADDRESS, "city": "Austin", "postal_code": "78701", "country_area": "TX"}
COLORADO = {**US_ADDRESS, "city": "Denver", "postal_code": "80203"}
COLORADO["country_area"] = "CO"
PAY = {"gateway": "dummy", "card_number": CARD_SUCCESS}
GQL_ALABAMA = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "600 Dexter Ave",
    "city": "Montgomery",
    "postalCode": "36104",
    "country": "US",
    "countryArea": "AL",
}
PRODUCT_COMPLIANCE = """
query($slug: String!, $channel: String!) {
  product(slug: $slug, channel: $channel) {
    compliance(region: "US-AL") { decision reason }
  }
}"""
SHIP_TO = """
mutation($id: ID, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    errors { field code message }
    checkout { compliance { problems { reason problem { code message } } } }
  }
}"""
COMPLETE = """
mutation($id: ID) {
  checkoutComplete(id: $id) { errors { field code message } order { id } }
}"""
AGE_REQUIREMENT = """
query($id: ID) {
  checkout(id: $id) {
    compliance {
      ageRequirement { minimumAge assurance satisfied step message }
    }
  }
}"""


def _api(client, query, variables):
    response = client.post(
        "/graphql/",
        data=json.dumps({"query": query, "variables": variables}),
        content_type="application/json",
    )
    content = response.json()
    assert "errors" not in content, content.get("errors")
    return content["data"]


def _kratom(shop):
    return sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        product_fields={"regulated_class": "kratom", "name": "Kratom Powder"},
    )


def _staff_client() -> Client:
    staff = Client()
    staff.force_login(User.objects.create_superuser("officer@example.com", "x" * 12))
    return staff


def _session(client, shop, *, region: str, checkout=None) -> None:
    session = client.session
    session[SESSION_CHANNEL_KEY] = shop.channel.slug
    session[SESSION_REGION_KEY] = region
    if checkout is not None:
        session[SESSION_KEY] = str(checkout.token)
    session.save()


def _text(response) -> str:
    return html.unescape(response.content.decode())


def _verified_adult(checkout) -> None:
    AgeVerification.objects.create(
        subject_ref=f"guest:{checkout.token}",
        result=AgeResult.APPROVED,
        level=AgeLevel.VERIFIED,
        method=AgeMethod.ID_DOCUMENT,
        provider="test",
        threshold=21,
        verified_at=timezone.now(),
    )


def _ready_checkout(shop, variant, address):
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    checkout_email_set(checkout=checkout, email="shopper@example.com")
    checkout_shipping_address_set(checkout=checkout, data=address)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    return checkout


def test_a_prohibited_region_refuses_the_class_alike_on_every_path(client, shop):
    # given kratom, which Alabama prohibits, and the rule's decision and reason
    kratom = _kratom(shop)
    decision = availability_decide(product_class="kratom", region="US-AL")
    why = " ".join(basis.sentence for basis in decision.basis)
    assert decision.decision == "prohibited"
    assert why.startswith("Why: ")

    # when a shopper whose region is Alabama opens the product page
    _session(client, shop, region="US-AL")
    page = _text(client.get(f"/products/{kratom.product.slug}/"))
    added = _text(client.post("/cart/add/", {"variant": kratom.pk}, follow=True))
    # and a cart holding kratom is sent to an Alabama address, on the page and in
    # the API
    on_page = _ready_checkout(shop, kratom, COLORADO)
    _session(client, shop, region="US", checkout=on_page)
    client.post("/cart/checkout/details/", {"email": "a@example.com", **ALABAMA})
    address_step = _text(client.get("/cart/checkout/details/"))
    paid_on_page = _text(client.post("/cart/checkout/pay/", PAY, follow=True))
    in_api = _ready_checkout(shop, kratom, COLORADO)
    api_id = to_global_id("Checkout", in_api.token)
    product = _api(
        client,
        PRODUCT_COMPLIANCE,
        {"slug": kratom.product.slug, "channel": shop.channel.slug},
    )["product"]["compliance"]
    shipped = _api(client, SHIP_TO, {"id": api_id, "address": GQL_ALABAMA})
    completed = _api(client, COMPLETE, {"id": api_id})["checkoutComplete"]

    # then the pages refuse it with the rule's own reason
    assert f"This product cannot be sold to {region_name('US-AL')}. {why}" in page
    assert f"Kratom Powder cannot be sold to your region: {decision.explained}" in (
        added
    )
    assert "This item cannot be shipped to this address" in address_step
    assert decision.explained in address_step
    refused = (
        "Some items in your cart cannot be bought as things stand. "
        "Remove them or change them before paying."
    )
    assert refused in paid_on_page
    # and the API says the same
    assert product == {"decision": "PROHIBITED", "reason": decision.explained}
    update = shipped["checkoutShippingAddressUpdate"]
    assert update["errors"] == []
    assert update["checkout"]["compliance"]["problems"] == [
        {
            "reason": decision.explained,
            "problem": {
                "code": "NOT_AVAILABLE_IN_REGION",
                "message": decision.explained,
            },
        }
    ]
    assert [(e["field"], e["message"]) for e in completed["errors"]] == [
        ("lines", refused)
    ]
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_staff_see_and_meet_the_same_prohibition(client, shop):
    # given a paid kratom order for Colorado whose address then moves to Alabama
    kratom = _kratom(shop)
    checkout = _ready_checkout(shop, kratom, COLORADO)
    _verified_adult(checkout)
    outcome = checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
    )
    order = Order.objects.get(pk=outcome.order_id)
    order.shipping_address.country_area = "AL"
    order.shipping_address.save()
    decision = availability_decide(product_class="kratom", region="US-AL")
    staff = _staff_client()
    line = order.lines.get()

    # when staff open the order, try to ship it, and read the overview
    detail = _text(staff.get(f"/django-admin/orders/order/{order.pk}/change/"))
    fulfil_url = f"/django-admin/orders/order/{order.pk}/fulfil/"
    fulfil_page = _text(staff.get(fulfil_url))
    shipped = _text(staff.post(fulfil_url, {f"line-{line.pk}": "1"}))
    overview = _text(
        staff.get(
            "/django-admin/catalogue/product/compliance-overview/",
            {"jurisdiction": "US-AL", "product_class": "kratom"},
        )
    )
    rows = compliance_overview(jurisdiction="US-AL", product_class="kratom")

    # then every staff view gives the shopper's decision and reason
    assert f"<strong>prohibited</strong>: {decision.explained}" in detail
    assert f"<strong>prohibited</strong>: {decision.explained}" in fulfil_page
    assert (
        f"Kratom Powder: {decision.explained} It can no longer be shipped to this "
        "address; ship 0 of it and cancel or refund it instead."
    ) in shipped
    assert [(r.decision, r.reason) for r in rows] == [
        ("prohibited", decision.explained)
    ]
    assert f'title="{decision.explained} ' in overview
    order.refresh_from_db()
    assert order.fulfillments.count() == 0


def test_an_age_restricted_line_is_refused_alike_on_every_path(client, shop):
    # given kratom for Texas (21 or over, verified) in a guest's cart
    kratom = _kratom(shop)
    checkout = _ready_checkout(shop, kratom, TEXAS)
    _session(client, shop, region="US-TX", checkout=checkout)
    api_id = {"id": to_global_id("Checkout", checkout.token)}
    under_age = "You must be 21 or older to buy Kratom in Texas."
    unverified = (
        "Kratom Powder: Age verification required. This product needs a verified "
        "age of 21 or over in Texas; use “Verify your age” before paying."
    )

    # when a 16-year-old declares their age on the page (kept only as "under
    # 18"), then pays on the page and in the API
    born = {"dob_day": 1, "dob_month": 1, "dob_year": timezone.localdate().year - 17}
    declared = _text(client.post("/cart/checkout/date-of-birth/", born, follow=True))
    review = _text(client.get("/cart/checkout/review/"))
    paid = _text(client.post("/cart/checkout/pay/", PAY, follow=True))
    completed = _api(client, COMPLETE, api_id)["checkoutComplete"]
    asked = _api(client, AGE_REQUIREMENT, api_id)["checkout"]["compliance"]

    # then every path refuses for the same reason
    requirement = checkout_age_requirement(checkout)
    assert (requirement.minimum_age, requirement.assurance_level) == (21, "verified")
    assert requirement.refusal is not None
    assert requirement.refusal.message == under_age
    assert f"Date of birth: {under_age}" in declared
    assert under_age in review
    assert under_age in paid
    assert [(e["field"], e["code"], e["message"]) for e in completed["errors"]] == [
        ("dateOfBirth", "AGE_VERIFICATION_REQUIRED", under_age)
    ]
    assert asked["ageRequirement"] == {
        "minimumAge": 21,
        "assurance": "VERIFIED",
        "satisfied": False,
        "step": "UNDER_AGE",
        "message": under_age,
    }

    # when an adult who has not been verified yet declares and pays
    born["dob_year"] -= 23
    client.post("/cart/checkout/date-of-birth/", born)
    paid = _text(client.post("/cart/checkout/pay/", PAY, follow=True))
    completed = _api(client, COMPLETE, api_id)["checkoutComplete"]

    # then both paths name the missing verification
    assert unverified in paid
    assert [(e["field"], e["message"]) for e in completed["errors"]] == [
        ("ageVerification", unverified)
    ]
    assert Payment.objects.count() == 0


def test_staff_see_the_age_the_checkout_required(client, shop):
    # given a verified adult's kratom order for Texas, paid on the page
    kratom = _kratom(shop)
    checkout = _ready_checkout(shop, kratom, TEXAS)
    _verified_adult(checkout)
    requirement = checkout_age_requirement(checkout)
    _session(client, shop, region="US-TX", checkout=checkout)
    client.post("/cart/checkout/pay/", PAY)
    order = Order.objects.get()

    # when staff open the order
    detail = _text(
        _staff_client().get(f"/django-admin/orders/order/{order.pk}/change/")
    )

    # then it carries the checkout's age requirement: the line's minimum age,
    # the level, the evidence the sale was made on, and the adult signature
    age, level = requirement.minimum_age, requirement.assurance_level
    assert requirement.satisfied
    assert order.lines.get().min_age == age
    assert order.metadata["age_assurance"] == level
    assert order.requires_adult_signature
    assert f"<td>Kratom Powder</td><td>kratom</td><td>{age}+</td>" in detail
    assert f"<strong>restricted</strong> ({age}+, {level})" in detail
    assert "Adult signature on delivery." in detail
