"""End to end through the shop's pages: region, age and verification at checkout.

Each test drives the real views with the Django client (no JavaScript), on
PostgreSQL, and checks that nothing is charged when the rules say no.
"""

from datetime import date

from django.utils import timezone

from compliance.age.providers import TestProvider
from compliance.models import AgeLevel, AgeResult, AgeVerification
from storefront.checkout.models import Checkout
from storefront.orders.models import Order
from storefront.payments.gateways.dummy import CARD_SUCCESS
from storefront.payments.models import Payment, PaymentStatus
from tests.factories.checkout import US_ADDRESS, sellable_variant
from tests.storefront.checkout.conftest import shop

__all__ = ["shop"]

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
TEXAS = {
    **US_ADDRESS,
    "street_address_1": "1100 Congress Ave",
    "city": "Austin",
    "postal_code": "78701",
    "country_area": "TX",
}
EMAIL = "flow@example.com"


def _variant(shop, regulated_class: str, name: str):
    return sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        price="30.00",
        product_fields={"regulated_class": regulated_class, "name": name},
    )


def _to_review(client, shop, address: dict) -> str:
    """Fill the details, delivery and billing steps; return the review page."""
    details = client.post("/cart/checkout/details/", {"email": EMAIL, **address})
    assert details.status_code == 302, details.content.decode()[:2000]
    shipping = client.post(
        "/cart/checkout/shipping/", {"shipping_method": shop.shipping.pk}
    )
    assert shipping.status_code == 302
    billing = client.post("/cart/checkout/billing/", {"same_as_shipping": "on"})
    assert billing.status_code == 302
    return client.get("/cart/checkout/review/").content.decode()


def _pay(client):
    return client.post(
        "/cart/checkout/pay/",
        {"gateway": "dummy", "card_number": CARD_SUCCESS},
        follow=True,
    )


def _dob(born: date) -> dict[str, int]:
    return {"dob_day": born.day, "dob_month": born.month, "dob_year": born.year}


def _aged(years: int) -> date:
    return date(timezone.localdate().year - years - 1, 1, 1)


def test_alabama_refuses_cbd_then_new_york_lets_it_through(client, shop):
    # given CBD in the cart, shipped to Alabama (online hemp sales banned)
    cbd = _variant(shop, "cbd", "CBD Tincture")
    client.post("/cart/add/", {"variant": cbd.pk, "quantity": "1"})
    details = client.post("/cart/checkout/details/", {"email": EMAIL, **ALABAMA})

    # then the address step stops, says why, and offers the two ways on
    assert details.url == "/cart/checkout/details/"
    stopped = client.get(details.url).content.decode()
    assert "This item cannot be shipped to this address" in stopped
    assert "CBD cannot be shipped to Alabama (US-AL). Why:" in stopped
    assert "Source: Alabama HB 445 (2025)" in stopped
    assert "Remove this item from my cart" in stopped
    # and no later step, nor a payment, goes on without the line
    review = client.get("/cart/checkout/review/")
    assert review.url == "/cart/checkout/details/"
    refused = _pay(client).content.decode()
    assert "Some items in your cart cannot be bought as things stand." in refused
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0

    # when the address changes to New York, where it is allowed
    review = _to_review(client, shop, NEW_YORK)
    assert "Unavailable:" not in review
    paid = _pay(client)

    # then the order is made and the payment captured, once
    order = Order.objects.get()
    assert f"Order {order.number}" in paid.content.decode() or order.number in (
        paid.content.decode()
    )
    assert order.region == "US-NY"
    assert [line.product_name for line in order.lines.all()] == ["CBD Tincture"]
    payment = Payment.objects.get()
    assert (payment.status, payment.order_id) == (PaymentStatus.CHARGED, order.pk)
    assert order.requires_adult_signature is False


def test_texas_refuses_delta8_and_nothing_is_charged(client, shop):
    delta8 = _variant(shop, "delta8_thc", "Delta-8 Gummies")
    herbal = _variant(shop, "herbal", "Nettle Tea")
    # Delta-8 is prohibited US-wide, so it is refused at add-to-cart already
    added = client.post(
        "/cart/add/", {"variant": delta8.pk, "quantity": "1"}, follow=True
    ).content.decode()
    assert "Delta-8 Gummies cannot be sold to your region: Delta-8 THC cannot be " in (
        added
    )
    client.post("/cart/add/", {"variant": herbal.pk, "quantity": "1"})
    _to_review(client, shop, TEXAS)
    _pay(client)
    order = Order.objects.get()
    assert [line.product_name for line in order.lines.all()] == ["Nettle Tea"]


def test_under_age_date_of_birth_cannot_buy_kratom(client, shop):
    # given kratom (21+, verified) for Texas
    kratom = _variant(shop, "kratom", "Kratom Powder")
    client.post("/cart/add/", {"variant": kratom.pk, "quantity": "1"})
    review = _to_review(client, shop, TEXAS)
    assert "Step 1: your date of birth" in review

    # when a 19-year-old declares their date of birth and tries to pay
    declared = client.post(
        "/cart/checkout/date-of-birth/", _dob(_aged(19)), follow=True
    ).content.decode()
    paid = _pay(client).content.decode()

    # then both are refused, naming the field and the age; nothing is charged
    message = "You must be 21 or older to buy Kratom in Texas."
    assert f"Date of birth: {message}" in declared
    assert "Verify your age" not in declared
    assert message in paid
    assert Payment.objects.count() == 0
    assert Order.objects.count() == 0
    assert AgeVerification.objects.filter(level=AgeLevel.VERIFIED).count() == 0


