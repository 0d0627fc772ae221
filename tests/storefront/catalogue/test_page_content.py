"""A catalogue page asked for at an address the page cache has not seen (a query
parameter the page does not read) is answered by the page stored for what it shows,
and a page put together again is built from its stored main content; neither ever
carries another visitor's token, address, region or age answer."""

from datetime import date
from decimal import Decimal
from urllib.parse import quote

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


@pytest.mark.parametrize(
    ("path", "shown"),
    [
        ("/", "Nettle Tea"),
        ("/categories/teas/", "Nettle Tea"),
        ("/products/nettle/", "Nettle Tea"),
        ("/search/?q=nettle", "Nettle Tea"),
    ],
)
def test_a_page_at_a_new_address_is_answered_by_the_stored_page(
    client, shelf, django_assert_num_queries, path, shown
):
    # given the page rendered once, after a first page has warmed what every
    # process builds once (a slow first request would outlive the cached reads)
    _warm(client, path)
    client.get(path)
    separator = "&" if "?" in path else "?"

    # when it is asked for under a query string no page was stored for
    with django_assert_num_queries(0):
        response = client.get(f"{path}{separator}utm_source=mail")

    # then nothing is rendered, and its links back carry its own address
    assert response[HEADER] == "hit"
    assert _rendered(response) == []
    assert shown in response.text
    here = quote(f"{path}{separator}utm_source=mail", safe="/")
    assert f"/region/?next={here}" in response.text
    assert "\x00" not in response.text


def test_a_page_put_together_again_is_built_from_the_stored_content(
    shelf, django_assert_num_queries
):
    # given the page rendered for a visitor who has not chosen a region
    _warm(Client(), "/products/nettle/")
    Client().get("/products/nettle/")

    # when a visitor who chose the very region they were given asks for it
    chooser = Client()
    shopper_in_region(chooser, "US")
    with django_assert_num_queries(1):  # their session
        response = chooser.get("/products/nettle/?utm_source=mail")

    # then their page is put together from the stored content
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

    # then the form's token and the links back are their own, and the token is
    # accepted
    assert page.text.count('name="csrfmiddlewaretoken"') == 1
    assert "\x00" not in page.text
    assert "from%3Dsecond" in page.text
    assert "from%3Dfirst" not in page.text
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
    "path", ["/", "/categories/teas/", "/search/?q=nettle", "/products/nettle/"]
)
def test_a_page_at_a_new_address_costs_one_round_trip(client, shelf, path):
    # given the page stored
    _warm(client, path)
    client.get(path)
    separator = "&" if "?" in path else "?"

    # when the page is asked for at another address
    with round_trips_counted() as counted:
        response = Client().get(f"{path}{separator}utm_source=mail")

    # then the page and the versions it is checked against come in one read
    assert response[HEADER] == "hit"
    assert len(counted.keys) == 1
    first = counted.keys[0]
    assert _has(first, "page:")
    assert {GENERATION_KEY, VERSION_KEY} <= set(first)


def test_a_page_put_together_again_reads_its_content_with_one_round_trip_more(
    client, shelf
):
    # given the home page's content stored
    _warm(client, "/")
    client.get("/")
    chooser = Client()
    shopper_in_region(chooser, "US")

    # when a page must be put together for another choice
    with round_trips_counted() as counted:
        response = chooser.get("/")

    # then the page is looked up in the request's first round trip, with the
    # versions it is checked against, and its stored content in the next
    assert response[HEADER] == "miss"
    assert "Nettle Tea" in response.text
    assert len(counted.keys) == 2
    assert _has(counted.keys[0], "page:")
    assert {GENERATION_KEY, VERSION_KEY} <= set(counted.keys[0])
    assert _has(counted.keys[1], "fragment:")


def test_an_age_gate_stored_for_one_address_posts_back_to_where_it_is_served(shelf):
    # given the gate stored for one newcomer's address
    first, second = Client(), Client()
    shopper_in_region(first, "US-CO")
    shopper_in_region(second, "US-CO")
    assert "date of birth" in first.get("/categories/botanicals/?v=1").text.lower()

    # when another newcomer asks at another address
    gate = second.get("/categories/botanicals/?v=2")

    # then their form names no other address, and their answer opens their page
    assert gate[HEADER] == "hit"
    assert "v=1" not in gate.text
    assert "v%3D2" in gate.text
    today = timezone.localdate()
    answered = second.post(
        "/categories/botanicals/?v=2",
        {"dob_day": 1, "dob_month": 1, "dob_year": today.year - 30},
    )
    assert answered.status_code == 302
    assert answered["Location"] == "/categories/botanicals/?v=2"


def test_an_error_page_at_a_shared_address_links_back_to_its_own_address(client, shelf):
    response = client.get("/products/no-such-tea/?v=1")
    assert response.status_code == 404
    assert "\x00" not in response.text


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
