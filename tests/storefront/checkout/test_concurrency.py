"""Twenty shoppers pay for the last five units at the same moment (real PostgreSQL)."""

import threading
from decimal import Decimal

import pytest
from django.db import connection

from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.inventory.errors import InsufficientStockError
from storefront.inventory.models import Stock
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment
from tests.factories.catalogue import ChannelFactory, WarehouseFactory
from tests.factories.checkout import US_ADDRESS, sellable_variant, shipping_method

SHOPPERS = 20
UNITS = 5


@pytest.mark.slow
@pytest.mark.django_db(transaction=True)
def test_twenty_shoppers_last_five_units():
    # given
    channel = ChannelFactory()
    warehouse = WarehouseFactory()
    warehouse.channels.add(channel)
    variant = sellable_variant(channel=channel, warehouse=warehouse, stock=UNITS)
    method = shipping_method(channel=channel, countries=["US"])
    checkouts = []
    for n in range(SHOPPERS):
        checkout = checkout_create(channel=channel, region="US")
        checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
        checkout_email_set(checkout=checkout, email=f"shopper{n}@example.com")
        checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
        checkout_shipping_method_set(checkout=checkout, shipping_method_id=method.pk)
        checkouts.append(checkout)
    barrier = threading.Barrier(SHOPPERS)
    results: list[object] = []
    lock = threading.Lock()

    def shop(checkout):
        try:
            barrier.wait()
            outcome = checkout_payment_start(
                checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
            )
            result: object = outcome
        except Exception as exc:  # noqa: BLE001 - collected and asserted below
            result = exc
        finally:
            connection.close()
        with lock:
            results.append(result)

    # when
    threads = [threading.Thread(target=shop, args=(c,)) for c in checkouts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    # then
    errors = [r for r in results if isinstance(r, Exception)]
    assert len(results) == SHOPPERS
    assert Order.objects.count() == UNITS
    assert len(errors) == SHOPPERS - UNITS
    assert {type(e) for e in errors} == {InsufficientStockError}
    assert {e.message for e in errors} == {
        f"Sorry, there is not enough stock left for {variant.sku}."
    }
    stock = Stock.objects.get(product_variant=variant)
    assert (stock.quantity, stock.quantity_allocated) == (UNITS, UNITS)
    assert stock.quantity_available == 0
    charged = Payment.objects.filter(charged_value__gt=0)
    assert charged.count() == UNITS
    assert None not in set(charged.values_list("order_id", flat=True))
    assert Payment.objects.filter(order__isnull=True, charged_value__gt=0).count() == 0
    assert sum(p.charged_value for p in charged) == Decimal("75.00")
