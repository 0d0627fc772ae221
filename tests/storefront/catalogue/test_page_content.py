"""A catalogue page asked for at an address the page cache has not seen (a query
parameter the page does not read) is built from its stored main content, which
never carries another visitor's token, address, region or age answer."""

from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.utils import timezone

from common.page_cache import GENERATION_KEY, HEADER, page_cache_invalidate
from storefront.catalogue.services import product_variant_price_set
from storefront.channels.cache import VERSION_KEY, channels_cache_invalidate
from tests.common.round_trips import round_trips_counted
from tests.common.shopper import cart_add_with_page_token, shopper_in_region
from tests.factories.accounts import UserFactory

pytestmark = pytest.mark.django_db

PRODUCT_CONTENT = "catalogue/_product_detail.html"
CATEGORY_CONTENT = "catalogue/_category.html"


def _warm(client: Client, path: str) -> None:
    separator = "&" if "?" in path else "?"
    client.get(f"{path}{separator}warm=1")
    page_cache_invalidate()


def _rendered(response) -> list[str]:
    return [template.name for template in response.templates]


def test_a_product_page_at_a_new_address_is_built_from_the_stored_content(
    client, shelf, django_assert_num_queries
):
    # given the page rendered once, after a first page has warmed what every
    # process builds once (a slow first request would outlive the cached reads)
    _warm(client, "/products/nettle/")
    client.get("/products/nettle/")

    # when it is asked for under a query string no page was stored for
    with django_assert_num_queries(0):
        response = client.get("/products/nettle/?utm_source=mail")

    # then its content is not rendered again, and links back carry its own address
    assert response[HEADER] == "miss"
    assert PRODUCT_CONTENT not in _rendered(response)
    assert "Nettle Tea" in response.text
    assert "/region/?next=/products/nettle/%3Futm_source%3Dmail" in response.text


def test_the_stored_content_carries_each_visitors_own_csrf_token(shelf):
    # given the content stored for one visitor
    first = Client(enforce_csrf_checks=True)
    first.get("/products/nettle/?from=first")

    # when another opens the page at another address
    second = Client(enforce_csrf_checks=True)
    page = second.get("/products/nettle/?from=second")
    assert PRODUCT_CONTENT not in _rendered(page)

    # then the form's token is their own and is accepted
    assert page.text.count('name="csrfmiddlewaretoken"') == 1
    assert "\x00" not in page.text
    variant = shelf["nettle"].variants.get().pk
    assert cart_add_with_page_token(second, page=page, variant=variant) == 302
    assert "Nettle Tea" in second.get("/cart/").text


def test_visitors_in_other_regions_get_their_own_content(shelf):
    texas, plain = Client(), Client()
    shopper_in_region(texas, "US-TX")
    texas.get("/products/nettle/?v=1")
    page = plain.get("/products/nettle/?v=2")
    assert PRODUCT_CONTENT in _rendered(page)
    assert "Texas" not in page.text
    again = texas.get("/products/nettle/?v=3")
    assert PRODUCT_CONTENT not in _rendered(again)
    assert "Texas" in again.text


def test_one_visitors_age_answer_never_reaches_anothers_content(shelf):
    adult, newcomer = Client(), Client()
    shopper_in_region(adult, "US-CO")
    shopper_in_region(newcomer, "US-CO")
    today = timezone.localdate()
    born = date(today.year - 30, 1, 1)
    adult.post(
        "/categories/botanicals/",
        {"dob_day": born.day, "dob_month": born.month, "dob_year": born.year},
    )
    assert "Green Vein Kratom" in adult.get("/categories/botanicals/?v=1").text
    gate = newcomer.get("/categories/botanicals/?v=2")
    assert "Green Vein Kratom" not in gate.text
    assert "date of birth" in gate.text.lower()
    again = adult.get("/categories/botanicals/?v=3")
    assert CATEGORY_CONTENT not in _rendered(again)
    assert "Green Vein Kratom" in again.text


def test_a_price_edit_shows_at_a_new_address_on_the_next_request(
    client, shelf, channel_us
):
    assert "12.00" in client.get("/products/nettle/?v=1").text
    variant = shelf["nettle"].variants.get()
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal(9))
    page = Client().get("/products/nettle/?v=2")
    assert "9.00" in page.text
    assert "12.00" not in page.text


def test_signed_in_customers_get_freshly_rendered_content(client, shelf):
    Client().get("/products/nettle/?v=1")
    client.force_login(UserFactory())
    page = client.get("/products/nettle/?v=2")
    assert PRODUCT_CONTENT in _rendered(page)


def test_filters_are_read_from_the_query_and_unknown_parameters_left_out(client, shelf):
    # given a category filtered by price, under a parameter the page does not read
    page = client.get("/categories/teas/?price_min=5&utm_source=mail")

    # then the filter applies and its "remove" link keeps nothing else
    assert "Nettle Tea" in page.text
    assert 'class="chip" href="/categories/teas/"' in page.text
    # and a different filter is its own content
    narrowed = client.get("/categories/teas/?price_min=50&utm_source=other")
    assert CATEGORY_CONTENT in _rendered(narrowed)
    assert "Nettle Tea" not in narrowed.text


@pytest.mark.parametrize(
    ("path", "trips"),
    [
        # the page with the request's versions; its content
        ("/", 2),
        ("/search/?q=nettle", 2),
        # and the product, which its age gate needs first
        ("/products/nettle/", 3),
    ],
)
def test_a_page_at_a_new_address_reads_the_shared_cache_in_few_round_trips(
    client, shelf, path, trips
):
    # given the page's content stored
    _warm(client, path)
    client.get(path)
    separator = "&" if "?" in path else "?"

    # when the page is asked for at another address
    with round_trips_counted() as counted:
        response = client.get(f"{path}{separator}utm_source=mail")

    # then the page is looked up in the request's first round trip, with the
    # versions it is checked against, and its stored content is read once
    assert response[HEADER] == "miss"
    assert "Nettle Tea" in response.text
    assert len(counted.keys) == trips
    first = counted.keys[0]
    assert _has(first, "page:")
    assert {GENERATION_KEY, VERSION_KEY} <= set(first)
    assert len([keys for keys in counted.keys if _has(keys, "fragment:")]) == 1


@pytest.mark.parametrize("path", ["/", "/search/?q=nettle", "/products/nettle/"])
def test_a_page_the_cache_answers_costs_one_round_trip(client, shelf, path):
    # given the page stored
    client.get(path)

    # when another visitor asks for it
    with round_trips_counted() as counted:
        response = Client().get(path)

    # then the page and the versions it is checked against come in one read
    assert response[HEADER] == "hit"
    assert len(counted.keys) == 1
    assert _has(counted.keys[0], "page:")


def test_a_channel_change_drops_stored_pages(client, shelf, channel_us):
    # given a page stored
    assert client.get("/products/nettle/")[HEADER] == "miss"
    assert Client().get("/products/nettle/")[HEADER] == "hit"

    # when staff change a channel (which may change what a region resolves to)
    channels_cache_invalidate()

    # then the page is rendered again
    assert Client().get("/products/nettle/")[HEADER] == "miss"


def _has(keys: list[str], prefix: str) -> bool:
    return any(key.startswith(prefix) for key in keys)
