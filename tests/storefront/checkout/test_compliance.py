import pytest
from django.utils import timezone

from compliance.models import AgeLevel, AgeMethod, AgeResult, AgeVerification
from storefront.checkout.errors import (
    AgeVerificationRequiredError,
    CheckoutErrorCode,
    ProductNotAvailableInRegionError,
)
from storefront.checkout.models import CheckoutLine
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment
from tests.factories.checkout import US_ADDRESS, sellable_variant

ALABAMA = {
    **US_ADDRESS,
    "city": "Montgomery",
    "postal_code": "36104",
    "country_area": "AL",
}


@pytest.fixture
def cbd(shop):
    return sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        product_fields={"regulated_class": "cbd", "name": "CBD Oil"},
    )


def test_add_to_cart_refuses_prohibited_region(shop, cbd):
    checkout = checkout_create(channel=shop.channel, region="US-AL")
    with pytest.raises(
        ProductNotAvailableInRegionError, match="cannot be shipped to Alabama"
    ):
        checkout_line_add(checkout=checkout, variant_id=cbd.pk, quantity=1)
    assert CheckoutLine.objects.count() == 0


def test_address_change_marks_line_unavailable_not_dropped(shop, cbd):
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=cbd.pk, quantity=1)
    info = checkout_shipping_address_set(checkout=checkout, data=ALABAMA)
    assert CheckoutLine.objects.count() == 1
    [line] = info.unavailable_lines
    assert line.problem.code == CheckoutErrorCode.NOT_AVAILABLE_IN_REGION
    assert line.problem.message.startswith("CBD cannot be shipped to Alabama (US-AL)")


def _ready(shop, variant, email="ada@example.com"):
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    checkout_email_set(checkout=checkout, email=email)
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)  # California
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    return checkout


def test_verified_age_required_before_any_payment(shop, cbd):
    checkout = _ready(shop, cbd)
    with pytest.raises(
        AgeVerificationRequiredError, match="verified age of 21"
    ) as excinfo:
        checkout_payment_start(
            checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
        )
    assert excinfo.value.field == "age_verification"
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0


def test_verified_adult_gets_order_with_adult_signature(shop, cbd):
    checkout = _ready(shop, cbd)
    AgeVerification.objects.create(
        subject_ref=f"guest:{checkout.token}",
        result=AgeResult.APPROVED,
        level=AgeLevel.VERIFIED,
        method=AgeMethod.ID_DOCUMENT,
        provider="test",
        threshold=21,
        verified_at=timezone.now(),
    )
    info = checkout_info_fetch(checkout=checkout)
    assert info.lines[0].decision.min_age == 21
    outcome = checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
    )
    order = Order.objects.get(pk=outcome.order_id)
    assert order.requires_adult_signature is True
    assert order.lines.get().min_age == 21


def test_cart_line_refusal_carries_the_rule_basis(shop, cbd):
    # given CBD in a cart, then an Alabama address
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=cbd.pk, quantity=1)

    # when
    info = checkout_shipping_address_set(checkout=checkout, data=ALABAMA)

    # then
    [line] = info.unavailable_lines
    assert line.problem.message == (
        "CBD cannot be shipped to Alabama (US-AL). Why: Alabama bans selling "
        "consumable hemp products, CBD included, online and shipping them straight "
        "to buyers. Source: Alabama HB 445 (2025), in effect since 1 July 2025."
    )
