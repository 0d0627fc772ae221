from decimal import Decimal

import pytest

from compliance.claims import US_DISCLAIMER_PLURAL, US_DISCLAIMER_SINGULAR
from tests.factories.catalogue import listed_product

pytestmark = pytest.mark.django_db

STRUCTURE_FUNCTION = "Supports focus and mental clarity"
PLAIN_FACT = "Vegan capsules"


def _product(channel):
    return listed_product(
        channel=channel,
        slug="lions-mane",
        prices=(Decimal("24"),),
        benefits=[STRUCTURE_FUNCTION, PLAIN_FACT],
        regulated_class="functional_mushroom",
    )


def test_us_visitor_sees_the_claim_marked_with_the_fda_disclaimer(client, channel_us):
    # given
    _product(channel_us)

    # when
    response = client.get("/products/lions-mane/")

    # then
    html = response.content.decode()
    claims = response.context["claims"]
    assert [b.text for b in claims.benefits] == [STRUCTURE_FUNCTION, PLAIN_FACT]
    assert [b.needs_disclaimer for b in claims.benefits] == [True, False]
    assert claims.disclaimer == US_DISCLAIMER_SINGULAR
    assert f'{STRUCTURE_FUNCTION}<a href="#claims-disclaimer"' in html
    assert f"* {US_DISCLAIMER_SINGULAR}" in html


@pytest.mark.parametrize("region", [("eu", "DE"), ("uk", "GB")])
def test_eu_and_uk_visitors_see_only_authorised_claims(
    client, channel_us, channel_eu, channel_uk, region
):
    # given: the botanical function claim is not on the EU or GB register
    channel = {"eu": channel_eu, "uk": channel_uk}[region[0]]
    _product(channel)
    session = client.session
    session.update({"shop_channel": region[0], "shop_region": region[1]})
    session.save()

    # when
    response = client.get("/products/lions-mane/")

    # then
    html = response.content.decode()
    claims = response.context["claims"]
    assert [b.text for b in claims.benefits] == [PLAIN_FACT]
    assert claims.hidden_count == 1
    assert claims.disclaimer is None
    assert STRUCTURE_FUNCTION not in html
    assert "Food and Drug Administration" not in html


def test_plural_disclaimer_for_several_claims(client, channel_us):
    # given
    listed_product(
        channel=channel_us,
        slug="reishi",
        prices=(Decimal("20"),),
        benefits=["Supports focus", "Supports restful sleep"],
    )

    # when
    response = client.get("/products/reishi/")

    # then
    assert response.context["claims"].disclaimer == US_DISCLAIMER_PLURAL
