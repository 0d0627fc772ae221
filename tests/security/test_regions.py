"""The region selector offers only regions the compliance rules can decide."""

import pytest

from storefront.channels.forms import region_choices
from storefront.channels.regions import region_is_valid
from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY
from tests.factories.content import channel_create

UNDECIDABLE = ["US-AA", "US-AE", "US-AP", "US-MH", "US-FM", "US-PW"]


@pytest.fixture
def us(settings, db):
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    return channel_create(slug="us", country="US", regime="us")


def test_undecidable_regions_are_not_offered(us):
    # when
    offered = {code for _group, options in region_choices([us]) for code, _ in options}

    # then
    assert {"US", "US-TX", "US-DC", "US-PR"} <= offered
    assert offered.isdisjoint(UNDECIDABLE)
    assert [region_is_valid(code) for code in UNDECIDABLE] == [False] * 6


@pytest.mark.parametrize("region", UNDECIDABLE)
def test_choosing_an_undecidable_region_is_refused_naming_the_field(client, us, region):
    # when
    response = client.post("/region/", {"channel": "us", "region": region})

    # then
    assert response.status_code == 400
    assert response.context["form"].errors["region"]
    assert SESSION_REGION_KEY not in client.session


@pytest.mark.parametrize("path", ["/", "/search/?q=tea"])
def test_a_remembered_undecidable_region_falls_back_to_the_country(client, us, path):
    # given a session that chose US-AA before the list was corrected
    session = client.session
    session[SESSION_CHANNEL_KEY] = "us"
    session[SESSION_REGION_KEY] = "US-AA"
    session.save()

    # when
    response = client.get(path)

    # then
    assert response.status_code == 200
    assert response.wsgi_request.shopper_region.region == "US"
