import xml.etree.ElementTree as ET

import pytest

from tests.factories.content import article_create, product_create, rich

pytestmark = pytest.mark.django_db

SENTINEL = "The orchard ladder leaned against the seventh pear tree."


def _locked(slug: str, level: str = "members"):
    return article_create(
        title=f"Locked {slug}",
        slug=slug,
        access_level=level,
        body=[rich("Open start."), rich("Open middle."), rich(SENTINEL)],
    )


def test_rss_feed_is_valid_xml_without_protected_text(client, us_channel):
    # given
    article_create(title="Public piece", slug="pub")
    _locked("locked-feed")
    # when
    response = client.get("/articles/feed/")
    # then
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    titles = [i.findtext("title") for i in root.iter("item")]
    assert sorted(titles) == ["Locked locked-feed", "Public piece"]
    assert SENTINEL not in response.content.decode()


def test_atom_feed_is_valid_xml(client, us_channel):
    # given
    _locked("locked-atom", level="paid")
    # when
    response = client.get("/articles/feed/atom/")
    # then
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert [
        e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)
    ] == ["Locked locked-atom"]
    assert SENTINEL not in response.content.decode()


def test_sitemap_lists_articles_and_products(client, us_channel):
    # given
    article_create(title="Mapped", slug="mapped")
    product_create(slug="chaga", channel=us_channel)
    # when
    response = client.get("/sitemap.xml")
    # then
    assert response.status_code == 200
    root = ET.fromstring(response.content)  # noqa: S314 (our own output)
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    locs = [e.text for e in root.findall("s:url/s:loc", ns)]
    assert any(loc.endswith("/articles/mapped/") for loc in locs)
    assert any(loc.endswith("/articles/") for loc in locs)
    assert any("chaga" in loc for loc in locs)
    assert len(locs) == 3


def test_search_finds_public_body_text(client, us_channel):
    # given
    article_create(
        title="Gardens", slug="gardens", body=[rich("Marigolds everywhere.")]
    )
    # when
    response = client.get("/articles/search/", {"q": "marigolds"})
    # then
    assert response.status_code == 200
    assert "Gardens" in response.content.decode()


def test_search_never_matches_or_shows_protected_body(client, us_channel):
    # given
    _locked("locked-search")
    # when
    by_body = client.get("/articles/search/", {"q": "orchard ladder"})
    by_title = client.get("/articles/search/", {"q": "Locked"})
    # then
    assert "Locked locked-search" not in by_body.content.decode()
    assert "Locked locked-search" in by_title.content.decode()
    assert SENTINEL not in by_title.content.decode()
    assert SENTINEL not in by_body.content.decode()


def test_search_page_without_query_renders(client, us_channel):
    assert client.get("/articles/search/").status_code == 200
