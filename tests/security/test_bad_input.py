"""Bad input in the pages gets a clear answer naming the field, never a 500."""

import pytest

from storefront.accounts.models import User
from tests.factories.content import channel_create

PASSWORD = "a-long-pass-phrase-42"


@pytest.fixture
def us(settings, db):
    settings.STOREFRONT_DEFAULT_CHANNEL = "us"
    return channel_create(slug="us", country="US", regime="us")


@pytest.mark.parametrize("target", ["abc", "0", "https://evil.example/", "//evil"])
def test_region_selector_ignores_a_next_that_is_not_a_path(client, us, target):
    # when
    shown = client.get("/region/", {"next": target})
    chosen = client.post(
        "/region/", {"channel": "us", "region": "US-TX", "next": target}
    )

    # then
    assert shown.status_code == 200
    assert shown.context["form"].initial["next"] == "/"
    assert chosen.status_code == 302
    assert chosen.url == "/"


def test_region_selector_follows_a_next_path(client, us):
    # when
    response = client.post(
        "/region/", {"channel": "us", "region": "US-TX", "next": "/search/?q=tea"}
    )

    # then
    assert response.status_code == 302
    assert response.url == "/search/?q=tea"


@pytest.mark.parametrize("target", ["abc", "0"])
def test_sign_in_with_a_next_that_is_not_a_path_goes_to_the_account(client, us, target):
    # given
    User.objects.create_user("ada@example.com", PASSWORD)

    # when
    response = client.post(
        f"/account/login/?next={target}",
        {"email": "ada@example.com", "password": PASSWORD, "next": target},
    )

    # then
    assert response.status_code == 302
    assert response.url == "/account/"
    assert "_auth_user_id" in client.session


@pytest.mark.parametrize("target", ["abc", "0"])
def test_registration_with_a_next_that_is_not_a_path_goes_to_the_account(
    client, us, target
):
    # when
    response = client.post(
        "/account/register/",
        {"email": "ada@example.com", "password": PASSWORD, "next": target},
    )

    # then
    assert response.status_code == 302
    assert response.url == "/account/"
    assert User.objects.filter(email="ada@example.com").count() == 1


@pytest.mark.parametrize(
    ("path", "label"),
    [
        ("/search/?q=te%00a", "Search"),
        ("/articles/search/?q=%00", "Search"),
        ("/articles/?topic=sleep%00", "Topic"),
        ("/region/?next=/%00", "Next page"),
    ],
)
def test_nul_characters_in_a_query_are_a_400_naming_the_field(client, us, path, label):
    # when
    response = client.get(path)

    # then
    assert response.status_code == 400
    assert (
        f"<strong>{label}</strong>: this contains a character that cannot be used"
        in (response.content.decode())
    )


def test_nul_character_in_a_voucher_code_is_a_400_naming_the_field(client, us):
    # when
    response = client.post("/cart/checkout/voucher/", {"voucher_code": "SAVE\x0010"})

    # then
    assert response.status_code == 400
    assert "<strong>Voucher code</strong>" in response.content.decode()


def test_nul_character_in_an_address_is_a_400(client, us):
    # when
    response = client.get("/articles/a%00b/")

    # then
    assert response.status_code == 400


def test_json_bodies_are_left_to_their_endpoint(client, us):
    # when the API receives NUL inside a JSON document
    response = client.post(
        "/graphql/",
        data='{"query": "{ me { email } }", "variables": {"x": "\\u0000"}}',
        content_type="application/json",
    )

    # then the page-level guard does not answer for it: the API names the input
    # itself (``shop`` was never a field; standard validation now says so)
    assert response.json()["errors"][0]["message"] == (
        "`$x` must not contain NUL characters."
    )
