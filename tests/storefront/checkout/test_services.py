from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from prices import Money

from storefront.accounts.models import User
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.errors import CheckoutErrorCode
from storefront.checkout.models import Checkout, CheckoutLine
from storefront.checkout.selectors import checkout_info_fetch
from storefront.checkout.services.cart import (
    checkout_create,
    checkout_line_add,
    checkout_line_update,
    checkout_merge,
)
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
    checkout_voucher_apply,
)
from storefront.inventory.errors import InsufficientStockError
from tests.factories.catalogue import WarehouseFactory, eu_channel
from tests.factories.checkout import (
    DE_ADDRESS,
    US_ADDRESS,
    sellable_variant,
    shipping_method,
    voucher,
)


def _error(exc: ValidationError, field: str) -> tuple[str, str]:
    error = exc.error_dict[field][0]
    return error.code, error.messages[0]


def test_line_add_creates_then_sums_quantities(shop):
    # given
    checkout = checkout_create(channel=shop.channel, region="US")
    # when
    checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=2)
    line = checkout_line_add(
        checkout=checkout, variant_id=shop.variant.pk, quantity="3"
    )
    # then
    assert CheckoutLine.objects.filter(checkout=checkout).count() == 1
    assert line.quantity == 5


@pytest.mark.parametrize(
    ("quantity", "code", "message"),
    [
        ("abc", "invalid", "Enter a whole number."),
        ("0", "zero_quantity", "The quantity must be at least 1."),
        ("-2", "zero_quantity", "The quantity must be at least 1."),
        ("", "invalid", "Enter a whole number."),
    ],
)
def test_line_add_rejects_bad_quantity(shop, quantity, code, message):
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(ValidationError) as excinfo:
        checkout_line_add(
            checkout=checkout, variant_id=shop.variant.pk, quantity=quantity
        )
    assert _error(excinfo.value, "quantity") == (code, message)
    assert CheckoutLine.objects.count() == 0


def test_line_add_caps_at_stock(shop):
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(ValidationError) as excinfo:
        checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=11)
    assert _error(excinfo.value, "quantity") == (
        CheckoutErrorCode.INSUFFICIENT_STOCK.value,
        "Only 10 left in stock.",
    )
    assert CheckoutLine.objects.count() == 0


def test_line_add_caps_at_per_line_maximum(shop, settings):
    settings.CHECKOUT_MAX_QUANTITY_PER_LINE = 3
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(ValidationError) as excinfo:
        checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=4)
    assert _error(excinfo.value, "quantity") == (
        CheckoutErrorCode.QUANTITY_GREATER_THAN_LIMIT.value,
        "You can buy at most 3 of this item at a time.",
    )


def test_line_add_caps_at_variant_limit(shop):
    shop.variant.quantity_limit_per_customer = 2
    shop.variant.save()
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=2)
    with pytest.raises(ValidationError, match="at most 2"):
        checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=1)
    assert CheckoutLine.objects.get().quantity == 2


def test_line_add_unknown_variant(shop):
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(ValidationError) as excinfo:
        checkout_line_add(checkout=checkout, variant_id="999999", quantity=1)
    assert _error(excinfo.value, "variant") == ("not_found", "Choose a product option.")


def test_line_add_out_of_stock(shop):
    shop.variant.stocks.update(quantity=0)
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(InsufficientStockError, match="not enough stock"):
        checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=1)


def test_line_update_zero_removes_line(shop):
    checkout = checkout_create(channel=shop.channel, region="US")
    line = checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=2)
    checkout_line_update(checkout=checkout, line_id=line.pk, quantity="0")
    assert CheckoutLine.objects.count() == 0


def test_merge_sums_and_caps_quantities(shop):
    # given
    user = User.objects.create_user("ada@example.com", "x" * 12)
    own = checkout_create(channel=shop.channel, region="US", user=user)
    checkout_line_add(checkout=own, variant_id=shop.variant.pk, quantity=6)
    guest = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=guest, variant_id=shop.variant.pk, quantity=7)
    # when
    merged = checkout_merge(guest_checkout=guest, user=user)
    # then
    assert merged.pk == own.pk
    assert Checkout.objects.count() == 1
    assert CheckoutLine.objects.get().quantity == 10  # capped at the stock left


