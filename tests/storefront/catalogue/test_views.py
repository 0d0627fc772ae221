from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from common.page_cache import page_cache_invalidate
from storefront.catalogue.views import server_error
from tests.factories.catalogue import (
    AttributeFactory,
    AttributeValueFactory,
    CategoryFactory,
    ChannelFactory,
    CollectionFactory,
    listed_product,
)

pytestmark = pytest.mark.django_db


def test_home_shows_featured_products_and_categories(client, channel_us):
    # given
    category = CategoryFactory(name="Herbal teas", slug="herbal-teas", sort_order=1)
    books = CategoryFactory(name="Books", slug="books", sort_order=2)
    featured = listed_product(
        channel=channel_us, name="Chamomile Evening Tea", category=category
    )
    listed_product(channel=channel_us, name="Not featured", category=books)
    CollectionFactory().products.add(featured)

    # when
    response = client.get("/")

    # then
    assert response.status_code == 200
    assert [p.name for p in response.context["featured"]] == ["Chamomile Evening Tea"]
    assert response.context["categories"] == [category, books]
    html = response.content.decode()
    assert 'href="/categories/herbal-teas/"' in html
    assert "Latest articles" in html
    assert "United States of America · USD" in html


def test_category_page_lists_products_with_prices(client, channel_us):
    # given
    category = CategoryFactory(name="Tinctures", slug="tinctures")
    listed_product(
        channel=channel_us,
        category=category,
        name="Ashwagandha Tincture",
        prices=(Decimal("22"), Decimal("36")),
    )

    # when
    response = client.get("/categories/tinctures/")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert "<h1>Tinctures</h1>" in html
    assert "Ashwagandha Tincture" in html
    assert "$22.00 \u2013 $36.00" in html
    assert "1 product</p>" in html


def test_category_page_keeps_filters_in_pagination_links(client, channel_us):
    # given
    category = CategoryFactory(slug="teas")
    for n in range(25):
        listed_product(channel=channel_us, category=category, name=f"Tea {n:02d}")

    # when
    response = client.get("/categories/teas/?sort=-price&price_min=1")

    # then
    html = response.content.decode()
    assert response.context["page"].paginator.count == 25
    assert len(response.context["page"].object_list) == 24
    assert 'href="?sort=-price&amp;price_min=1&amp;page=2"' in html


def test_category_page_checks_the_chosen_filter(client, channel_us):
    # given
    category = CategoryFactory(slug="mushrooms")
    form = AttributeFactory(slug="form", name="Form")
    value = AttributeValueFactory(attribute=form, slug="powder", name="Powder")
    listed_product(channel=channel_us, category=category).attribute_values.add(value)

    # when
    response = client.get("/categories/mushrooms/?a-form=powder")

    # then
    assert 'name="a-form" value="powder" checked' in response.content.decode()


def test_unknown_category_is_404(client, channel_us):
    response = client.get("/categories/nothing-here/")
    assert response.status_code == 404
    assert "We could not find that page" in response.content.decode()


@pytest.mark.parametrize("count", [5, 50])
def test_category_page_query_count_does_not_grow(
    client, channel_us, django_assert_num_queries, count
):
    """5 and 50 products cost the queries measured for 5."""
    # given 5 products, measured
    category = CategoryFactory(slug="stacks")
    for n in range(5):
        listed_product(channel=channel_us, category=category, name=f"Stack {n:02d}")
    client.get("/categories/stacks/")  # the process's channel cache fills once
    page_cache_invalidate()
    with CaptureQueriesContext(connection) as measured:
        assert client.get("/categories/stacks/").status_code == 200
    for n in range(5, count):
        listed_product(channel=channel_us, category=category, name=f"Stack {n:02d}")
    page_cache_invalidate()  # as the catalogue services do after such writes

    # when / then
    with django_assert_num_queries(len(measured.captured_queries)):
        response = client.get("/categories/stacks/")
    assert len(response.context["page"].object_list) == min(count, 24)


def test_search_page_states(client, channel_us):
    # given
    listed_product(channel=channel_us, name="Reishi Powder", search_document="Bitter")

    # when
    empty = client.get("/search/")
    found = client.get("/search/?q=reishi")
    nothing = client.get("/search/?q=xylophone")

    # then
    assert empty.status_code == found.status_code == nothing.status_code == 200
    assert "Type a word such as" in empty.content.decode()
    assert "1 result for “reishi”" in found.content.decode()
    assert "Reishi Powder" in found.content.decode()
    assert "No products match “xylophone”" in nothing.content.decode()


