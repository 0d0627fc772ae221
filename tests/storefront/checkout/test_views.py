import json

import pytest

from storefront.checkout.models import Checkout, CheckoutLine
from storefront.checkout.services.cart import checkout_line_add
from storefront.payments.models import StripeWebhookEvent
from tests.factories.checkout import US_ADDRESS, sellable_variant


def test_add_to_cart_endpoint(client, shop):
    response = client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "3"})
    assert response.status_code == 302
    assert response.url == "/cart/"
    assert CheckoutLine.objects.get().quantity == 3
    page = client.get("/cart/").content.decode()
    assert shop.variant.product.name in page
    assert 'data-total="total">$30.00' in page


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"variant": "x", "quantity": "1"}, "Variant: Choose a product option."),
        ({"quantity": "1"}, "Variant: Choose a product option."),
        ({"variant": "VARIANT", "quantity": "many"}, "Quantity: Enter a whole number."),
        (
            {"variant": "VARIANT", "quantity": "0"},
            "Quantity: The quantity must be at least 1.",
        ),
        ({"variant": "VARIANT", "quantity": "11"}, "Quantity: Only 10 left in stock."),
    ],
)
def test_add_to_cart_bad_input(client, shop, data, message):
    data = {k: (shop.variant.pk if v == "VARIANT" else v) for k, v in data.items()}
    response = client.post("/cart/add/", data, follow=True)
    assert message in response.content.decode()
    assert CheckoutLine.objects.count() == 0


def test_details_step_names_invalid_field(client, shop):
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "1"})
    response = client.post(
        "/cart/checkout/details/",
        {
            "email": "ada@example.com",
            "first_name": "Ada",
            "last_name": "L",
            "street_address_1": "1 Main St",
            "city": "Austin",
            "postal_code": "7870",
            "country": "US",
            "country_area": "TX",
        },
    )
    assert response.status_code == 200
    assert (
        "Postal code: This value is not valid for United States of America."
        in response.content.decode()
    )
    assert Checkout.objects.get().shipping_address_id is None


def _cart_with_lines(client, shop, count):
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "1"})
    checkout = Checkout.objects.get()
    for _ in range(count - 1):
        variant = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
        checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    return checkout


@pytest.mark.parametrize("path", ["/cart/", "/cart/checkout/review/"])
def test_page_queries_do_not_grow_with_lines(
    client, shop, django_assert_max_num_queries, path
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    checkout = _cart_with_lines(client, shop, 1)
    with CaptureQueriesContext(connection) as one:
        assert client.get(path).status_code == 200
    for _ in range(9):
        variant = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
        checkout_line_add(checkout=checkout, variant_id=variant.pk, quantity=1)
    with CaptureQueriesContext(connection) as ten:
        assert client.get(path).status_code == 200
    assert len(ten.captured_queries) == len(one.captured_queries)


def test_cart_page_query_count(client, shop, django_assert_num_queries):
    _cart_with_lines(client, shop, 5)
    # 9, plus one for every line's picture together and one for the free-shipping
    # threshold
    with django_assert_num_queries(11):
        client.get("/cart/")


@pytest.mark.parametrize(
    ("body", "headers"),
    [
        (b"not json", {"HTTP_STRIPE_SIGNATURE": "t=1,v1=abc"}),
        (json.dumps({"id": "evt_1"}).encode(), {}),
    ],
)
def test_webhook_rejects_unsigned_or_malformed(client, db, body, headers):
    response = client.post(
        "/webhooks/stripe/", body, content_type="application/json", **headers
    )
    assert response.status_code == 400
    assert response.json()["error"] == "The webhook signature is invalid."
    assert StripeWebhookEvent.objects.count() == 0


def test_details_step_starts_from_the_default_shipping_address(client, shop):
    # given a customer whose default shipping address is not their newest one
    from tests.factories.accounts import AddressFactory, UserFactory

    user = UserFactory()
    default = AddressFactory(user=user, street_address_1="7 Default Way")
    AddressFactory(user=user, street_address_1="99 Newest Rd")
    user.default_shipping_address = default
    user.save(update_fields=["default_shipping_address"])
    client.force_login(user)
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "1"})

    # when
    response = client.get("/cart/checkout/details/")

    # then
    assert response.status_code == 200
    form = response.context["form"]
    assert form.initial["street_address_1"] == "7 Default Way"


ALABAMA_ADDRESS = {
    **US_ADDRESS,
    "street_address_1": "600 Dexter Ave",
    "city": "Montgomery",
    "postal_code": "36104",
    "country_area": "AL",
}


