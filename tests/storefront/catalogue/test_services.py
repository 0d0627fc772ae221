from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from PIL import Image

from storefront.catalogue.errors import CatalogueErrorCode, ProductNotPricedError
from storefront.catalogue.models import Product, ProductChannelListing, ProductMedia
from storefront.catalogue.services import (
    product_create,
    product_media_add,
    product_publish,
    product_update,
    product_variant_create,
    product_variant_price_set,
)
from tests.factories.catalogue import (
    AttributeValueFactory,
    CategoryFactory,
    ProductFactory,
    ProductTypeFactory,
    ProductVariantFactory,
)

pytestmark = pytest.mark.django_db


def _png(width: int, height: int) -> ContentFile:
    buffer = BytesIO()
    Image.new("RGB", (width, height), (20, 120, 40)).save(buffer, format="PNG")
    return ContentFile(buffer.getvalue(), name="pack.png")


def test_create_sanitises_description_and_builds_search_text():
    # given
    value = AttributeValueFactory(name="Lion's mane")

    # when
    product = product_create(
        product_type=ProductTypeFactory(),
        category=CategoryFactory(name="Functional mushrooms"),
        name="Lion's Mane Capsules",
        description='<p onclick="x()">Oak-grown <script>alert(1)</script>fruit</p>',
        benefits=["  Vegan   capsules ", "<b>Tested</b> every batch", ""],
        attribute_values=[value],
    )

    # then
    product.refresh_from_db()
    assert product.slug == "lions-mane-capsules"
    assert product.description == "<p>Oak-grown fruit</p>"
    assert product.benefits == ["Vegan capsules", "Tested every batch"]
    assert product.search_document == (
        "Functional mushrooms Oak-grown fruit Vegan capsules Tested every batch "
        "Lion's mane"
    )
    assert list(product.attribute_values.all()) == [value]


def test_create_refuses_too_many_benefits():
    # when
    with pytest.raises(ValidationError) as caught:
        product_create(
            product_type=ProductTypeFactory(),
            category=CategoryFactory(),
            name="Tea",
            benefits=[f"Point {n}" for n in range(9)],
        )

    # then
    errors = caught.value.error_dict["benefits"]
    assert len(errors) == 1
    assert errors[0].code == CatalogueErrorCode.INVALID.value
    assert errors[0].messages == ["List at most 8 benefits."]
    assert Product.objects.count() == 0


def test_create_refuses_benefits_that_are_not_a_list():
    with pytest.raises(ValidationError, match="Benefits must be a list"):
        product_create(
            product_type=ProductTypeFactory(),
            category=CategoryFactory(),
            name="Tea",
            benefits="calm",  # type: ignore[arg-type]
        )
    assert Product.objects.count() == 0


def test_create_refuses_a_taken_slug():
    # given
    ProductFactory(slug="tea")

    # when
    with pytest.raises(ValidationError) as caught:
        product_create(
            product_type=ProductTypeFactory(), category=CategoryFactory(), name="Tea"
        )

    # then
    assert list(caught.value.error_dict) == ["slug"]
    assert Product.objects.count() == 1


def test_update_writes_only_when_something_changed():
    # given
    product = ProductFactory(description="<p>Same</p>", benefits=["One"])
    before = product.updated_at
    product_update(product=product, description="<p>Same</p>")  # search text
    product.refresh_from_db()
    stamp = product.updated_at

    # when
    changed = product_update(product=product, description="<p>Same</p>")

    # then
    product.refresh_from_db()
    assert changed is False
    assert product.updated_at == stamp
    assert stamp >= before


def test_update_sanitises_description():
    # given
    product = ProductFactory()

    # when
    changed = product_update(
        product=product, description='<a href="javascript:x()">Link</a>'
    )

    # then
    product.refresh_from_db()
    assert changed is True
    assert product.description == '<a rel="noopener noreferrer nofollow">Link</a>'


def test_update_refuses_unknown_fields():
    with pytest.raises(TypeError, match="unknown fields"):
        product_update(product=ProductFactory(), search_document="x")


def test_variant_sku_must_be_unique():
    # given
    ProductVariantFactory(sku="RS-PWD-60G")

    # when
    with pytest.raises(ValidationError) as caught:
        product_variant_create(product=ProductFactory(), sku="RS-PWD-60G")

    # then
    assert list(caught.value.error_dict) == ["sku"]


def test_price_set_refuses_negative_amount(channel_us):
    with pytest.raises(ValidationError, match=r"A price cannot be negative\."):
        product_variant_price_set(
            variant=ProductVariantFactory(), channel=channel_us, amount=Decimal("-1")
        )


def test_price_set_uses_the_channel_currency(channel_eu):
    # when
    listing = product_variant_price_set(
        variant=ProductVariantFactory(), channel=channel_eu, amount=Decimal("23.00")
    )

    # then
    assert (listing.price_amount, listing.currency) == (Decimal("23.00"), "EUR")


def test_media_add_makes_a_thumbnail():
    # given
    product = ProductFactory(name="Reishi Powder")

    # when
    media = product_media_add(product=product, image=_png(1200, 600))

    # then
    media.refresh_from_db()
    with Image.open(media.thumbnail.path) as thumb:
        assert thumb.size == (400, 200)
        assert thumb.format == "JPEG"
    assert media.alt == "Reishi Powder"
    assert media.sort_order == 0


def test_media_add_refuses_a_file_that_is_not_an_image():
    # given
    product = ProductFactory()

    # when
    with pytest.raises(ValidationError) as caught:
        product_media_add(
            product=product, image=ContentFile(b"not an image", name="x.png")
        )

    # then
    assert caught.value.error_dict["image"][0].code == "invalid_image"
    assert ProductMedia.objects.count() == 0


def test_publish_needs_a_price_in_the_channel(channel_us):
    # given
    product = ProductVariantFactory().product

    # when
    with pytest.raises(ProductNotPricedError) as caught:
        product_publish(product=product, channel=channel_us)

    # then
    assert caught.value.code is CatalogueErrorCode.NOT_PRICED
    assert ProductChannelListing.objects.count() == 0


def test_publish_twice_keeps_one_listing(channel_us):
    # given
    variant = ProductVariantFactory()
    product_variant_price_set(variant=variant, channel=channel_us, amount=Decimal("10"))

    # when
    first = product_publish(product=variant.product, channel=channel_us)
    second = product_publish(product=variant.product, channel=channel_us)

    # then
    assert first.pk == second.pk
    assert first.published_at == second.published_at
    assert ProductChannelListing.objects.filter(is_published=True).count() == 1
