"""A cart of goods that need no delivery: no shipping address or method.

Services, selectors and totals on PostgreSQL; the pages are in
test_digital_views.py and the membership purchase in
tests/flows/test_membership_purchase.py.
"""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from prices import Money, TaxedMoney

from storefront.accounts.models import Address
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.errors import (
    CheckoutErrorCode,
    CheckoutNotReadyError,
    UnavailableLinesError,
)
from storefront.checkout.models import Checkout, CheckoutLine
from storefront.checkout.selectors import (
    checkout_info_fetch,
    checkout_shipping_required,
)
from storefront.checkout.services.cart import (
    checkout_create,
    checkout_line_add,
    checkout_line_delete,
)
from storefront.checkout.services.details import (
    checkout_billing_address_set,
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.checkout.services.validation import checkout_validate_for_payment
from storefront.orders.errors import OrderLineNotAvailableInRegionError
from storefront.orders.models import Order
from storefront.orders.services import OrderLineInput, OrderTotalsInput, order_create
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment
from storefront.subscriptions.models import Interval, SubscriptionPlan
from tests.factories.catalogue import ProductTypeFactory, WarehouseFactory, eu_channel
from tests.factories.checkout import DE_ADDRESS, US_ADDRESS, sellable_variant

ALABAMA = {
    **US_ADDRESS,
    "street_address_1": "600 Dexter Ave",
    "city": "Montgomery",
    "postal_code": "36104",
    "country_area": "AL",
}
NEW_YORK = {
    **US_ADDRESS,
    "street_address_1": "350 5th Ave",
    "city": "New York",
    "postal_code": "10118",
    "country_area": "NY",
}
NL_ADDRESS = {
    "first_name": "Anne",
    "last_name": "Visser",
    "street_address_1": "Dam 1",
    "city": "Amsterdam",
    "postal_code": "1012 JS",
    "country": "NL",
}


def digital_variant(*, channel, warehouse, price="9.00", **product_fields):
    """A published product whose type needs no shipping (like the membership)."""
    product_type = ProductTypeFactory(
        name="Digital", slug="digital", is_shipping_required=False, is_digital=True
    )
    return sellable_variant(
        channel=channel,
        warehouse=warehouse,
        price=price,
        track_inventory=False,
        product_fields={"product_type": product_type, **product_fields},
    )


@pytest.fixture
def digital(shop):
    return digital_variant(
        channel=shop.channel, warehouse=shop.warehouse, name="Reading pass"
    )


def _digital_checkout(shop, variant, *, region="US", billing=US_ADDRESS):
    checkout = checkout_create(channel=shop.channel, region=region)
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    checkout_email_set(checkout=checkout, email="ada@example.com")
    if billing is not None:
        checkout_billing_address_set(
            checkout=checkout, same_as_shipping=False, data=billing
        )
    return Checkout.objects.get(pk=checkout.pk)


def test_shipping_is_required_as_soon_as_one_line_needs_it(shop, digital):
    # given a cart with the digital product only
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=digital.pk, quantity=1)

    # then
    assert checkout_info_fetch(checkout=checkout).shipping_required is False
    assert checkout_shipping_required(checkout=checkout) is False

    # when a physical product joins it
    checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=1)

    # then
    assert checkout_info_fetch(checkout=checkout).shipping_required is True
    assert checkout_shipping_required(checkout=checkout) is True


def test_digital_cart_is_paid_and_ordered_without_shipping(shop, digital):
    # given email and billing address only
    checkout = _digital_checkout(shop, digital)
    info = checkout_info_fetch(checkout=checkout)

    # when
    checkout_validate_for_payment(info=info)  # raises nothing
    totals = checkout_totals_calculate(info=info)
    outcome = checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
    )

    # then no shipping anywhere, the billing address copied, the region its own
    assert totals.shipping.gross.amount == Decimal("0.00")
    assert totals.total.gross.amount == Decimal("9.00")
    order = Order.objects.get(pk=outcome.order_id)
    assert order.shipping_address_id is None
    assert order.shipping_method_id is None
    assert order.shipping_method_name == ""
    assert order.shipping_price_gross_amount == Decimal("0.00")
    assert order.total_gross_amount == Decimal("9.00")
    assert order.region == "US-CA"
    assert order.billing_address.city == "MOUNTAIN VIEW"
    assert order.billing_address_id != checkout.billing_address_id
    assert [line.product_name for line in order.lines.all()] == ["Reading pass"]
    assert not Checkout.objects.filter(pk=checkout.pk).exists()


