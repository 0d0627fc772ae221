"""A product prohibited in every country of a channel cannot be listed there."""

import pytest

from storefront.catalogue.errors import (
    CatalogueErrorCode,
    ProductProhibitedInChannelError,
)
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.services import product_publish
from tests.factories.catalogue import (
    ChannelFactory,
    ProductFactory,
    ProductVariantChannelListingFactory,
    eu_channel,
)

pytestmark = pytest.mark.django_db


def _priced(channel, **fields):
    product = ProductFactory(**fields)
    ProductVariantChannelListingFactory(variant__product=product, channel=channel)
    return product


def test_kratom_cannot_be_listed_in_the_eu_channel():
    # given: prohibited or unconfirmed in all ten countries
    eu = eu_channel()
    kratom = _priced(eu, name="Green Kratom", regulated_class="kratom")

    # when
    with pytest.raises(ProductProhibitedInChannelError) as caught:
        product_publish(product=kratom, channel=eu)

    # then: staff get the reason, naming the countries and rules
    error = caught.value
    assert error.code is CatalogueErrorCode.PROHIBITED_IN_CHANNEL
    assert error.field == "channel"
    assert "Kratom is prohibited" in error.message
    assert "FR" in error.message
    assert "LEG.KRATOM.FR" in error.data["rules"]
    assert set(error.data["regions"]) == {str(c) for c in eu.countries}
    assert not ProductChannelListing.objects.filter(product=kratom).exists()


def test_a_class_allowed_in_some_country_of_the_channel_can_be_listed():
    # given: herbal food is decided by food law in every EU country
    eu = eu_channel()
    tea = _priced(eu, name="Chamomile", regulated_class="herbal")

    # when
    listing = product_publish(product=tea, channel=eu)

    # then
    assert listing.is_published is True


def test_kratom_can_still_be_listed_in_the_us_channel():
    us = ChannelFactory()
    kratom = _priced(us, name="Green Kratom", regulated_class="kratom")

    assert product_publish(product=kratom, channel=us).is_published is True


def test_admin_shows_the_reason(client, django_user_model):
    # given
    eu = eu_channel()
    kratom = _priced(eu, name="Green Kratom", regulated_class="kratom", slug="gk")
    staff = django_user_model.objects.create_user(
        email="staff@example.com", password="pw", is_staff=True, is_superuser=True
    )
    client.force_login(staff)

    # when
    response = client.post(
        f"/django-admin/catalogue/product/{kratom.pk}/change/",
        {
            "product_type": kratom.product_type_id,
            "category": kratom.category_id,
            "name": kratom.name,
            "slug": kratom.slug,
            "description": kratom.description,
            "benefits": "[]",
            "regulated_class": "kratom",
            "variants-TOTAL_FORMS": "0",
            "variants-INITIAL_FORMS": "0",
            "channel_listings-TOTAL_FORMS": "1",
            "channel_listings-INITIAL_FORMS": "0",
            "channel_listings-0-channel": eu.pk,
            "channel_listings-0-is_published": "on",
            "channel_listings-0-visible_in_listings": "on",
            "media-TOTAL_FORMS": "0",
            "media-INITIAL_FORMS": "0",
        },
    )

    # then
    assert response.status_code == 200
    assert b"cannot be listed in Europe" in response.content
    assert not ProductChannelListing.objects.filter(product=kratom).exists()
