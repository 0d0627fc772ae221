"""Reads of orders for customers and guests."""

from django.core import signing
from django.db.models import Prefetch, QuerySet

from storefront.accounts.models import Address
from storefront.orders.models import Order, OrderLine
from storefront.orders.services import GUEST_LINK_SALT


def order_list_for_user(*, user_id: int) -> QuerySet[Order]:
    """A customer's orders, newest first, with their lines (two queries)."""
    return (
        Order.objects.filter(user_id=user_id)
        .select_related("channel")
        .prefetch_related(Prefetch("lines", queryset=OrderLine.objects.order_by("pk")))
        .order_by("-created_at", "-pk")
    )


def _detail_queryset() -> QuerySet[Order]:
    return Order.objects.select_related(
        "channel", "shipping_address", "billing_address"
    ).prefetch_related("lines", "events", "fulfillments")


def order_get_for_user(*, user_id: int, number: str) -> Order | None:
    """The customer's own order with this number, or ``None``."""
    return _detail_queryset().filter(user_id=user_id, number=number).first()


def order_get_by_guest_token(*, token: str) -> Order | None:
    """The order a signed guest link points at, or ``None`` if tampered with."""
    try:
        data = signing.loads(token, salt=GUEST_LINK_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    pk, number = data.get("o"), data.get("n")
    if not isinstance(pk, int) or not isinstance(number, str):
        return None
    return _detail_queryset().filter(pk=pk, number=number).first()


def order_billing_address_last_used(*, user_id: int) -> Address | None:
    """The billing address of the customer's newest order that has one, or ``None``.

    It is the order's own copy: read it, never attach it to anything else.
    """
    order = (
        Order.objects.filter(user_id=user_id, billing_address__isnull=False)
        .select_related("billing_address")
        .order_by("-created_at", "-pk")
        .first()
    )
    return order.billing_address if order is not None else None