def test_digital_cart_needs_a_billing_address_before_paying(shop, digital):
    # given no billing address
    checkout = _digital_checkout(shop, digital, billing=None)

    # when
    with pytest.raises(CheckoutNotReadyError) as exc_info:
        checkout_payment_start(
            checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
        )

    # then the billing address is asked for, not a shipping address; no payment
    assert exc_info.value.field == "billing_address"
    assert exc_info.value.message == "Enter a billing address."
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_billing_same_as_shipping_is_refused_when_nothing_ships(shop, digital):
    # given
    checkout = _digital_checkout(shop, digital, billing=None)

    # when
    with pytest.raises(ValidationError) as exc_info:
        checkout_billing_address_set(checkout=checkout, same_as_shipping=True)

    # then
    error = exc_info.value.error_dict["billing_address"][0]
    assert error.code == CheckoutErrorCode.BILLING_ADDRESS_NOT_SET.value
    assert error.message == (
        "Enter your billing address; nothing in your cart is delivered."
    )
    assert Checkout.objects.get(pk=checkout.pk).billing_address_id is None


def test_billing_address_is_validated_per_country(shop, digital):
    # given
    checkout = _digital_checkout(shop, digital, billing=None)

    # when a US postal code is malformed
    with pytest.raises(ValidationError) as exc_info:
        checkout_billing_address_set(
            checkout=checkout,
            same_as_shipping=False,
            data={**US_ADDRESS, "postal_code": "9404"},
        )

    # then
    assert exc_info.value.message_dict == {
        "postal_code": ["This value is not valid for United States of America."]
    }
    assert Checkout.objects.get(pk=checkout.pk).billing_address_id is None


def test_billing_country_must_be_one_the_channel_sells_to(shop, digital):
    # given the US shop
    checkout = _digital_checkout(shop, digital, billing=None)

    # when the buyer is in Germany
    with pytest.raises(ValidationError) as exc_info:
        checkout_billing_address_set(
            checkout=checkout, same_as_shipping=False, data=DE_ADDRESS
        )

    # then
    assert exc_info.value.message_dict == {
        "country": ["The United States shop does not sell to this country."]
    }
    assert Checkout.objects.get(pk=checkout.pk).billing_address_id is None
    assert Address.objects.count() == 0


@pytest.mark.parametrize(
    ("billing", "rate", "net", "tax"),
    [
        (DE_ADDRESS, Decimal("0.19"), Decimal("7.14"), Decimal("1.36")),
        (NL_ADDRESS, Decimal("0.21"), Decimal("7.02"), Decimal("1.48")),
    ],
)
def test_tax_comes_from_the_billing_country(db, billing, rate, net, tax):
    # given the EU shop (prices include tax), the shopper's chosen region NL
    channel = eu_channel()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = digital_variant(channel=channel, warehouse=warehouse, price="8.50")
    checkout = checkout_create(channel=channel, region="NL")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)

    # when the billing address is given
    checkout_billing_address_set(
        checkout=checkout, same_as_shipping=False, data=billing
    )
    info = checkout_info_fetch(checkout=Checkout.objects.get(pk=checkout.pk))
    totals = checkout_totals_calculate(info=info)

    # then its country's rate applies, the gross price stays as entered
    assert info.region == billing["country"]
    assert totals.tax_rate == rate
    assert totals.total.gross.amount == Decimal("8.50")
    assert totals.total.net.amount == net
    assert totals.tax.amount == tax
    assert totals.shipping.gross.amount == Decimal("0.00")


def test_region_rules_follow_the_billing_address(shop):
    # given a digital product of a class that Alabama refuses (a generic rule,
    # whatever the product), the shopper's chosen region New York
    variant = digital_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        name="CBD course",
        regulated_class="cbd",
    )
    checkout = _digital_checkout(shop, variant, region="US-NY", billing=ALABAMA)

    # when
    info = checkout_info_fetch(checkout=checkout)

    # then the billing address decides
    assert info.region == "US-AL"
    assert [line.problem.code for line in info.lines] == [
        CheckoutErrorCode.NOT_AVAILABLE_IN_REGION
    ]
    with pytest.raises(UnavailableLinesError):
        checkout_validate_for_payment(info=info)

    # when the billing address is in New York
    checkout_billing_address_set(
        checkout=checkout, same_as_shipping=False, data=NEW_YORK
    )
    info = checkout_info_fetch(checkout=Checkout.objects.get(pk=checkout.pk))

    # then
    assert info.region == "US-NY"
    assert [line.problem for line in info.lines] == [None]
    checkout_validate_for_payment(info=info)


