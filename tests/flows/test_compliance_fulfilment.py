"""Staff at fulfilment: the regulated class, today's region decision, the adult
signature flag, and a refusal to ship a line the law now forbids there."""

import shutil

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from compliance.models import AgeLevel, AgeMethod, AgeResult, AgeVerification
from compliance.rules.loader import rules_cache_clear
from storefront.accounts.models import User
from storefront.checkout.services.cart import checkout_create, checkout_line_add
from storefront.checkout.services.details import (
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
)
from storefront.checkout.services.payment import checkout_payment_start
from storefront.orders.errors import OrderLineNotAvailableInRegionError
from storefront.orders.models import Order, OrderStatus
from storefront.orders.services import order_fulfil
from storefront.payments.gateways.dummy import CARD_SUCCESS
from tests.factories.checkout import US_ADDRESS, sellable_variant
from tests.storefront.checkout.conftest import ready_checkout, shop

__all__ = ["ready_checkout", "shop"]

COLORADO = {
    **US_ADDRESS,
    "street_address_1": "200 E Colfax Ave",
    "city": "Denver",
    "postal_code": "80203",
    "country_area": "CO",
}
BAN = """
[[legality]]
id = "LEG.KRATOM.US-CO.FLOW_TEST_BAN"
class = "kratom"
jurisdiction = "US-CO"
decision = "prohibited"
effective_from = 2020-01-01
source = ["flow test: a ban that took effect after the sale"]
reviewed = 2026-11-25
"""


@pytest.fixture
def kratom_order(shop) -> Order:
    """A paid kratom order for Colorado by a verified adult."""
    kratom = sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        product_fields={"regulated_class": "kratom", "name": "Kratom Powder"},
    )
    checkout = checkout_create(channel=shop.channel, region="US")
    checkout_line_add(checkout=checkout, variant_id=kratom.pk, quantity=2)
    checkout_email_set(checkout=checkout, email="ship@example.com")
    checkout_shipping_address_set(checkout=checkout, data=COLORADO)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    AgeVerification.objects.create(
        subject_ref=f"guest:{checkout.token}",
        result=AgeResult.APPROVED,
        level=AgeLevel.VERIFIED,
        method=AgeMethod.ID_DOCUMENT,
        provider="test",
        threshold=21,
        verified_at=timezone.now(),
    )
    outcome = checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number=CARD_SUCCESS
    )
    return Order.objects.get(pk=outcome.order_id)


@pytest.fixture
def manager(db) -> User:
    user = User.objects.create_user("orders@example.com", "x" * 12, is_staff=True)
    user.groups.add(Group.objects.get(name="Order manager"))
    return User.objects.get(pk=user.pk)


@pytest.fixture
def kratom_banned_in_colorado(settings, tmp_path):
    """Today's rules gain a Colorado kratom ban (a law changed after the sale)."""
    rules = tmp_path / "rules"
    shutil.copytree(settings.COMPLIANCE_RULES_DIR, rules)
    with (rules / "legality_us.toml").open("a") as toml:
        toml.write(BAN)
    settings.COMPLIANCE_RULES_DIR = str(rules)
    yield
    rules_cache_clear()


def test_order_detail_shows_class_decision_and_adult_signature(
    client, kratom_order, manager
):
    # given
    client.force_login(manager)

    # when
    page = client.get(
        f"/django-admin/orders/order/{kratom_order.pk}/change/"
    ).content.decode()

    # then
    assert 'id="adult-signature"' in page
    assert "Adult signature on delivery." in page
    assert "Compliance by line (shipping region US-CO)" in page
    assert (
        "<tr><td>Kratom Powder</td><td>kratom</td><td>21+</td>\n<td><strong>"
        "restricted</strong> (21+, verified): Kratom can be shipped to Colorado "
        "(US-CO) only to buyers aged 21 or over with a verified age. Why: Colorado "
        "lets kratom be sold only to buyers aged 21 or over, and the seller must ask "
        "for government photo ID. In effect since 1 July 2024.</td></tr>"
    ) in page


def test_fulfil_page_shows_today_decision_and_ships(client, kratom_order, manager):
    client.force_login(manager)
    url = f"/django-admin/orders/order/{kratom_order.pk}/fulfil/"
    page = client.get(url).content.decode()
    assert "Adult signature on delivery." in page
    assert "Region decision today (US-CO)" in page
    assert "<strong>restricted</strong> (21+, verified)" in page
    assert 'id="prohibited-warning"' not in page

    line = kratom_order.lines.get()
    response = client.post(url, {f"line-{line.pk}": "2", "tracking_number": "T-1"})

    assert response.status_code == 302
    kratom_order.refresh_from_db()
    assert kratom_order.status == OrderStatus.FULFILLED


def test_fulfil_refuses_a_line_prohibited_today(
    client, kratom_order, manager, kratom_banned_in_colorado
):
    # given the law changed after the sale
    client.force_login(manager)
    url = f"/django-admin/orders/order/{kratom_order.pk}/fulfil/"
    line = kratom_order.lines.get()

    # when staff open the page and then try to ship anyway
    page = client.get(url).content.decode()
    response = client.post(url, {f"line-{line.pk}": "2", "tracking_number": "T-2"})

    # then a warning up front, a refusal naming the line and the reason, no shipment
    assert 'id="prohibited-warning"' in page
    assert f'name="line-{line.pk}" type="number" min="0" max="2" value="0"' in page
    assert response.status_code == 200
    assert (
        "Kratom Powder: Kratom cannot be shipped to Colorado (US-CO). It can no "
        "longer be shipped to this address; ship 0 of it and cancel or refund it "
        "instead." in response.content.decode()
    )
    kratom_order.refresh_from_db()
    assert kratom_order.status == OrderStatus.UNFULFILLED
    assert kratom_order.fulfillments.count() == 0
    assert kratom_order.lines.get().quantity_fulfilled == 0


def test_ordinary_order_has_no_adult_signature_flag(client, ready_checkout, manager):
    outcome = checkout_payment_start(
        checkout=ready_checkout, gateway="dummy", card_number=CARD_SUCCESS
    )
    client.force_login(manager)
    page = client.get(
        f"/django-admin/orders/order/{outcome.order_id}/change/"
    ).content.decode()
    assert 'id="adult-signature"' not in page
    assert "<td>general</td><td>none</td>" in page


def test_the_fulfil_service_refuses_a_line_prohibited_today(
    kratom_order, manager, kratom_banned_in_colorado
):
    # given the law changed after the sale
    line = kratom_order.lines.get()

    # when anything but the admin page (a task, a script) ships the line
    with pytest.raises(OrderLineNotAvailableInRegionError) as refused:
        order_fulfil(
            order=kratom_order,
            quantities={line.pk: 2},
            tracking_number="T-3",
            user=manager,
        )

    # then the same refusal as on the page, and nothing ships
    assert refused.value.field == "quantity"
    assert refused.value.message == (
        "Kratom Powder: Kratom cannot be shipped to Colorado (US-CO). It can no "
        "longer be shipped to this address; ship 0 of it and cancel or refund it "
        "instead."
    )
    kratom_order.refresh_from_db()
    assert kratom_order.status == OrderStatus.UNFULFILLED
    assert kratom_order.fulfillments.count() == 0
    assert kratom_order.lines.get().quantity_fulfilled == 0
