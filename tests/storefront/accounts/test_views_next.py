"""Register and sign in return a reader to where they came from, safely."""

import pytest

from storefront.accounts.models import User
from tests.factories.accounts import PASSWORD

ARTICLE = "/articles/microdosing-and-focus/"


def test_register_shows_the_next_page_in_the_form_and_the_sign_in_link(client, db):
    response = client.get("/account/register/", {"next": ARTICLE})

    html = response.content.decode()
    assert f'<input type="hidden" name="next" value="{ARTICLE}">' in html
    assert '/account/login/?next=/articles/microdosing-and-focus/"' in html


def test_register_returns_to_the_members_only_article(client, db):
    response = client.post(
        "/account/register/",
        {"email": "reader@example.com", "password": PASSWORD, "next": ARTICLE},
    )

    assert response.status_code == 302
    assert response["Location"] == ARTICLE
    assert client.session["_auth_user_id"] == str(
        User.objects.get(email="reader@example.com").pk
    )


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish/",
        "//evil.example/phish/",
        "javascript:alert(1)",
        "/\\\\evil.example/",
    ],
)
def test_register_ignores_a_next_to_another_site(client, db, target):
    page = client.get("/account/register/", {"next": target})
    response = client.post(
        "/account/register/",
        {"email": "reader@example.com", "password": PASSWORD, "next": target},
    )

    assert 'name="next"' not in page.content.decode()
    assert response.status_code == 302
    assert response["Location"] == "/account/"


def test_a_failed_registration_keeps_the_next_page(client, db):
    response = client.post(
        "/account/register/", {"email": "reader@example.com", "password": "1"}
    )
    assert 'name="next"' not in response.content.decode()

    response = client.post(
        "/account/register/?next=" + ARTICLE,
        {"email": "reader@example.com", "password": "1", "next": ARTICLE},
    )

    assert response.status_code == 200
    assert f'name="next" value="{ARTICLE}"' in response.content.decode()
    assert User.objects.count() == 0


def test_sign_in_links_to_register_with_the_next_page(client, db):
    response = client.get("/account/login/", {"next": ARTICLE})

    assert '/account/register/?next=/articles/microdosing-and-focus/"' in (
        response.content.decode()
    )


def test_sign_in_returns_to_next_and_an_unconfirmed_account_may_sign_in(client, db):
    """Consistent with tokenCreate: confirmation is not required to sign in."""
    User.objects.create_user("ada@example.com", PASSWORD)

    response = client.post(
        "/account/login/",
        {"email": "ada@example.com", "password": PASSWORD, "next": ARTICLE},
    )

    assert response.status_code == 302
    assert response["Location"] == ARTICLE


def test_sign_in_refuses_an_inactive_account_like_a_wrong_password(client, db):
    User.objects.create_user("ada@example.com", PASSWORD, is_active=False)

    response = client.post(
        "/account/login/", {"email": "ada@example.com", "password": PASSWORD}
    )

    assert response.status_code == 200
    assert "The email address or password is not right." in response.content.decode()
    assert "_auth_user_id" not in client.session
