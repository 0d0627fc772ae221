from datetime import timedelta
from decimal import Decimal

import pytest
from django.http import QueryDict
from django.utils import timezone

from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.search_results import product_search
from storefront.catalogue.selectors import (
    ProductFilters,
    Sort,
    attribute_facets_for_products,
    product_first_images,
    product_get_for_channel,
    product_list_for_category,
    product_list_for_channel,
    product_list_related,
)
from tests.factories.catalogue import (
    AttributeFactory,
    AttributeValueFactory,
    CategoryFactory,
    ProductFactory,
    ProductMediaFactory,
    ProductVariantChannelListingFactory,
    ProductVariantFactory,
    listed_product,
)

pytestmark = pytest.mark.django_db


def test_listing_shows_only_published_visible_priced_products(channel_us, channel_eu):
    # given
    shown = listed_product(channel=channel_us, name="Shown")
    listed_product(channel=channel_eu, name="Other channel")
    hidden = listed_product(channel=channel_us, name="Hidden")
    hidden.channel_listings.update(visible_in_listings=False)
    draft = listed_product(channel=channel_us, name="Draft")
    draft.channel_listings.update(is_published=False)
    later = listed_product(channel=channel_us, name="Later")
    later.channel_listings.update(published_at=timezone.now() + timedelta(days=1))
    unpriced = listed_product(channel=channel_us, name="Unpriced")
    unpriced.variants.get().channel_listings.all().delete()

    # when
    products = list(product_list_for_channel(channel=channel_us))

    # then
    assert products == [shown]


def test_listing_annotates_price_range_thumbnail_and_stock(channel_us):
    # given
    product = listed_product(
        channel=channel_us, prices=(Decimal("42.00"), Decimal("24.00")), stock=7
    )
    media = ProductMediaFactory(product=product, sort_order=0)
    ProductMediaFactory(product=product, sort_order=1)

    # when
    card = product_list_for_channel(channel=channel_us).get()

    # then
    assert (card.price_min, card.price_max) == (Decimal("24.00"), Decimal("42.00"))
    assert card.thumbnail == media.thumbnail.name
    assert card.stock_available == 14


def test_category_includes_subcategories(channel_us):
    # given
    parent = CategoryFactory(slug="teas")
    child = CategoryFactory(slug="green-teas", parent=parent)
    in_parent = listed_product(channel=channel_us, category=parent, name="A")
    in_child = listed_product(channel=channel_us, category=child, name="B")
    listed_product(channel=channel_us, name="Elsewhere")

    # when
    products = product_list_for_category(
        channel=channel_us, category=parent, filters=ProductFilters()
    )

    # then
    assert list(products) == [in_parent, in_child]


@pytest.mark.parametrize(
    ("sort", "expected"),
    [
        (Sort.NAME, ["Ashwagandha", "Chaga", "Reishi"]),
        (Sort.PRICE_ASC, ["Reishi", "Ashwagandha", "Chaga"]),
        (Sort.PRICE_DESC, ["Chaga", "Ashwagandha", "Reishi"]),
        (Sort.NEWEST, ["Chaga", "Reishi", "Ashwagandha"]),
    ],
)
def test_sorting(channel_us, sort, expected):
    # given (created in this order: oldest first)
    category = CategoryFactory()
    for name, price in (("Ashwagandha", "20"), ("Reishi", "10"), ("Chaga", "30")):
        listed_product(
            channel=channel_us, category=category, name=name, prices=(Decimal(price),)
        )

    # when
    products = product_list_for_category(
        channel=channel_us, category=category, filters=ProductFilters(sort=sort)
    )

    # then
    assert [p.name for p in products] == expected


def test_filters_by_attribute_values_and_price(channel_us):
    # given
    form = AttributeFactory(slug="form", name="Form")
    capsules = AttributeValueFactory(attribute=form, slug="capsules", name="Capsules")
    powder = AttributeValueFactory(attribute=form, slug="powder", name="Powder")
    category = CategoryFactory()
    cheap_caps = listed_product(
        channel=channel_us, category=category, name="A", prices=(Decimal("10"),)
    )
    cheap_caps.attribute_values.add(capsules)
    dear_caps = listed_product(
        channel=channel_us, category=category, name="B", prices=(Decimal("50"),)
    )
    dear_caps.attribute_values.add(capsules)
    powder_product = listed_product(
        channel=channel_us, category=category, name="C", prices=(Decimal("12"),)
    )
    powder_product.attribute_values.add(powder)
    query = QueryDict("a-form=capsules&a-form=powder&price_max=20&sort=bogus")

    # when
    filters = ProductFilters.from_querydict(query)
    products = product_list_for_category(
        channel=channel_us, category=category, filters=filters
    )

    # then
    assert filters == ProductFilters(
        attribute_values={"form": ("capsules", "powder")},
        price_max=Decimal("20"),
        sort=Sort.NAME,
    )
    assert [p.name for p in products] == ["A", "C"]