def test_provider_verification_blocks_until_the_signed_webhook(client, shop):
    # given kratom for Texas and an adult date of birth
    kratom = _variant(shop, "kratom", "Kratom Powder")
    client.post("/cart/add/", {"variant": kratom.pk, "quantity": "1"})
    _to_review(client, shop, TEXAS)
    client.post("/cart/checkout/date-of-birth/", _dob(_aged(35)))
    review = client.get("/cart/checkout/review/").content.decode()
    assert "Verify your age" in review

    # when the shopper starts the check and is sent to the provider
    started = client.post("/cart/checkout/verify-age/")
    session = AgeVerification.objects.get(level=AgeLevel.VERIFIED)
    provider_page = client.get(started.url)

    # then the provider page is the test provider's, and paying is still blocked
    assert started.url.startswith(
        f"/compliance/age/test-provider/{session.provider_reference}/"
    )
    assert provider_page.status_code == 200
    assert "Test age verification" in provider_page.content.decode()
    blocked = _pay(client).content.decode()
    assert "Age verification required" in blocked
    assert Payment.objects.count() == 0

    # when the provider's signed webhook arrives
    body, headers = TestProvider.webhook_build(
        reference=session.provider_reference, status="approved"
    )
    hook = client.post(
        "/compliance/age/webhook/test/",
        data=body,
        content_type="application/json",
        headers=headers,
    )
    assert hook.json() == {"status": "recorded"}
    review = client.get("/cart/checkout/review/").content.decode()
    assert "Your age has been verified. You can pay now." in review
    _pay(client)

    # then the order exists, for an adult signature, and the check kept no date
    order = Order.objects.get()
    assert order.requires_adult_signature is True
    assert order.lines.get().min_age == 21
    assert Payment.objects.get().status == PaymentStatus.CHARGED
    session.refresh_from_db()
    assert (session.result, session.threshold, session.subject_ref) == (
        AgeResult.APPROVED,
        21,
        f"guest:{order.checkout_token}",
    )


def test_the_test_provider_page_approves_through_the_signed_webhook(client, shop):
    # given
    kratom = _variant(shop, "kratom", "Kratom Powder")
    client.post("/cart/add/", {"variant": kratom.pk, "quantity": "1"})
    _to_review(client, shop, TEXAS)
    client.post("/cart/checkout/date-of-birth/", _dob(_aged(35)))
    started = client.post("/cart/checkout/verify-age/")

    # when the shopper approves on the provider's page
    back = client.post(started.url, {"decision": "approve"})

    # then they return to the review page and can pay
    assert back.status_code == 302
    assert back.url == "http://testserver/cart/checkout/review/"
    _pay(client)
    assert Order.objects.count() == 1


def test_a_declined_verification_says_what_happened_and_what_next(client, shop):
    # given kratom for Texas, an adult date of birth, and a started check
    kratom = _variant(shop, "kratom", "Kratom Powder")
    client.post("/cart/add/", {"variant": kratom.pk, "quantity": "1"})
    _to_review(client, shop, TEXAS)
    client.post("/cart/checkout/date-of-birth/", _dob(_aged(35)))
    client.post("/cart/checkout/verify-age/")
    check = AgeVerification.objects.get(level=AgeLevel.VERIFIED)

    # when the provider declines
    body, headers = TestProvider.webhook_build(
        reference=check.provider_reference, status="declined"
    )
    client.post(
        "/compliance/age/webhook/test/",
        data=body,
        content_type="application/json",
        headers=headers,
    )
    review = client.get("/cart/checkout/review/").content.decode()

    # then the page says so, offers both ways on, and the cart is untouched
    assert "Your age could not be verified." in review
    assert "could not confirm that you are 21 or over" in review
    assert "try the check again" in review
    assert "remove Kratom Powder from your cart and pay for the rest" in review
    assert "Your cart is kept as it is and nothing has been charged" in review
    assert "Try the age check again</button>" in review
    assert "Step 2: Age verification required." not in review
    assert Payment.objects.count() == 0

    # and trying again opens a new check
    again = client.post("/cart/checkout/verify-age/")
    assert again.status_code == 302
    assert AgeVerification.objects.filter(level=AgeLevel.VERIFIED).count() == 2


def test_a_guest_who_passed_the_age_gate_is_not_asked_for_a_birth_date_again(
    client, shop
):
    # given a guest who declared an adult date of birth at the age gate
    kratom = _variant(shop, "kratom", "Kratom Powder")
    session = client.session
    session["age_gate_adult_for"] = 21
    session.save()
    client.post("/cart/add/", {"variant": kratom.pk, "quantity": "1"})

    # when they reach the review
    review = _to_review(client, shop, TEXAS)

    # then the date of birth step is done; only the provider's check remains
    assert "Step 1: your date of birth" not in review
    assert "Step 2: Age verification required." in review
    # and the answer belongs to this guest's checkout, not to the email typed
    declared = AgeVerification.objects.get(level=AgeLevel.SELF_DECLARED)
    token = Checkout.objects.get().token
    assert (declared.subject_ref, declared.threshold, declared.result) == (
        f"guest:{token}",
        21,
        AgeResult.APPROVED,
    )