def test_shipping_address_invalid_postal_code_named(shop):
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(ValidationError) as excinfo:
        checkout_shipping_address_set(
            checkout=checkout, data={**US_ADDRESS, "postal_code": "9404"}
        )
    assert excinfo.value.message_dict == {
        "postal_code": ["This value is not valid for United States of America."]
    }
    checkout.refresh_from_db()
    assert checkout.shipping_address_id is None


def test_shipping_address_required_fields_named(shop):
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(ValidationError) as excinfo:
        checkout_shipping_address_set(checkout=checkout, data={"country": "US"})
    assert excinfo.value.message_dict == {
        "first_name": ["This field is required."],
        "last_name": ["This field is required."],
        "street_address_1": ["This field is required."],
        "city": ["This field is required."],
        "postal_code": ["This field is required for United States of America."],
        "country_area": ["This field is required for United States of America."],
    }


def test_shipping_address_sets_region_from_state(shop):
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
    checkout.refresh_from_db()
    assert checkout.region == "US-CA"
    assert checkout.billing_address_id == checkout.shipping_address_id


def test_shipping_address_outside_channel(shop):
    checkout = checkout_create(channel=shop.channel, region="US")
    with pytest.raises(ValidationError) as excinfo:
        checkout_shipping_address_set(checkout=checkout, data=DE_ADDRESS)
    assert excinfo.value.message_dict == {
        "country": ["The United States shop does not ship to this country."]
    }


def test_totals_net_prices_with_free_shipping_threshold(ready_checkout):
    # given two units at 10.00, shipping 5.00 (free above 100), US tax 0 %
    info = checkout_info_fetch(checkout=ready_checkout)
    # when
    totals = checkout_totals_calculate(info=info)
    # then
    assert totals.subtotal.gross == Money("20.00", "USD")
    assert totals.shipping.gross == Money("5.00", "USD")
    assert totals.tax == Money("0.00", "USD")
    assert totals.total.gross == Money("25.00", "USD")


def test_totals_gross_prices_with_german_vat_and_voucher(db):
    # given an EU channel whose prices include tax, 2 x 11.90 and a 10 % voucher
    channel = eu_channel()
    warehouse = WarehouseFactory(slug="eu-wh", name="Rotterdam", country="NL")
    warehouse.channels.add(channel)
    variant = sellable_variant(channel=channel, warehouse=warehouse, price="11.90")
    method = shipping_method(channel=channel, countries=["DE"], price="4.76")
    voucher(channel=channel, code="TEN", value="10")
    checkout = checkout_create(channel=channel, region="DE")
    checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=2)
    checkout_email_set(checkout=checkout, email="grete@example.com")
    checkout_shipping_address_set(checkout=checkout, data=DE_ADDRESS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=method.pk)
    checkout_voucher_apply(checkout=checkout, code="ten")
    # when
    totals = checkout_totals_calculate(info=checkout_info_fetch(checkout=checkout))
    # then: 23.80 - 2.38 + 4.76 = 26.18 gross, net 22.00
    assert totals.subtotal.gross == Money("23.80", "EUR")
    assert totals.subtotal.net == Money("20.00", "EUR")
    assert totals.discount == Money("2.38", "EUR")
    assert totals.shipping.gross == Money("4.76", "EUR")
    assert totals.total.gross == Money("26.18", "EUR")
    assert totals.total.net == Money("22.00", "EUR")
    assert totals.tax == Money("4.18", "EUR")
    assert totals.tax_rate == Decimal("0.19")


@pytest.mark.parametrize(
    ("setup", "code", "message"),
    [
        ({}, "UNKNOWN", "This voucher code is not valid."),
        (
            {"min_spent": "50.00"},
            "SPRING10",
            "Spend at least 50.00 USD to use this voucher code.",
        ),
        (
            {"usage_limit": 1, "used": 1},
            "SPRING10",
            "This voucher code has been used up.",
        ),
    ],
)
def test_voucher_rejections_name_the_field(ready_checkout, setup, code, message):
    voucher(channel=ready_checkout.channel, **setup)
    with pytest.raises(ValidationError) as excinfo:
        checkout_voucher_apply(checkout=ready_checkout, code=code)
    assert excinfo.value.message_dict == {"voucher_code": [message]}
    ready_checkout.refresh_from_db()
    assert ready_checkout.voucher_id is None


def test_shipping_method_not_offered(ready_checkout):
    with pytest.raises(ValidationError) as excinfo:
        checkout_shipping_method_set(checkout=ready_checkout, shipping_method_id="0")
    assert excinfo.value.message_dict == {
        "shipping_method": ["Choose one of the delivery options shown."]
    }
