import pytest

from storefront.channels.errors import ChannelErrorCode
from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY
from tests.factories.catalogue import ChannelFactory, eu_channel, uk_channel

pytestmark = pytest.mark.django_db


@pytest.fixture
def channels(db):
    return ChannelFactory(), eu_channel(), uk_channel()


def test_form_offers_each_channels_countries_and_subdivisions(client, channels):
    # when
    response = client.get("/region/?next=/search/")

    # then
    assert response.status_code == 200
    html = response.content.decode()
    assert '<option value="us" selected>United States (USD)</option>' in html
    assert '<option value="US-TX">Texas, United States of America</option>' in html
    assert '<optgroup label="Europe (EUR)">' in html
    assert '<option value="DE">Germany</option>' in html
    assert '<option value="GB-SCT">Scotland, United Kingdom</option>' in html
    assert 'name="next" value="/search/"' in html


def test_valid_choice_is_remembered(client, channels):
    # when
    response = client.post(
        "/region/", {"channel": "uk", "region": "GB-SCT", "next": "/search/?q=tea"}
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == "/search/?q=tea"
    assert client.session[SESSION_CHANNEL_KEY] == "uk"
    assert client.session[SESSION_REGION_KEY] == "GB-SCT"
    page = client.get("/search/").content.decode()
    assert "Scotland, United Kingdom · GBP" in page


def test_state_outside_the_channel_is_refused_naming_the_field(client, channels):
    # when
    response = client.post("/region/", {"channel": "eu", "region": "US-TX"})

    # then
    assert response.status_code == 400
    form = response.context["form"]
    assert list(form.errors) == ["region"]
    assert form.errors.as_data()["region"][0].code == (
        ChannelErrorCode.REGION_OUTSIDE_CHANNEL.value
    )
    assert (
        "<li>Region: The Europe channel does not sell to Texas, United States of "
        "America.</li>" in response.content.decode()
    )
    assert SESSION_CHANNEL_KEY not in client.session


def test_unknown_region_is_refused(client, channels):
    # when
    response = client.post("/region/", {"channel": "us", "region": "US-ZZ"})

    # then
    assert response.status_code == 400
    assert response.context["form"].errors == {
        "region": ["Choose a country or state from the list."]
    }
    assert SESSION_REGION_KEY not in client.session


def test_unknown_channel_is_refused_naming_the_field(client, channels):
    # when
    response = client.post("/region/", {"channel": "mars", "region": "US"})

    # then
    assert response.status_code == 400
    assert list(response.context["form"].errors) == ["channel"]
    assert "<li>Shop and currency:" in response.content.decode()


def test_unsafe_next_falls_back_to_home(client, channels):
    # when
    response = client.post(
        "/region/",
        {"channel": "us", "region": "US-OR", "next": "https://evil.example/"},
    )

    # then
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_form_does_not_place_independent_states_in_the_us(client, channels):
    # when
    html = client.get("/region/").content.decode()

    # then
    assert "Marshall Islands" not in html
    assert "Micronesia" not in html
    assert "Palau" not in html
    assert "Armed Forces" not in html
    puerto_rico = "Puerto Rico, United States of America"
    assert f'<option value="US-PR">{puerto_rico}</option>' in html