def _kratom_and_tea(client, shop):
    kratom = sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        product_fields={"regulated_class": "kratom", "name": "Kratom Powder"},
    )
    tea = sellable_variant(
        channel=shop.channel,
        warehouse=shop.warehouse,
        product_fields={"name": "Nettle Tea"},
    )
    for variant in (kratom, tea):
        client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"})
    return kratom, tea


def test_address_step_stops_on_lines_that_cannot_ship_there(client, shop):
    # given kratom and tea in the cart
    _kratom_and_tea(client, shop)

    # when an Alabama address is given
    posted = client.post(
        "/cart/checkout/details/", {"email": "a@example.com", **ALABAMA_ADDRESS}
    )

    # then the shopper stays on the address step, told which line and why
    assert posted.status_code == 302
    assert posted.url == "/cart/checkout/details/"
    response = client.get("/cart/checkout/details/")
    page = response.content.decode()
    assert (
        "<li><strong>Kratom Powder</strong>: Kratom cannot be shipped to Alabama "
        "(US-AL). Why: Kratom&#x27;s alkaloids mitragynine and 7-hydroxymitragynine"
    ) in page
    assert (
        "Nettle Tea" not in page.split('id="undeliverable"')[1].split("</section>")[0]
    )
    assert 'action="/cart/checkout/details/remove-undeliverable/"' in page
    # the address can be changed in place
    assert response.context["form"].initial["city"].lower() == "montgomery"
    for step in ("shipping", "billing", "review"):
        bounced = client.get(f"/cart/checkout/{step}/")
        assert (step, bounced.url) == (step, "/cart/checkout/details/")


def test_removing_the_undeliverable_lines_carries_on(client, shop):
    # given
    _kratom_and_tea(client, shop)
    client.post(
        "/cart/checkout/details/", {"email": "a@example.com", **ALABAMA_ADDRESS}
    )

    # when
    removed = client.post("/cart/checkout/details/remove-undeliverable/", follow=True)

    # then only the tea is left, and checkout moves on to delivery
    assert removed.redirect_chain == [("/cart/checkout/shipping/", 302)]
    assert "Removed from your cart: Kratom Powder." in removed.content.decode()
    assert [line.variant.product.name for line in CheckoutLine.objects.all()] == [
        "Nettle Tea"
    ]


def test_changing_the_address_clears_the_stop(client, shop):
    # given
    _kratom_and_tea(client, shop)
    client.post(
        "/cart/checkout/details/", {"email": "a@example.com", **ALABAMA_ADDRESS}
    )

    # when the shopper ships to California instead
    moved = client.post(
        "/cart/checkout/details/",
        {
            "email": "a@example.com",
            **US_ADDRESS,
        },
    )

    # then checkout goes on with both lines
    assert moved.url == "/cart/checkout/shipping/"
    assert CheckoutLine.objects.count() == 2


def test_billing_step_puts_the_tick_box_first_and_defaults_to_the_shipping_country(
    client, shop
):
    # given a cart shipped to California, with a delivery option chosen
    variant = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
    client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"})
    client.post("/cart/checkout/details/", {"email": "a@example.com", **US_ADDRESS})
    client.post("/cart/checkout/shipping/", {"shipping_method": shop.shipping.pk})

    # when
    response = client.get("/cart/checkout/billing/")

    # then
    html = response.content.decode()
    assert html.index('name="same_as_shipping"') < html.index('name="first_name"')
    assert response.context["form"].initial["same_as_shipping"] is True
    assert '<option value="US" selected>' in html
    assert '<option value="AF" selected>' not in html


def test_a_customer_may_save_the_checkout_address_to_the_address_book(
    client, shop, django_user_model
):
    # given a signed-in customer with something in the cart
    customer = django_user_model.objects.create_user("c@example.com", "pw-42-long")
    client.force_login(customer)
    variant = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
    client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"})
    page = client.get("/cart/checkout/details/").content.decode()
    assert "Save this address in my address book" in page

    # when the address is given twice with the box ticked
    data = {"email": "c@example.com", "save_address": "on", **US_ADDRESS}
    client.post("/cart/checkout/details/", data)
    client.post("/cart/checkout/details/", data)

    # then the address book holds it once
    assert [(a.street_address_1, a.postal_code) for a in customer.addresses.all()] == [
        ("1600 Amphitheatre Pkwy", "94043")
    ]


def test_a_guest_is_not_offered_an_address_book(client, shop):
    variant = sellable_variant(channel=shop.channel, warehouse=shop.warehouse)
    client.post("/cart/add/", {"variant": variant.pk, "quantity": "1"})

    page = client.get("/cart/checkout/details/").content.decode()

    assert "Save this address in my address book" not in page
