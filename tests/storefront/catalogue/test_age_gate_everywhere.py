"""Age-restricted products obey the gate in search, the home page, related
products and article embeds, not only on their category and product pages."""

import pytest

from storefront.catalogue.views import AGE_GATE_ADULT_KEY, AGE_GATE_REFUSED_KEY
from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY
from tests.factories.catalogue import (
    CategoryFactory,
    CollectionFactory,
    ProductMediaFactory,
    listed_product,
)
from tests.factories.content import article_create, product_block, rich

pytestmark = pytest.mark.django_db


def _visitor(client, *, adult_for=None, refused_below=None) -> None:
    session = client.session
    session[SESSION_CHANNEL_KEY] = "us"
    session[SESSION_REGION_KEY] = "US-CO"  # kratom: 21+
    if adult_for is not None:
        session[AGE_GATE_ADULT_KEY] = adult_for
    if refused_below is not None:
        session[AGE_GATE_REFUSED_KEY] = refused_below
    session.save()


@pytest.fixture
def shop(channel_us):
    category = CategoryFactory(name="Botanicals", slug="botanicals")
    kratom = listed_product(
        channel=channel_us,
        category=category,
        name="Green Vein Kratom",
        slug="green-kratom",
        regulated_class="kratom",
        search_document="kratom leaf powder",
    )
    ProductMediaFactory(product=kratom, alt="Kratom powder in a jar")
    tea = listed_product(
        channel=channel_us,
        category=category,
        name="Kratom-free Chamomile",
        slug="chamomile",
        regulated_class="herbal",
        search_document="kratom-free chamomile tea",
    )
    CollectionFactory().products.add(kratom, tea)
    return kratom


def test_refused_visitor_finds_no_kratom_in_search(client, shop):
    # given
    _visitor(client, refused_below=21)

    # when
    response = client.get("/search/?q=kratom")

    # then the tea is found, the kratom is not there at all
    html = response.content.decode()
    assert response.status_code == 200
    assert [p.slug for p in response.context["page"].object_list] == ["chamomile"]
    assert "1 result for" in html
    assert "Green Vein Kratom" not in html
    assert "Kratom powder in a jar" not in html
    assert "green-kratom" not in html


def test_unasked_visitor_sees_a_masked_card_in_search(client, shop):
    # given
    _visitor(client)

    # when
    html = client.get("/search/?q=kratom").content.decode()

    # then the product is there, without name, price or picture
    assert "An age-restricted product" in html
    assert "For adults 21+." in html
    assert "Green Vein Kratom" not in html
    assert "Kratom powder in a jar" not in html
    assert html.count("$20.00") == 1  # the tea's price only


def test_adult_visitor_sees_kratom_in_search(client, shop):
    # given
    _visitor(client, adult_for=21)

    # when
    html = client.get("/search/?q=kratom").content.decode()

    # then
    assert "Green Vein Kratom" in html
    assert "An age-restricted product" not in html


def test_home_page_and_related_products_obey_the_gate(client, shop):
    # given
    _visitor(client, refused_below=21)

    # when
    home = client.get("/")
    tea_page = client.get("/products/chamomile/")

    # then
    assert [p.slug for p in home.context["featured"]] == ["chamomile"]
    assert tea_page.context["related"] == []
    assert "Green Vein Kratom" not in home.content.decode()
    assert "Green Vein Kratom" not in tea_page.content.decode()


def test_article_embed_obeys_the_gate(client, shop):
    # given an article that embeds the kratom
    article = article_create(
        title="On leaves",
        slug="on-leaves",
        body=[rich("About leaves."), product_block("green-kratom")],
    )

    # when a refused, an unasked and an adult visitor read it
    readers = {}
    for name, answer in (
        ("refused", {"refused_below": 21}),
        ("unasked", {}),
        ("adult", {"adult_for": 21}),
    ):
        client.cookies.clear()
        _visitor(client, **answer)
        readers[name] = client.get(article.url).content.decode()
    refused, unasked, adult = readers["refused"], readers["unasked"], readers["adult"]

    # then
    assert "Green Vein Kratom" not in refused
    assert "age-restricted" not in refused
    assert "Green Vein Kratom" not in unasked
    assert "An age-restricted product for adults 21+." in unasked
    assert "Green Vein Kratom" in adult
