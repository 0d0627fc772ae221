import re
from urllib.parse import parse_qs, urlsplit

from django.core import mail

from storefront.accounts.models import Address, User
from tests.factories.accounts import AddressFactory, UserFactory

REQUEST = """
mutation($url: String!) {
  accountRequestDeletion(redirectUrl: $url) { errors { field code message } }
}"""
DELETE = """
mutation($token: String!) {
  accountDelete(token: $token) {
    errors { field code message }
    user { email firstName isActive addresses { id } }
  }
}"""
ME = "{ me { email } }"
STOREFRONT = "http://127.0.0.1:8000"


def _requested_token(gql, token, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        result = gql(REQUEST, {"url": f"{STOREFRONT}/delete/"}, token=token)
    assert result["accountRequestDeletion"] == {"errors": []}
    link = re.search(r"(http\S+/delete/\S+)", mail.outbox[-1].body).group(1)
    return parse_qs(urlsplit(link).query)["token"][0]


def test_request_then_delete(
    gql, api, ada, ada_token, django_capture_on_commit_callbacks
):
    # given a deletion token from the email
    AddressFactory(user=ada)
    deletion = _requested_token(gql, ada_token, django_capture_on_commit_callbacks)

    # when the customer deletes the account with it
    result = gql(DELETE, {"token": deletion}, token=ada_token)["accountDelete"]

    # then the account is anonymised and the access token is dead
    assert result == {
        "errors": [],
        "user": {
            "email": f"deleted-{ada.pk}@deleted.invalid",
            "firstName": "",
            "isActive": False,
            "addresses": [],
        },
    }
    assert Address.objects.count() == 0
    assert api(ME, token=ada_token)["errors"][0]["extensions"]["code"] == (
        "JWT_INVALID_TOKEN"
    )


def test_a_bad_token_is_invalid_and_nothing_changes(gql, ada, ada_token):
    AddressFactory(user=ada)

    result = gql(DELETE, {"token": "not-a-token"}, token=ada_token)["accountDelete"]

    assert result == {
        "errors": [
            {
                "field": "token",
                "code": "INVALID",
                "message": "This account deletion link is invalid, has expired or "
                "was already used. Ask for a new one from your account page.",
            }
        ],
        "user": None,
    }
    ada.refresh_from_db()
    assert (ada.is_active, ada.email) == (True, "ada@example.com")
    assert Address.objects.count() == 1


def test_staff_get_delete_staff_account(gql, db, django_capture_on_commit_callbacks):
    from storefront.graphql.account.jwt import ACCESS, token_issue

    staff = UserFactory(email="staff@example.com", is_staff=True)
    access = token_issue(user=staff, kind=ACCESS)
    deletion = _requested_token(gql, access, django_capture_on_commit_callbacks)

    result = gql(DELETE, {"token": deletion}, token=access)["accountDelete"]

    assert result["errors"] == [
        {
            "field": None,
            "code": "DELETE_STAFF_ACCOUNT",
            "message": "Staff accounts cannot be deleted from the shop; ask an "
            "administrator.",
        }
    ]
    assert User.objects.get(pk=staff.pk).is_active is True


def test_needs_a_signed_in_customer(gql, ada):
    result = gql(DELETE, {"token": "anything"})["accountDelete"]

    assert result["errors"] == [
        {"field": None, "code": "INVALID", "message": "You need to sign in to do this."}
    ]
    assert User.objects.get(pk=ada.pk).is_active is True
