"""Every text a shopper or a search engine sees is checked before it goes live,
each refusal names the field, and the audit log names who tried."""

import pytest

from compliance.models import AuditEntry
from content.claims import article_claims_check, findings_summary, page_claims_check
from storefront.catalogue.errors import ProductClaimsBlockedError
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.publication import (
    catalogue_text_check,
    category_claims_fields,
    collection_claims_fields,
)
from storefront.catalogue.services import product_publish
from tests.factories.catalogue import (
    AttributeValueFactory,
    CategoryFactory,
    ChannelFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
)
from tests.factories.content import article_create, rich

pytestmark = pytest.mark.django_db

CLAIM = "Nettle tea that cures depression"


def _priced(channel, **fields):
    product = ProductFactory(**fields)
    listing = ProductVariantChannelListingFactory(
        variant__product=product, variant__name="50 g pouch", channel=channel
    )
    return product, listing.variant


def _field_of_refusal(product, channel) -> str:
    with pytest.raises(ProductClaimsBlockedError) as caught:
        product_publish(product=product, channel=channel)
    assert not ProductChannelListing.objects.filter(is_published=True).exists()
    return caught.value.field


@pytest.mark.parametrize("field", ["name", "seo_title", "seo_description"])
def test_product_text_fields_are_checked(field):
    # given
    channel = ChannelFactory()
    product, _ = _priced(channel, **{field: CLAIM[:60]})

    # when / then
    assert _field_of_refusal(product, channel) == field


def test_benefits_are_checked():
    channel = ChannelFactory()
    product, _ = _priced(channel, benefits=["Caffeine free", CLAIM])

    assert _field_of_refusal(product, channel) == "benefits"


def test_variant_name_is_checked():
    # given
    channel = ChannelFactory()
    product, variant = _priced(channel)
    variant.name = "Depression cure pack"
    variant.save()

    # when / then
    assert _field_of_refusal(product, channel) == "variants.name"


def test_attribute_values_shown_on_the_page_are_checked():
    # given
    channel = ChannelFactory()
    product, _variant = _priced(channel)
    product.attribute_values.add(AttributeValueFactory(name="Cures insomnia"))

    # when / then
    assert _field_of_refusal(product, channel) == "attribute_values"


def test_image_alt_text_is_checked():
    # given
    channel = ChannelFactory()
    product, _ = _priced(channel)
    product.media.create(image="products/x.png", alt="Tea that treats arthritis")

    # when / then
    assert _field_of_refusal(product, channel) == "media.alt"


def test_category_description_is_checked_with_the_product():
    # given
    channel = ChannelFactory()
    category = CategoryFactory(description="Teas that cure depression and anxiety")
    product, _ = _priced(channel, category=category)

    # when / then
    assert _field_of_refusal(product, channel) == "category.description"


def test_collection_is_checked_with_the_product():
    # given
    channel = ChannelFactory()
    product, _ = _priced(channel)
    collection = product.collections.create(
        name="Winter", slug="winter", description="Blends that prevent the flu"
    )
    assert collection.products.count() == 1

    # when / then
    assert _field_of_refusal(product, channel) == "collection.description"


@pytest.mark.parametrize(
    ("field", "kind"),
    [("description", "category"), ("name", "category"), ("description", "collection")],
)
def test_category_and_collection_texts_are_checked_on_their_own(field, kind):
    # given
    ChannelFactory()
    if kind == "category":
        obj = CategoryFactory(**{field: "Teas that cure depression and anxiety"})
        fields = category_claims_fields(category=obj)
    else:
        obj = ProductFactory().collections.create(
            name="Calm", slug="calm", description="Teas that cure depression"
        )
        fields = collection_claims_fields(collection=obj)

    # when
    with pytest.raises(ProductClaimsBlockedError) as caught:
        catalogue_text_check(obj_type=kind, obj=obj, fields=fields)

    # then
    assert caught.value.field == f"{kind}.{field}"
    assert AuditEntry.objects.filter(object_type=kind, object_id=str(obj.pk)).exists()


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("title", "Nettle tea that cures depression"),
        ("seo_title", "Nettle tea that cures depression"),
        ("search_description", "cures depression"),
        ("hero_alt", "A cup of tea that cures depression"),
        ("standfirst", "This tea cures depression."),
    ],
)
def test_article_fields_are_checked(field, value):
    # given
    article = article_create(body=[rich("A plain paragraph.")], live=False)
    setattr(article, field, value)

    # when
    decision = article_claims_check(article=article)

    # then
    assert decision.allowed is False
    assert {f.field for f in decision.blocking} == {field}


def test_other_pages_are_checked_too():
    # given
    article = article_create(live=False)
    index = article.get_parent().specific
    index.intro = "Our teas cure depression."

    # when
    decision = page_claims_check(page=index)

    # then
    assert decision.allowed is False
    assert {f.field for f in decision.blocking} == {"intro"}


def test_one_message_per_finding_with_a_suggestion_that_fits():
    # given: checked under three regimes, the finding is the same
    article = article_create(body=[rich("This tea cures depression.")], live=False)

    # when
    decision = article_claims_check(article=article)
    summary = findings_summary(decision)

    # then
    assert summary.count('"cures depression"') == 1
    assert "restful sleep" not in summary
    assert "mood" in summary


def test_audit_names_the_staff_member_who_tried(staff_user):
    # given
    channel = ChannelFactory()
    product, _ = _priced(channel, description="<p>Cures anxiety.</p>")

    # when
    with pytest.raises(ProductClaimsBlockedError):
        product_publish(product=product, channel=channel, actor=staff_user)

    # then
    entries = AuditEntry.objects.filter(object_type="product")
    assert entries.count() == 2
    assert {e.actor_label for e in entries} == {staff_user.get_username()}
    assert {e.actor_id for e in entries} == {staff_user.pk}
    assert {e.object_id for e in entries} == {str(product.pk)}


def test_admin_refusal_for_a_new_product_names_staff_and_no_none_id(
    client, django_user_model
):
    # given
    from django.contrib.auth.models import Permission

    channel = ChannelFactory()
    category = CategoryFactory()
    product_type = ProductFactory().product_type
    staff = django_user_model.objects.create_user(
        email="staff@example.com", password="pw", is_staff=True, is_superuser=True
    )
    assert Permission.objects.exists()
    client.force_login(staff)
    prefix = "channel_listings"

    # when
    response = client.post(
        "/django-admin/catalogue/product/add/",
        {
            "product_type": product_type.pk,
            "category": category.pk,
            "name": "Calm Caps",
            "slug": "calm-caps",
            "description": "<p>Cures anxiety.</p>",
            "benefits": "[]",
            "regulated_class": "general",
            "variants-TOTAL_FORMS": "0",
            "variants-INITIAL_FORMS": "0",
            f"{prefix}-TOTAL_FORMS": "1",
            f"{prefix}-INITIAL_FORMS": "0",
            f"{prefix}-0-channel": channel.pk,
            f"{prefix}-0-is_published": "on",
            f"{prefix}-0-visible_in_listings": "on",
            "media-TOTAL_FORMS": "0",
            "media-INITIAL_FORMS": "0",
        },
    )

    # then
    assert response.status_code == 200
    assert b"breaks the claims rules" in response.content
    entries = AuditEntry.objects.filter(object_type="product")
    assert entries.exists()
    assert {e.actor_label for e in entries} == {"staff@example.com"}
    assert {e.object_id for e in entries} == {"unsaved:calm-caps"}
