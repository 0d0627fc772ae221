"""Product cards are rendered once per process for what they show, and a card is
never served for a product, price, region or age answer it does not show."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from storefront.catalogue.availability import products_attach_region_decisions
from storefront.catalogue.selectors import product_list_for_channel
from storefront.catalogue.templatetags.catalogue_tags import product_card_cache
from storefront.channels.services import ShopperRegion
from tests.factories.catalogue import listed_product

pytestmark = pytest.mark.django_db

CARDS = Template("{% load catalogue_tags %}{% product_cards products %}")


@pytest.fixture(autouse=True)
def _empty_card_cache():
    product_card_cache.clear()
    yield
    product_card_cache.clear()


def _cards(channel, region: str, **attrs: object) -> tuple[str, list]:
    products = list(product_list_for_channel(channel=channel))
    products_attach_region_decisions(products=products, region=region)
    for product in products:
        for name, value in attrs.items():
            setattr(product, name, value)
    shopper = ShopperRegion(channel=channel, region=region, chosen=True)
    html = CARDS.render(Context({"products": products, "shopper_region": shopper}))
    return html, products


def test_a_card_is_rendered_once_and_then_reused(channel_us):
    # given two listed products, their cards rendered once
    listed_product(channel=channel_us, name="Nettle Tea", prices=(Decimal(12),))
    listed_product(channel=channel_us, name="Yarrow Tea", prices=(Decimal(8),))
    first, _ = _cards(channel_us, "US-OR")

    # when the same cards are asked for again
    again, _ = _cards(channel_us, "US-OR")

    # then the stored cards answer, identical
    assert again == first
    assert len(product_card_cache) == 2
    assert "Nettle Tea" in first
    assert "$12.00" in first


def test_a_changed_price_or_stock_state_renders_a_new_card(channel_us):
    listed_product(channel=channel_us, name="Nettle Tea", prices=(Decimal(12),))
    before, _ = _cards(channel_us, "US-OR")
    # A change the page generation would also announce; the key alone tells.
    after, _ = _cards(
        channel_us,
        "US-OR",
        price_min=Decimal(9),
        price_max=Decimal(9),
        stock_available=0,
    )
    assert "$12.00" in before
    assert "Out of stock" not in before
    assert "$9.00" in after
    assert "Out of stock" in after


def test_each_region_and_age_answer_gets_its_own_card(channel_us):
    # given a product that some regions forbid and others sell to adults only
    listed_product(
        channel=channel_us, name="Green Vein Kratom", regulated_class="kratom"
    )

    # when cards are asked for in two regions, and masked for an unconfirmed age
    oregon, _ = _cards(channel_us, "US-OR")
    alabama, _ = _cards(channel_us, "US-AL")
    masked, _ = _cards(channel_us, "US-OR", age_masked=21)

    # then each shows its own answer
    assert "Not available in Alabama" in alabama
    assert "Not available" not in oregon
    assert "Green Vein Kratom" in oregon
    assert "Green Vein Kratom" not in masked
    assert "For adults 21+" in masked
