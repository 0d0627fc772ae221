"""Anonymous catalogue pages are served from the cache, never with another
visitor's cart, session, region or age answer, and edits show on the next request."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from common.page_cache import HEADER
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.services import (
    product_publish,
    product_update,
    product_variant_price_set,
)
from storefront.inventory.services import stock_quantity_set
from tests.common.shopper import cart_add_with_page_token, shopper_in_region
from tests.factories.accounts import UserFactory
from tests.factories.catalogue import (
    AttributeFactory,
    AttributeValueFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
    listed_product,
)

pytestmark = pytest.mark.django_db


def _adult(client: Client) -> None:
    today = timezone.localdate()
    born = date(today.year - 30, 1, 1)
    client.post(
        "/categories/botanicals/",
        {"dob_day": born.day, "dob_month": born.month, "dob_year": born.year},
    )


def test_the_second_anonymous_visit_is_served_from_the_cache(
    client, shelf, django_assert_num_queries
):
    first = client.get("/categories/teas/")
    assert first[HEADER] == "miss"
    with django_assert_num_queries(0):
        second = Client().get("/categories/teas/")
    assert second[HEADER] == "hit"
    assert second.content == first.content


def test_two_visitors_in_different_regions_see_their_own(shelf):
    texas, plain = Client(), Client()
    shopper_in_region(texas, "US-TX")
    texas_page = texas.get("/products/nettle/").content.decode()
    plain_page = plain.get("/products/nettle/").content.decode()
    assert "Texas" in texas_page
    assert "Texas" not in plain_page
    assert texas.get("/products/nettle/")[HEADER] == "hit"


def test_one_visitors_age_answer_never_reaches_another(shelf):
    adult, newcomer = Client(), Client()
    shopper_in_region(adult, "US-CO")
    shopper_in_region(newcomer, "US-CO")
    _adult(adult)
    listing = adult.get("/categories/botanicals/")
    assert "Green Vein Kratom" in listing.content.decode()
    gate = newcomer.get("/categories/botanicals/")
    assert "Green Vein Kratom" not in gate.content.decode()
    assert "date of birth" in gate.content.decode().lower()
    # and each is cached for its own state
    assert adult.get("/categories/botanicals/")[HEADER] == "hit"
    assert newcomer.get("/categories/botanicals/")[HEADER] == "hit"
    assert "Green Vein Kratom" not in newcomer.get("/categories/botanicals/").text


def test_a_cached_page_carries_the_visitors_own_csrf_token(shelf):
    first = Client(enforce_csrf_checks=True)
    first.get("/products/nettle/")
    second = Client(enforce_csrf_checks=True)
    page = second.get("/products/nettle/")
    assert page[HEADER] == "hit"
    variant = shelf["nettle"].variants.get().pk
    assert cart_add_with_page_token(second, page=page, variant=variant) == 302
    assert "Nettle Tea" in second.get("/cart/").content.decode()


def test_a_visitor_with_a_cart_or_a_message_is_not_served_shared_pages(shelf):
    shopper = Client()
    shopper.get("/products/nettle/")
    shopper.post(
        "/cart/add/", {"variant": shelf["nettle"].variants.get().pk, "quantity": "1"}
    )
    response = shopper.get("/products/nettle/")
    assert HEADER not in response
    # and what they were shown was not stored for others
    assert Client().get("/products/nettle/")[HEADER] == "hit"


def test_signed_in_customers_always_get_a_fresh_page(client, shelf):
    client.get("/categories/teas/")
    client.force_login(UserFactory())
    response = client.get("/categories/teas/")
    assert HEADER not in response
    assert response.context is not None


def test_a_price_edit_shows_on_the_next_request(client, shelf, channel_us):
    assert "12.00" in client.get("/categories/teas/").content.decode()
    assert "12.00" in client.get("/products/nettle/").content.decode()
    variant = shelf["nettle"].variants.get()
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal(9))
    listing = Client().get("/categories/teas/")
    detail = Client().get("/products/nettle/")
    assert listing[HEADER] == detail[HEADER] == "miss"
    assert "9.00" in listing.content.decode()
    assert "12.00" not in detail.content.decode()


def test_publishing_shows_on_the_next_request(client, shelf, channel_us):
    yarrow = listed_product(
        channel=channel_us, category=shelf["nettle"].category, name="Yarrow Tea"
    )
    ProductChannelListing.objects.filter(product=yarrow).update(is_published=False)
    assert "Yarrow Tea" not in client.get("/categories/teas/").text
    assert "Yarrow Tea" not in client.get("/search/?q=yarrow").text
    product_publish(product=yarrow, channel=channel_us)
    assert "Yarrow Tea" in client.get("/categories/teas/").text
    assert "Yarrow Tea" in client.get("/search/?q=yarrow").text


def test_a_stock_count_that_changes_the_stock_state_shows_on_the_next_request(
    client, shelf
):
    # given the product and its category cached while in stock
    assert "In stock" in client.get("/products/nettle/").text
    assert "Out of stock" not in client.get("/categories/teas/").text
    stock = shelf["nettle"].variants.get().stocks.get()

    # when staff count the shelf empty
    stock_quantity_set(
        variant_id=stock.product_variant_id, warehouse=stock.warehouse, quantity=0
    )

    # then both pages show it at once
    detail, listing = client.get("/products/nettle/"), client.get("/categories/teas/")
    assert detail[HEADER] == listing[HEADER] == "miss"
    assert "Out of stock" in detail.text
    assert "Out of stock" in listing.text


def test_a_stock_count_that_keeps_the_stock_state_keeps_cached_pages(client, shelf):
    client.get("/products/nettle/")
    stock = shelf["nettle"].variants.get().stocks.get()
    stock_quantity_set(
        variant_id=stock.product_variant_id, warehouse=stock.warehouse, quantity=40
    )
    assert client.get("/products/nettle/")[HEADER] == "hit"


def test_a_rename_shows_on_the_next_request(client, shelf):
    client.get("/")
    product_update(product=shelf["nettle"], name="Stinging Nettle Tea")
    assert "Stinging Nettle Tea" in client.get("/").content.decode()


def test_the_header_cart_of_one_shopper_never_reaches_another(shelf):
    # given pages stored for visitors with no cart
    assert Client().get("/products/nettle/")[HEADER] == "miss"
    assert Client().get("/categories/teas/")[HEADER] == "miss"

    # when a shopper fills a cart and opens that page and another one
    shopper = Client()
    shopper.post(
        "/cart/add/", {"variant": shelf["nettle"].variants.get().pk, "quantity": "2"}
    )
    own = [shopper.get("/products/nettle/"), shopper.get("/categories/teas/")]

    # then they see their own cart, never the stored one
    for page in own:
        assert HEADER not in page
        assert 'data-testid="cart-count">2<' in page.text
        assert '<li class="mini-cart__line' in page.text
        assert "Nothing in your cart yet." not in page.text
    # and visitors without a cart are shown the shared page with an empty one
    for path in ("/products/nettle/", "/categories/teas/"):
        page = Client().get(path)
        assert page[HEADER] == "hit"
        assert 'data-testid="cart-count">0<' in page.text
        assert '<li class="mini-cart__line' not in page.text
        assert "Nothing in your cart yet." in page.text


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        # the product, its related products and articles
        ("/products/nettle/", "Nettle Tea"),
        # featured products, top categories and the latest articles
        ("/", "Nettle Tea"),
        # the category, its facets, the classes it holds, its rows and its count
        ("/categories/teas/", "1 product"),
    ],
)
def test_a_page_put_together_again_reuses_the_catalogue_reads(
    shelf, django_assert_num_queries, path, shown
):
    """What a page shows is read once per catalogue generation, not once per
    visitor's choice the page is put together for."""
    # given the page rendered once
    Client().get(path)

    # when a visitor whose choice resolves to the same region asks for it
    chooser = Client()
    shopper_in_region(chooser, "US")

    # then nothing but their session is read
    with django_assert_num_queries(1):
        response = chooser.get(f"{path}?utm_source=mail")
    assert response[HEADER] == "miss"
    assert shown in response.text