def test_filter_matches_variant_attribute_values(channel_us):
    # given
    strength = AttributeFactory(slug="strength")
    mg500 = AttributeValueFactory(attribute=strength, slug="500", name="500")
    category = CategoryFactory()
    product = listed_product(channel=channel_us, category=category)
    product.variants.get().attribute_values.add(mg500)
    listed_product(channel=channel_us, category=category)

    # when
    products = product_list_for_category(
        channel=channel_us,
        category=category,
        filters=ProductFilters(attribute_values={"strength": ("500",)}),
    )

    # then
    assert list(products) == [product]


def test_facets_list_the_values_in_use(channel_us):
    # given
    form = AttributeFactory(slug="form", name="Form")
    capsules = AttributeValueFactory(attribute=form, slug="capsules", name="Capsules")
    AttributeValueFactory(attribute=form, slug="unused", name="Unused")
    product = listed_product(channel=channel_us)
    product.attribute_values.add(capsules)

    # when
    facets = attribute_facets_for_products(
        products=product_list_for_channel(channel=channel_us)
    )

    # then
    assert [(f.attribute.slug, [v.slug for v in f.values]) for f in facets] == [
        ("form", ["capsules"])
    ]


def test_search_ranks_name_matches_first(channel_us):
    # given
    in_text = listed_product(
        channel=channel_us,
        name="Morning Stack",
        search_document="Cordyceps with lion's mane extract",
    )
    in_name = listed_product(
        channel=channel_us, name="Lion's Mane Capsules", search_document="Capsules"
    )
    listed_product(channel=channel_us, name="Peppermint Tea", search_document="Mint")

    # when
    results = list(product_search(channel=channel_us, query="lion's mane"))

    # then
    assert results == [in_name, in_text]


def test_search_matches_word_stems(channel_us):
    # given
    product = listed_product(
        channel=channel_us, name="Chamomile", search_document="Whole flowers"
    )

    # when / then
    assert list(product_search(channel=channel_us, query="flower")) == [product]


def test_search_with_empty_query_finds_nothing(channel_us):
    listed_product(channel=channel_us)
    assert list(product_search(channel=channel_us, query="   ")) == []


def test_detail_lists_priced_variants_with_prices(channel_us, channel_eu):
    # given
    product = listed_product(channel=channel_us, prices=(Decimal("24"), Decimal("42")))
    ProductVariantFactory(product=product, sku="EU-ONLY")
    first = product.variants.order_by("sort_order").first()
    ProductVariantChannelListingFactory(
        variant=first, channel=channel_eu, price_amount=Decimal("23")
    )

    # when
    shown = product_get_for_channel(slug=product.slug, channel=channel_us)

    # then
    assert [(v.price_amount, v.currency) for v in shown.priced_variants] == [
        (Decimal("24.00"), "USD"),
        (Decimal("42.00"), "USD"),
    ]


def test_detail_is_none_when_not_published_in_channel(channel_us, channel_eu):
    # given
    product = listed_product(channel=channel_eu)
    unpublished = listed_product(channel=channel_us)
    ProductChannelListing.objects.filter(product=unpublished).update(is_published=False)

    # then
    assert product_get_for_channel(slug=product.slug, channel=channel_us) is None
    assert product_get_for_channel(slug=unpublished.slug, channel=channel_us) is None


def test_related_are_same_category_others(channel_us):
    # given
    category = CategoryFactory()
    product = listed_product(channel=channel_us, category=category, name="A")
    sibling = listed_product(channel=channel_us, category=category, name="B")
    listed_product(channel=channel_us, name="Other category")
    ProductFactory(category=category, name="Not listed")

    # then
    assert product_list_related(product=product, channel=channel_us) == [sibling]


def test_numeric_facet_values_sort_as_numbers_not_text(channel_us):
    # given strengths whose text order ("1000" < "400") differs from their numbers
    strength = AttributeFactory(slug="strength", name="Strength", input_type="numeric")
    product = listed_product(channel=channel_us)
    for name in ("1000", "400", "500"):
        product.attribute_values.add(
            AttributeValueFactory(
                attribute=strength, slug=name, name=name, numeric_value=Decimal(name)
            )
        )

    # when
    facets = attribute_facets_for_products(
        products=product_list_for_channel(channel=channel_us)
    )

    # then
    assert [value.name for value in facets[0].values] == ["400", "500", "1000"]


def test_first_images_pick_each_products_first_picture_in_one_query(
    channel_us, django_assert_num_queries
):
    # given two products with pictures in a set order, and one without
    first, second, bare = (listed_product(channel=channel_us) for _ in range(3))
    ProductMediaFactory(product=first, sort_order=1, alt="Back")
    front = ProductMediaFactory(product=first, sort_order=0, alt="Front")
    only = ProductMediaFactory(product=second, alt="Only")

    # when
    with django_assert_num_queries(1):
        images = product_first_images(product_ids=[first.pk, second.pk, bare.pk])

    # then
    assert images == {
        first.pk: (front.image.name, "Front"),
        second.pk: (only.image.name, "Only"),
    }


def test_first_images_of_no_products_asks_nothing(django_assert_num_queries):
    with django_assert_num_queries(0):
        assert product_first_images(product_ids=[]) == {}
