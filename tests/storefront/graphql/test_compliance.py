"""Our compliance additions: Product.compliance, Checkout.compliance, and the API
refusing what the pages refuse (region, age, stock) with coded errors."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.graphql.ids import to_global_id
from compliance.claims import US_DISCLAIMER_SINGULAR
from compliance.product_classes import ProductClass
from compliance.rules import rules_load
from storefront.checkout.models import Checkout
from storefront.orders.models import Order
from storefront.payments.models import Payment
from tests.factories.catalogue import WarehouseFactory, listed_product
from tests.factories.checkout import sellable_variant, shipping_method

COMPLIANCE_FIELDS = """
  compliance(region: $region) {
    region decision minimumAge assurance reason rules rulesVersion
    adultSignatureRequired claimsDisclaimer
  }
"""
PRODUCTS = (
    'query($first: Int, $region: String) { products(first: $first, channel: "us") '
    "{ edges { node { slug " + COMPLIANCE_FIELDS + " } } } }"
)
PRODUCTS_PLAIN = (
    'query($first: Int) { products(first: $first, channel: "us") '
    "{ edges { node { slug } } } }"
)
PRODUCT = (
    'query($slug: String, $region: String) { product(slug: $slug, channel: "us") '
    "{ slug " + COMPLIANCE_FIELDS + " } }"
)


@pytest.fixture
def catalogue(channel):
    return {
        "tea": listed_product(
            channel=channel,
            name="Chamomile tea",
            slug="chamomile",
            benefits=["Supports a calm mood"],
        ),
        "kratom": listed_product(
            channel=channel,
            name="Kratom powder",
            slug="kratom",
            regulated_class=ProductClass.KRATOM,
            benefits=["Finely milled leaf"],
        ),
        "cbd": listed_product(
            channel=channel,
            name="CBD oil",
            slug="cbd-oil",
            regulated_class=ProductClass.CBD,
        ),
    }


def nodes(data):
    return {
        e["node"]["slug"]: e["node"]["compliance"] for e in data["products"]["edges"]
    }


def test_products_compliance_in_alabama(gql, catalogue):
    version = rules_load().version

    found = nodes(gql(PRODUCTS, {"first": 10, "region": "us-al"}))

    assert found["kratom"]["decision"] == "PROHIBITED"
    assert found["kratom"]["region"] == "US-AL"
    assert found["kratom"]["rules"] == ["LEG.KRATOM.US-AL"]
    assert found["kratom"]["reason"] == (
        "Kratom cannot be shipped to Alabama (US-AL). Why: Kratom's alkaloids "
        "mitragynine and 7-hydroxymitragynine are Schedule I controlled substances "
        "in Alabama. Source: Alabama's Schedule I of controlled substances, as "
        "amended in May 2016, in effect since 10 May 2016."
    )
    assert found["cbd-oil"]["decision"] == "PROHIBITED"
    assert found["chamomile"] == {
        "region": "US-AL",
        "decision": "ALLOWED",
        "minimumAge": None,
        "assurance": "NONE",
        "reason": found["chamomile"]["reason"],
        "rules": found["chamomile"]["rules"],
        "rulesVersion": version,
        "adultSignatureRequired": False,
        "claimsDisclaimer": US_DISCLAIMER_SINGULAR,
    }
    assert found["kratom"]["claimsDisclaimer"] is None
    assert {c["rulesVersion"] for c in found.values()} == {version}


def test_product_compliance_defaults_to_the_channel_country(gql, catalogue):
    kratom = gql(PRODUCT, {"slug": "kratom"})["product"]["compliance"]

    assert kratom["region"] == "US"
    assert kratom["decision"] == "RESTRICTED"
    assert kratom["minimumAge"] == 21
    assert kratom["assurance"] == "VERIFIED"
    assert kratom["adultSignatureRequired"] is True


def test_unknown_region_is_a_clear_error(api, catalogue):
    content = api(PRODUCT, {"slug": "kratom", "region": "XX-NOPE"})

    assert content["errors"][0]["message"] == (
        "Unknown region 'XX-NOPE': use an ISO 3166 country code such as 'DE' or a "
        "subdivision code such as 'US-TX'."
    )


def test_compliance_adds_no_queries_per_product(gql, channel):
    # given 30 products across three classes
    for index in range(30):
        listed_product(
            channel=channel,
            regulated_class=(
                ProductClass.GENERAL,
                ProductClass.KRATOM,
                ProductClass.CBD,
            )[index % 3],
            prices=(Decimal("10.00"),),
        )

    # when the listing is read with and without compliance, for 5 and for 30
    gql(PRODUCTS_PLAIN, {"first": 1, "region": "US-TX"})  # fills the channel cache
    counts = {}
    for query, first in (
        (PRODUCTS_PLAIN, 5),
        (PRODUCTS_PLAIN, 30),
        (PRODUCTS, 5),
        (PRODUCTS, 30),
    ):
        with CaptureQueriesContext(connection) as captured:
            gql(query, {"first": first, "region": "US-TX"})
        counts[(query, first)] = len(captured)

    # then compliance costs no query at all, whatever the page size
    assert counts[(PRODUCTS, 5)] == counts[(PRODUCTS_PLAIN, 5)]
    assert counts[(PRODUCTS, 30)] == counts[(PRODUCTS_PLAIN, 30)]
    assert counts[(PRODUCTS, 30)] == counts[(PRODUCTS, 5)]


def test_compliance_decides_once_per_class_per_request(gql, channel, monkeypatch):
    from storefront.graphql.compliance import types as compliance_types

    calls = []
    real = compliance_types.availability_decide

    def counting(**kwargs):
        calls.append(kwargs["product_class"])
        return real(**kwargs)

    monkeypatch.setattr(compliance_types, "availability_decide", counting)
    for index in range(9):
        listed_product(
            channel=channel,
            regulated_class=(ProductClass.GENERAL, ProductClass.KRATOM)[index % 2],
        )

    gql(PRODUCTS, {"first": 20, "region": "US-TX"})

    assert sorted(calls) == ["general", "kratom"]


# --- checkout --------------------------------------------------------------------

CREATE = """
mutation($input: CheckoutCreateInput!) {
  checkoutCreate(input: $input) {
    errors { field code message } checkout { id }
  }
}"""
LINES_ADD = """
mutation($id: ID, $lines: [CheckoutLineInput!]!) {
  checkoutLinesAdd(id: $id, lines: $lines) {
    errors { field code message } checkout { lines { quantity } }
  }
}"""
SHIPPING = """
mutation($id: ID, $address: AddressInput!) {
  checkoutShippingAddressUpdate(id: $id, shippingAddress: $address) {
    errors { field code message }
    checkout { compliance {
      region minimumAge adultSignatureRequired
      problems { sku decision reason problem { code message } }
    } }
  }
}"""
CHECKOUT_COMPLIANCE = """
query($id: ID) {
  checkout(id: $id) {
    compliance { region rulesVersion minimumAge adultSignatureRequired
                 lines { sku decision minimumAge assurance problem { code } }
                 problems { sku } }
  }
}"""
DELIVERY = """
mutation($id: ID, $method: ID) {
  checkoutDeliveryMethodUpdate(id: $id, deliveryMethodId: $method) {
    errors { field code message }
  }
}"""
PAY = """
mutation($id: ID!) {
  transactionInitialize(id: $id,
      paymentGateway: {id: "saleor.io.dummy-payment-app"}) {
    errors { field code message } transaction { id }
  }
}"""
ALABAMA = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "1 Dexter Ave",
    "city": "Montgomery",
    "postalCode": "36104",
    "country": "US",
    "countryArea": "AL",
}
CALIFORNIA = {
    **ALABAMA,
    "streetAddress1": "1600 Amphitheatre Pkwy",
    "city": "Mountain View",
    "postalCode": "94043",
    "countryArea": "CA",
}


@pytest.fixture
def regulated_shop(channel):
    warehouse = WarehouseFactory(channels=[channel])
    kratom = sellable_variant(
        channel=channel,
        warehouse=warehouse,
        price="30.00",
        stock=5,
        product_fields={
            "name": "Kratom powder",
            "regulated_class": ProductClass.KRATOM,
        },
    )
    tea = sellable_variant(channel=channel, warehouse=warehouse, price="6.00", stock=5)
    method = shipping_method(channel=channel, countries=["US"])
    return kratom, tea, method


def new_checkout(gql, **fields):
    created = gql(
        CREATE, {"input": {"channel": "us", "email": "ada@example.com", **fields}}
    )["checkoutCreate"]
    assert created["errors"] == []
    return created["checkout"]["id"]


def add(gql, checkout_id, variant, quantity=1):
    return gql(
        LINES_ADD,
        {
            "id": checkout_id,
            "lines": [
                {
                    "variantId": to_global_id("ProductVariant", variant.pk),
                    "quantity": quantity,
                }
            ],
        },
    )["checkoutLinesAdd"]


def test_adding_a_product_prohibited_at_the_address_is_refused(gql, regulated_shop):
    kratom, _tea, _ = regulated_shop
    checkout_id = new_checkout(gql, shippingAddress=ALABAMA)

    result = add(gql, checkout_id, kratom)

    assert result["checkout"] is None
    assert len(result["errors"]) == 1
    error = result["errors"][0]
    assert error["code"] == "NOT_AVAILABLE_IN_REGION"
    assert error["field"] == "variant"
    assert error["message"].startswith(
        "Kratom powder cannot be sold to your region: Kratom cannot be shipped to "
        "Alabama"
    )
    assert error["message"].endswith(
        "Source: Alabama's Schedule I of controlled substances, as amended in May "
        "2016, in effect since 10 May 2016."
    )
    assert Checkout.objects.get().lines.count() == 0


def test_moving_the_address_to_alabama_marks_the_line_and_payment_is_refused(
    gql, regulated_shop
):
    # given kratom and tea in a cart while the region is the channel's (US)
    kratom, tea, method = regulated_shop
    checkout_id = new_checkout(gql)
    assert add(gql, checkout_id, kratom)["errors"] == []
    assert add(gql, checkout_id, tea)["errors"] == []

    # when the shipping address is in Alabama
    moved = gql(SHIPPING, {"id": checkout_id, "address": ALABAMA})
    moved = moved["checkoutShippingAddressUpdate"]
    gql(
        DELIVERY,
        {"id": checkout_id, "method": to_global_id("ShippingMethod", method.pk)},
    )
    paid = gql(PAY, {"id": checkout_id})["transactionInitialize"]

    # then the kratom line shows why, and paying is refused before any money moves
    assert moved["errors"] == []
    compliance = moved["checkout"]["compliance"]
    assert compliance["region"] == "US-AL"
    assert compliance["minimumAge"] is None
    assert len(compliance["problems"]) == 1
    problem = compliance["problems"][0]
    assert problem["sku"] == kratom.sku
    assert problem["decision"] == "PROHIBITED"
    assert problem["problem"]["code"] == "NOT_AVAILABLE_IN_REGION"
    assert "Alabama" in problem["problem"]["message"]
    assert paid == {
        "errors": [
            {
                "field": "lines",
                "code": "UNAVAILABLE_LINES",
                "message": "Some items in your cart cannot be bought as things stand. "
                "Remove them or change them before paying.",
            }
        ],
        "transaction": None,
    }
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_age_restricted_line_without_verification_is_refused(gql, regulated_shop):
    # given kratom (21+, verified in the US) shipping to California
    kratom, _tea, method = regulated_shop
    checkout_id = new_checkout(gql, shippingAddress=CALIFORNIA)
    assert add(gql, checkout_id, kratom)["errors"] == []
    gql(
        DELIVERY,
        {"id": checkout_id, "method": to_global_id("ShippingMethod", method.pk)},
    )

    # when the checkout's compliance is read and payment is started
    compliance = gql(CHECKOUT_COMPLIANCE, {"id": checkout_id})["checkout"]["compliance"]
    paid = gql(PAY, {"id": checkout_id})["transactionInitialize"]

    # then it says what age is needed, and paying is refused with the code
    assert compliance == {
        "region": "US-CA",
        "rulesVersion": rules_load().version,
        "minimumAge": 21,
        "adultSignatureRequired": True,
        "lines": [
            {
                "sku": kratom.sku,
                "decision": "RESTRICTED",
                "minimumAge": 21,
                "assurance": "VERIFIED",
                "problem": None,
            }
        ],
        "problems": [],
    }
    assert len(paid["errors"]) == 1
    assert paid["errors"][0]["code"] == "AGE_VERIFICATION_REQUIRED"
    assert paid["errors"][0]["field"] == "ageVerification"
    assert paid["errors"][0]["message"].startswith("Kratom powder: ")
    assert Payment.objects.count() == 0


def test_too_little_stock_is_refused_with_its_code(gql, regulated_shop):
    _kratom, tea, _ = regulated_shop
    checkout_id = new_checkout(gql)

    result = add(gql, checkout_id, tea, quantity=6)

    assert result == {
        "errors": [
            {
                "field": "quantity",
                "code": "INSUFFICIENT_STOCK",
                "message": "Only 5 left in stock.",
            }
        ],
        "checkout": None,
    }


AGE_REQUIREMENT = """
query($id: ID) {
  checkout(id: $id) {
    compliance { ageRequirement { minimumAge assurance satisfied step message } }
  }
}"""


def test_a_cart_without_an_age_needs_no_age_assurance(gql, regulated_shop):
    _kratom, tea, _method = regulated_shop
    checkout_id = new_checkout(gql, shippingAddress=CALIFORNIA)
    assert add(gql, checkout_id, tea)["errors"] == []

    found = gql(AGE_REQUIREMENT, {"id": checkout_id})["checkout"]["compliance"]

    assert found["ageRequirement"] == {
        "minimumAge": None,
        "assurance": "NONE",
        "satisfied": True,
        "step": None,
        "message": None,
    }


def test_the_age_evidence_is_read_only_when_the_age_requirement_is_asked(
    gql, regulated_shop
):
    kratom, _tea, _method = regulated_shop
    checkout_id = new_checkout(gql, shippingAddress=CALIFORNIA)
    assert add(gql, checkout_id, kratom)["errors"] == []

    def age_queries(query: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            gql(query, {"id": checkout_id})
        return sum("compliance_ageverification" in q["sql"] for q in queries)

    assert age_queries(CHECKOUT_COMPLIANCE) == 0
    assert age_queries(AGE_REQUIREMENT) == 1
