from decimal import Decimal

import pytest
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied, ValidationError

from storefront.accounts.models import User
from storefront.checkout.services.payment import checkout_payment_start
from storefront.inventory.models import Stock
from storefront.orders.errors import OrderCannotCancelError, OrderCannotRefundError
from storefront.orders.models import Order, OrderStatus
from storefront.orders.services import order_cancel, order_fulfil, order_refund
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment, PaymentStatus


@pytest.fixture
def order(ready_checkout) -> Order:
    outcome = checkout_payment_start(
        checkout=ready_checkout, gateway="dummy", card_number=CARD_SUCCESS
    )
    return Order.objects.get(pk=outcome.order_id)


@pytest.fixture
def manager(db) -> User:
    user = User.objects.create_user("manager@example.com", "x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name="Order manager"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def catalogue_manager(db) -> User:
    user = User.objects.create_user("cat@example.com", "x" * 12, is_staff=True)
    group, _ = Group.objects.get_or_create(name="Catalogue manager")
    user.groups.add(group)
    return User.objects.get(pk=user.pk)


def test_partial_then_full_fulfilment(order, manager, shop):
    line = order.lines.get()
    # when
    order_fulfil(
        order=order, quantities={line.pk: 1}, tracking_number="1Z999", user=manager
    )
    # then
    order.refresh_from_db()
    assert order.status == OrderStatus.PARTIALLY_FULFILLED
    stock = Stock.objects.get(product_variant=shop.variant)
    assert (stock.quantity, stock.quantity_allocated) == (9, 1)
    # when the rest ships
    fulfillment = order_fulfil(
        order=order, quantities={line.pk: 1}, tracking_number="1Z998", user=manager
    )
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert fulfillment.fulfillment_order == 2
    stock.refresh_from_db()
    assert (stock.quantity, stock.quantity_allocated) == (8, 0)
    assert list(
        order.events.filter(type="fulfilled").values_list(
            "parameters__tracking_number", flat=True
        )
    ) == ["1Z999", "1Z998"]


def test_fulfil_more_than_ordered_names_quantity(order, manager, shop):
    line = order.lines.get()
    with pytest.raises(ValidationError) as excinfo:
        order_fulfil(
            order=order, quantities={line.pk: 3}, tracking_number="", user=manager
        )
    assert excinfo.value.message_dict == {
        "quantity": [f"Ship between 0 and 2 of {line.product_name}."]
    }
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    assert order.fulfillments.count() == 0
    assert Stock.objects.get(product_variant=shop.variant).quantity == 10


def test_cancel_releases_stock(order, manager, shop):
    order_cancel(order=order, user=manager)
    order.refresh_from_db()
    assert order.status == OrderStatus.CANCELED
    assert Stock.objects.get(product_variant=shop.variant).quantity_allocated == 0
    with pytest.raises(OrderCannotCancelError):
        order_cancel(order=order, user=manager)


def test_partial_refund_then_rest(order, manager):
    order_refund(
        order=order, amount=Decimal("5.00"), reason="Damaged lid", user=manager
    )
    payment = Payment.objects.get()
    assert (payment.refunded_value, payment.status) == (
        Decimal("5.00"),
        PaymentStatus.PARTIALLY_REFUNDED,
    )
    order.refresh_from_db()
    assert order.total_refunded_amount == Decimal("5.00")
    order_refund(order=order, amount=None, reason="Returned", user=manager)
    payment.refresh_from_db()
    assert (payment.refunded_value, payment.status) == (
        Decimal("25.00"),
        PaymentStatus.REFUNDED,
    )
    assert list(
        order.events.filter(type="refunded").values_list(
            "parameters__reason", flat=True
        )
    ) == ["Damaged lid", "Returned"]


def test_refund_too_much_or_without_reason(order, manager):
    with pytest.raises(OrderCannotRefundError, match=r"between 0\.01 and 25\.00 USD"):
        order_refund(order=order, amount=Decimal("25.01"), reason="x", user=manager)
    with pytest.raises(ValidationError) as excinfo:
        order_refund(order=order, amount=Decimal("1"), reason="  ", user=manager)
    assert excinfo.value.message_dict == {"reason": ["Say why the money is refunded."]}
    assert Payment.objects.get().refunded_value == Decimal(0)


def test_catalogue_manager_cannot_fulfil_cancel_or_refund(
    order, catalogue_manager, shop
):
    line = order.lines.get()
    with pytest.raises(PermissionDenied):
        order_fulfil(
            order=order,
            quantities={line.pk: 1},
            tracking_number="",
            user=catalogue_manager,
        )
    with pytest.raises(PermissionDenied):
        order_cancel(order=order, user=catalogue_manager)
    with pytest.raises(PermissionDenied):
        order_refund(order=order, amount=None, reason="x", user=catalogue_manager)
    order.refresh_from_db()
    assert order.status == OrderStatus.UNFULFILLED
    assert Payment.objects.get().refunded_value == Decimal(0)
    assert Stock.objects.get(product_variant=shop.variant).quantity_allocated == 2


def test_admin_refund_view_forbidden_for_catalogue_manager(
    order, catalogue_manager, client
):
    client.force_login(catalogue_manager)
    response = client.post(
        f"/django-admin/orders/order/{order.pk}/refund/", {"amount": "5", "reason": "x"}
    )
    assert response.status_code == 403
    assert Payment.objects.get().refunded_value == Decimal(0)


def test_admin_fulfil_view_for_order_manager(order, manager, client):
    client.force_login(manager)
    line = order.lines.get()
    response = client.post(
        f"/django-admin/orders/order/{order.pk}/fulfil/",
        {f"line-{line.pk}": "2", "tracking_number": "TRACK-1"},
    )
    assert response.status_code == 302
    order.refresh_from_db()
    assert order.status == OrderStatus.FULFILLED
    assert order.fulfillments.get().tracking_number == "TRACK-1"


def test_admin_list_filters_paid(order, manager, client):
    client.force_login(manager)
    response = client.get(
        "/django-admin/orders/order/?paid=yes&status__exact=unfulfilled"
    )
    assert response.status_code == 200
    assert order.number in response.content.decode()
