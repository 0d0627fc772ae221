"""The shop information pages the demo loads, robots.txt and the favicon."""

import io

import pytest

from content.demo_pages import PAGES, populate_info_pages
from content.pages import InfoPage

pytestmark = pytest.mark.django_db


def test_demo_loads_every_information_page_once(client, us_channel):
    # when
    populate_info_pages(io.StringIO())
    populate_info_pages(io.StringIO())

    # then
    assert sorted(InfoPage.objects.live().values_list("slug", flat=True)) == sorted(
        spec["slug"] for spec in PAGES
    )
    for slug in ("about", "shipping", "returns", "privacy", "terms", "contact"):
        html = client.get(f"/{slug}/").content.decode()
        assert 'aria-label="Shop information"' in html
        assert f'href="/{slug}/" aria-current="page"' in html


def test_an_edited_page_is_left_as_staff_wrote_it(us_channel):
    # given
    populate_info_pages(io.StringIO())
    page = InfoPage.objects.get(slug="returns")
    page.intro = "Sixty days, no questions."
    page.save_revision().publish()

    # when
    populate_info_pages(io.StringIO())

    # then
    assert InfoPage.objects.get(slug="returns").intro == "Sixty days, no questions."


def test_every_page_links_the_trust_pages_in_its_footer(client, us_channel):
    html = client.get("/").content.decode()
    footer = html.split('<footer class="site-footer">')[1]
    for slug in ("about", "shipping", "returns", "privacy", "terms", "contact"):
        assert f'href="/{slug}/"' in footer


def test_robots_txt_points_at_the_sitemap_and_keeps_out_of_carts(client):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Disallow: /cart/" in body
    assert "Sitemap: http://testserver/sitemap.xml" in body


def test_favicon_ico_redirects_to_the_static_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].startswith("/static/favicon")