def test_mixed_cart_still_needs_shipping(shop, digital):
    # given the digital product and a physical one, billing address only
    checkout = _digital_checkout(shop, digital)
    checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=2)
    info = checkout_info_fetch(checkout=Checkout.objects.get(pk=checkout.pk))

    # when
    with pytest.raises(CheckoutNotReadyError) as exc_info:
        checkout_validate_for_payment(info=info)

    # then
    assert exc_info.value.field == "shipping_address"

    # when the shipping steps are done
    checkout_shipping_address_set(checkout=checkout, data=NEW_YORK)
    with pytest.raises(CheckoutNotReadyError) as exc_info:
        checkout_validate_for_payment(info=checkout_info_fetch(checkout=checkout))
    assert exc_info.value.field == "shipping_method"
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    outcome = checkout_payment_start(
        checkout=Checkout.objects.get(pk=checkout.pk),
        gateway="dummy",
        card_number=CARD_SUCCESS,
    )

    # then the order ships, with the shipping price and the shipping region
    order = Order.objects.get(pk=outcome.order_id)
    assert order.shipping_address.city == "NEW YORK"
    assert order.shipping_method_id == shop.shipping.pk
    assert order.shipping_price_gross_amount == Decimal("5.00")
    assert order.total_gross_amount == Decimal("34.00")
    assert order.region == "US-NY"
    assert order.billing_address.city == "MOUNTAIN VIEW"


def test_a_leftover_shipping_choice_is_ignored_once_nothing_ships(shop, digital):
    # given a physical cart with address and delivery chosen
    checkout = checkout_create(channel=shop.channel, region="US")
    physical = checkout_line_add(
        checkout=checkout, variant_id=shop.variant.pk, quantity=1
    )
    checkout_email_set(checkout=checkout, email="ada@example.com")
    checkout_shipping_address_set(checkout=checkout, data=NEW_YORK)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)

    # when the physical line is swapped for the digital product
    checkout_line_add(checkout=checkout, variant_id=digital.pk, quantity=1)
    checkout_line_delete(checkout=checkout, line_id=physical.pk)
    checkout = Checkout.objects.get(pk=checkout.pk)
    info = checkout_info_fetch(checkout=checkout)

    # then no shipping is charged, and the order keeps no shipping
    assert info.shipping_listing is None
    assert checkout_totals_calculate(info=info).shipping.gross.amount == Decimal("0.00")
    outcome = checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
    )
    order = Order.objects.get(pk=outcome.order_id)
    assert order.shipping_address_id is None
    assert order.shipping_method_id is None
    assert order.total_gross_amount == Decimal("9.00")
    assert order.billing_address.city == "NEW YORK"
    assert order.region == "US-NY"


def test_a_membership_cannot_be_added_as_a_one_off_line(shop, digital):
    # given the digital product is a membership plan in the channel
    SubscriptionPlan.objects.create(
        product=digital.product,
        channel=shop.channel,
        discount_percent=Decimal(0),
        intervals=[Interval.MONTHLY],
        is_membership=True,
    )
    checkout = checkout_create(channel=shop.channel, region="US")

    # when
    with pytest.raises(ValidationError) as exc_info:
        checkout_line_add(checkout=checkout, variant_id=digital.pk, quantity=1)

    # then
    assert exc_info.value.message_dict == {
        "purchase": [
            "Reading pass is a membership that renews until you cancel it; add it "
            "from its page and choose how often it renews."
        ]
    }
    assert CheckoutLine.objects.count() == 0


def test_a_guest_cart_with_a_subscription_line_cannot_be_paid(shop, digital):
    # given a subscription line in a guest's cart (the subscriptions service
    # refuses this; the payment check is the last guard)
    checkout = _digital_checkout(shop, digital, billing=US_ADDRESS)
    CheckoutLine.objects.filter(checkout=checkout).update(
        is_subscription=True, subscription_interval=Interval.MONTHLY
    )

    # when
    with pytest.raises(CheckoutNotReadyError) as exc_info:
        checkout_payment_start(
            checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
        )

    # then
    assert exc_info.value.field == "user"
    assert exc_info.value.message == (
        "Sign in or create an account to subscribe; you manage it from there."
    )
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_order_create_without_shipping_names_the_billing_address(shop):
    # given a digital line of a class Alabama refuses
    variant = digital_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        name="CBD course",
        regulated_class="cbd",
    )
    nine = TaxedMoney(net=Money("9.00", "USD"), gross=Money("9.00", "USD"))
    zero = TaxedMoney(net=Money("0.00", "USD"), gross=Money("0.00", "USD"))

    # when
    with pytest.raises(OrderLineNotAvailableInRegionError) as exc_info:
        order_create(
            channel=shop.channel,
            user=None,
            email="ada@example.com",
            lines=[
                OrderLineInput(
                    variant=variant,
                    quantity=1,
                    unit_price=nine,
                    product_name="CBD course",
                    regulated_class="cbd",
                )
            ],
            shipping_address=None,
            billing_address=None,
            shipping_method=None,
            totals=OrderTotalsInput(
                subtotal=nine, shipping=zero, discount=Money("0", "USD"), total=nine
            ),
            region="US-AL",
        )

    # then
    assert exc_info.value.field == "billing_address"
    assert exc_info.value.message.startswith(
        "CBD course cannot be sold to this billing address: "
    )
    assert Order.objects.count() == 0
