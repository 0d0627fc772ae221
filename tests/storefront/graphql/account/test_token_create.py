import jwt
import pytest
import time_machine
from django.contrib.auth import get_user_model

from common.graphql.ids import to_global_id

TOKEN_CREATE = """
mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token refreshToken errors { field code message }
  }
}"""
REFRESH = """
mutation($t: String) {
  tokenRefresh(refreshToken: $t) { token errors { field code message } }
}
"""
ME = "{ me { id email } }"


@pytest.fixture
def user(db):
    return get_user_model().objects.create_user("ada@example.com", "correct-horse-9")


def test_sign_in_then_me_with_the_access_token(gql, user):
    # when the customer signs in
    result = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )
    payload = result["tokenCreate"]

    # then both tokens are issued and the access token identifies them
    assert payload["errors"] == []
    assert jwt.get_unverified_header(payload["token"])["alg"] == "HS256"
    assert gql(ME, token=payload["token"]) == {
        "me": {"id": to_global_id("User", user.pk), "email": "ada@example.com"}
    }
    assert gql(ME) == {"me": None}


def test_wrong_password_is_refused(gql, user):
    result = gql(TOKEN_CREATE, {"email": "ada@example.com", "password": "wrong"})
    assert result["tokenCreate"] == {
        "token": None,
        "refreshToken": None,
        "errors": [
            {
                "field": "email",
                "code": "INVALID_CREDENTIALS",
                "message": "Please, enter valid credentials",
            }
        ],
    }


def test_refresh_gives_a_new_access_token_but_an_access_token_cannot_refresh(gql, user):
    # given both tokens
    tokens = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )
    tokens = tokens["tokenCreate"]

    # when refreshing with each
    good = gql(REFRESH, {"t": tokens["refreshToken"]})["tokenRefresh"]
    bad = gql(REFRESH, {"t": tokens["token"]})["tokenRefresh"]

    # then only the refresh token works
    assert good["errors"] == []
    assert gql(ME, token=good["token"])["me"]["email"] == "ada@example.com"
    assert bad == {
        "token": None,
        "errors": [
            {
                "field": "refreshToken",
                "code": "JWT_INVALID_TOKEN",
                "message": "Expected an refresh token, got a access one.",
            }
        ],
    }


def test_expired_access_token_is_refused_with_401(api, client, user):
    # given an access token issued six minutes ago
    with time_machine.travel("2030-01-01 12:00:00+00:00", tick=False):
        tokens = api(
            TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
        )
    with time_machine.travel("2030-01-01 12:06:00+00:00", tick=False):
        # when it is used
        content = api(ME, token=tokens["data"]["tokenCreate"]["token"])

    # then the request is refused as expired
    assert content == {
        "errors": [
            {
                "message": "The token has expired.",
                "extensions": {"code": "JWT_SIGNATURE_EXPIRED"},
            }
        ]
    }
