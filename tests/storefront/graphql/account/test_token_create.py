import json

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


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


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
                "message": "The email address or password is not right.",
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


INVALID_CREDENTIALS = [
    {
        "field": "email",
        "code": "INVALID_CREDENTIALS",
        "message": "The email address or password is not right.",
    }
]


def test_an_unconfirmed_account_may_sign_in(gql, user):
    """As on the sign-in page: confirmation proves the address, it is no gate."""
    assert hasattr(user, "email_confirmation") is False

    result = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )["tokenCreate"]

    assert result["errors"] == []
    assert gql(ME, token=result["token"])["me"]["email"] == "ada@example.com"


def test_an_inactive_account_gets_invalid_credentials(gql, user):
    user.is_active = False
    user.save(update_fields=["is_active"])

    result = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )["tokenCreate"]

    assert result == {
        "token": None,
        "refreshToken": None,
        "errors": INVALID_CREDENTIALS,
    }


def test_failures_on_the_page_count_for_the_api(client, gql, user):
    # given five failed attempts on the sign-in page
    for _ in range(5):
        client.post(
            "/account/login/", {"email": "ada@example.com", "password": "wrong"}
        )

    # when the right password comes through the API
    result = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )["tokenCreate"]

    # then it is delayed like on the page, and no token is issued
    assert result == {
        "token": None,
        "refreshToken": None,
        "errors": [
            {
                "field": "email",
                "code": "LOGIN_ATTEMPT_DELAYED",
                "message": "Too many failed sign-in attempts for this email "
                "address. Wait 15 minutes, or reset your password.",
            }
        ],
    }


def test_failures_through_the_api_lock_the_page_too(client, gql, user):
    for _ in range(5):
        result = gql(TOKEN_CREATE, {"email": "ada@example.com", "password": "wrong"})
        assert result["tokenCreate"]["errors"] == INVALID_CREDENTIALS

    response = client.post(
        "/account/login/", {"email": "ada@example.com", "password": "correct-horse-9"}
    )

    assert response.status_code == 429
    assert "_auth_user_id" not in client.session


# --- Saleor's claims and the auth SDK's issuer check ------------------------------

API_URL = "http://testserver/graphql/"


class AuthSdkClient:
    """Sends the stored access token the way Saleor's auth SDK does: only when its
    ``iss`` is the URL of the API being called."""

    def __init__(self, client, api_url: str) -> None:
        self.client = client
        self.api_url = api_url
        self.token: str | None = None

    def post(self, query: str, variables: dict | None = None) -> dict:
        headers = {}
        if self.token:
            claims = jwt.decode(self.token, options={"verify_signature": False})
            if claims.get("iss") == self.api_url:
                headers["HTTP_AUTHORIZATION"] = f"Bearer {self.token}"
        response = self.client.post(
            "/graphql/",
            data=json.dumps({"query": query, "variables": variables or {}}),
            content_type="application/json",
            **headers,
        )
        return response.json()


def test_tokens_carry_saleors_claims_with_the_api_url_as_issuer(gql, user):
    payload = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )["tokenCreate"]

    access = jwt.decode(payload["token"], options={"verify_signature": False})
    refresh = jwt.decode(payload["refreshToken"], options={"verify_signature": False})

    for claims, kind, lifetime in (
        (access, "access", 300),
        (refresh, "refresh", 2592000),
    ):
        assert claims["iss"] == API_URL
        assert claims["type"] == kind
        assert claims["owner"] == "saleor"
        assert claims["user_id"] == to_global_id("User", user.pk)
        assert claims["email"] == "ada@example.com"
        assert claims["is_staff"] is False
        assert claims["exp"] - claims["iat"] == lifetime


def test_the_issuer_is_the_url_the_client_reached(client, user):
    response = client.post(
        "/graphql/",
        data=json.dumps(
            {
                "query": TOKEN_CREATE,
                "variables": {
                    "email": "ada@example.com",
                    "password": "correct-horse-9",
                },
            }
        ),
        content_type="application/json",
        HTTP_HOST="api.example.com",
        secure=True,
    )

    token = response.json()["data"]["tokenCreate"]["token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iss"] == "https://api.example.com/graphql/"


def test_a_refreshed_token_keeps_the_issuer(gql, user):
    refresh = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )["tokenCreate"]["refreshToken"]

    token = gql(REFRESH, {"t": refresh})["tokenRefresh"]["token"]

    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["iss"] == API_URL


def test_a_signed_in_storefront_session_through_the_auth_sdk(client, user):
    # given a storefront whose SDK sends the token only to its own API URL
    sdk = AuthSdkClient(client, API_URL)

    # when the shopper signs in and the storefront asks for their account
    signed_in = sdk.post(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )
    sdk.token = signed_in["data"]["tokenCreate"]["token"]
    me = sdk.post("{ me { email orders(first: 5) { totalCount } addresses { id } } }")

    # then the token was sent and accepted
    assert me["data"]["me"] == {
        "email": "ada@example.com",
        "orders": {"totalCount": 0},
        "addresses": [],
    }

    # and a storefront pointed at another API URL would not have sent it
    assert AuthSdkClient(client, "https://other.example/graphql/").post(
        "{ me { email } }"
    ) == {"data": {"me": None}}