def test_product_page(client, channel_us):
    # given
    product = listed_product(
        channel=channel_us,
        name="Lion's Mane Capsules",
        slug="lions-mane",
        prices=(Decimal("24"), Decimal("42")),
        stock=3,
        benefits=["Vegan capsules"],
        regulated_class="functional_mushroom",
    )
    related = listed_product(channel=channel_us, category=product.category, name="Z")
    first, second = product.variants.order_by("sort_order")

    # when
    response = client.get("/products/lions-mane/")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert 'data-testid="price">$24.00</span>' in html
    assert f'name="variant" value="{first.pk}" data-price="$24.00" checked' in html
    assert f'name="variant" value="{second.pk}" data-price="$42.00"' in html
    assert 'action="/cart/add/"' in html
    assert 'name="quantity"' in html
    assert "Only a few left" in html
    assert "<li>Vegan capsules</li>" in html
    assert "Functional mushroom</li>" in html
    assert response.context["related"] == [related]


def test_product_page_in_another_channel_currency(client, channel_us, channel_eu):
    # given
    product = listed_product(channel=channel_eu, slug="tea", prices=(Decimal("9"),))
    session = client.session
    session.update({"shop_channel": "eu", "shop_region": "DE"})
    session.save()

    # when
    response = client.get(f"/products/{product.slug}/")

    # then
    assert 'data-testid="price">9,00\xa0€</span>' in response.content.decode()
    assert "Germany · EUR" in response.content.decode()


def test_product_not_sold_in_channel_is_404(client, channel_us, channel_eu):
    listed_product(channel=channel_eu, slug="eu-only")
    assert client.get("/products/eu-only/").status_code == 404


def test_server_error_page(rf):
    response = server_error(rf.get("/"))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


def test_uk_home_does_not_promote_a_category_with_nothing_sellable(
    client, channel_us, channel_uk
):
    # given kratom (prohibited in the UK) and teas, both listed in the UK channel
    kratom = CategoryFactory(name="Kratom", slug="kratom", sort_order=1)
    teas = CategoryFactory(name="Herbal teas", slug="herbal-teas", sort_order=2)
    child = CategoryFactory(name="Green teas", slug="green-teas", parent=teas)
    listed_product(channel=channel_uk, category=kratom, regulated_class="kratom")
    listed_product(channel=channel_uk, category=child, name="Sencha")
    client.post("/region/", {"channel": "uk", "region": "GB"})

    # when
    response = client.get("/")

    # then teas are promoted through their subcategory; kratom is not
    assert response.context["categories"] == [teas]
    assert 'href="/categories/kratom/"' not in response.content.decode()


def test_us_home_still_promotes_kratom(client, channel_us):
    # given
    kratom = CategoryFactory(name="Kratom", slug="kratom")
    listed_product(channel=channel_us, category=kratom, regulated_class="kratom")

    # when
    response = client.get("/")

    # then
    assert response.context["categories"] == [kratom]


def test_category_with_nothing_sellable_says_so_not_filters(client, channel_uk):
    # given a category whose only product is not listed in the UK channel
    kratom = CategoryFactory(name="Kratom", slug="kratom")
    listed_product(channel=ChannelFactory(), category=kratom, regulated_class="kratom")
    client.post("/region/", {"channel": "uk", "region": "GB"})

    # when
    html = client.get("/categories/kratom/").content.decode()

    # then
    assert "No products match these filters" not in html
    assert "Nothing in Kratom can be sold to United Kingdom." in html


def test_category_filter_without_matches_still_says_filters(client, channel_us):
    # given
    teas = CategoryFactory(name="Teas", slug="teas")
    listed_product(channel=channel_us, category=teas, prices=(Decimal("5"),))

    # when
    html = client.get("/categories/teas/?price_min=50").content.decode()

    # then
    assert "No products match these filters." in html
    assert "Nothing in Teas" not in html


def test_a_cold_category_page_reads_the_category_tree_once(client, channel_us):
    # given a category page whose cached reads are all dropped
    category = CategoryFactory(slug="stacks")
    CategoryFactory(slug="small-stacks", parent=category)
    listed_product(channel=channel_us, category=category, name="Stack 01")
    client.get("/categories/stacks/")  # the process's channel cache fills once
    page_cache_invalidate()

    # when it is rendered again
    with CaptureQueriesContext(connection) as measured:
        assert client.get("/categories/stacks/").status_code == 200

    # then the shelf, the classes, the rows and the count share one read of the tree
    sql = [query["sql"] for query in measured.captured_queries]
    tree = [
        query
        for query in sql
        if query.startswith(
            'SELECT "catalogue_category"."id" AS "pk", '
            '"catalogue_category"."parent_id" AS "parent_id" FROM'
        )
    ]
    assert len(tree) == 1
    # the category, the tree, the facets, the classes (2), the count and the rows
    assert len(sql) == 7