def test_a_filter_value_a_newly_published_product_brings_shows_on_the_next_request(
    client, shelf, channel_us
):
    # given the category page rendered with no filter to offer
    assert "Powder" not in client.get("/categories/teas/").text
    form = AttributeFactory(slug="form", name="Form")
    powder = AttributeValueFactory(attribute=form, slug="powder", name="Powder")
    product = ProductFactory(name="Nettle Powder", category=shelf["nettle"].category)
    product.attribute_values.add(powder)
    ProductVariantChannelListingFactory(
        variant=ProductVariantFactory(product=product), channel=channel_us
    )

    # when it is published
    product_publish(product=product, channel=channel_us)

    # then the next page, at another address too, offers its value
    page = client.get("/categories/teas/?utm_source=mail").text
    assert 'name="a-form" value="powder"' in page
    assert "Nettle Powder" in page


def test_an_age_restricted_product_published_into_a_category_gates_it_next(
    shelf, channel_us
):
    # given the teas page, with nothing to gate, rendered for a Colorado visitor
    visitor = Client()
    shopper_in_region(visitor, "US-CO")
    assert "date of birth" not in visitor.get("/categories/teas/").text.lower()
    kratom = ProductFactory(
        name="Kratom Tea", category=shelf["nettle"].category, regulated_class="kratom"
    )
    ProductVariantChannelListingFactory(
        variant=ProductVariantFactory(product=kratom), channel=channel_us
    )

    # when it is published
    product_publish(product=kratom, channel=channel_us)

    # then the next visitor is asked their age first
    newcomer = Client()
    shopper_in_region(newcomer, "US-CO")
    page = newcomer.get("/categories/teas/?utm_source=mail").text
    assert "date of birth" in page.lower()
    assert "Kratom Tea" not in page


def test_visitors_in_regions_with_other_rules_get_their_own_category_answer(shelf):
    # given the kratom shelf shown, behind the gate, to a Colorado visitor
    colorado = Client()
    shopper_in_region(colorado, "US-CO")
    assert "date of birth" in colorado.get("/categories/botanicals/").text.lower()

    # when a visitor from Alabama, where kratom cannot be sold, asks for it
    alabama = Client()
    shopper_in_region(alabama, "US-AL")
    page = alabama.get("/categories/botanicals/").text

    # then they are shown it as not available there, not asked their age; a
    # plain visitor is gated
    assert "date of birth" not in page.lower()
    assert "Not available in Alabama" in page
    assert "date of birth" in Client().get("/categories/botanicals/").text.lower()


def test_a_search_page_put_together_again_reuses_its_results(
    shelf, django_assert_num_queries
):
    Client().get("/search/?q=nettle")
    chooser = Client()
    shopper_in_region(chooser, "US")
    with django_assert_num_queries(1):  # their session
        response = chooser.get("/search/?q=nettle&utm_source=mail")
    assert response[HEADER] == "miss"
    assert "Nettle Tea" in response.text


def test_a_rename_shows_in_search_results_on_the_next_request(client, shelf):
    assert "Stinging" not in client.get("/search/?q=nettle").text
    product_update(product=shelf["nettle"], name="Stinging Nettle Tea")
    page = client.get("/search/?q=nettle&utm_source=mail").text
    assert "Stinging Nettle Tea" in page
