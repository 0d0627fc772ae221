"""The account mutations, as one customer's life and as error cases."""

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from common.graphql.ids import to_global_id
from storefront.accounts.models import Address, EmailConfirmation
from storefront.graphql.account.jwt import ACCESS, token_issue

REGISTER = """
mutation($input: AccountRegisterInput!) {
  accountRegister(input: $input) {
    requiresConfirmation errors { field code message } user { email firstName }
  }
}"""
CONFIRM = """
mutation($email: String!, $token: String!) {
  confirmAccount(email: $email, token: $token) {
    errors { field code message } user { email isConfirmed }
  }
}"""
TOKEN_CREATE = """
mutation($email: String!, $password: String!) {
  tokenCreate(email: $email, password: $password) {
    token errors { field code message }
  }
}"""
ME = """
{ me { email firstName lastName isConfirmed
       addresses { id city countryArea country { code } } } }
"""
ADDRESS_CREATE = """
mutation($input: AddressInput!, $type: AddressTypeEnum) {
  accountAddressCreate(input: $input, type: $type) {
    errors { field code message } address { id city } user { email }
  }
}"""
ADDRESS_UPDATE = """
mutation($id: ID!, $input: AddressInput!) {
  accountAddressUpdate(id: $id, input: $input) {
    errors { field code message } address { id city }
  }
}"""
ADDRESS_DELETE = """
mutation($id: ID!) {
  accountAddressDelete(id: $id) {
    errors { field code message } address { id } user { addresses { id } }
  }
}"""
ACCOUNT_UPDATE = """
mutation($input: AccountInput!) {
  accountUpdate(input: $input) {
    errors { field code message } user { firstName lastName }
  }
}"""
PASSWORD_CHANGE = """
mutation($old: String, $new: String!) {
  passwordChange(oldPassword: $old, newPassword: $new) {
    errors { field code message }
  }
}"""
RESET = """
mutation($email: String!, $url: String!) {
  requestPasswordReset(email: $email, redirectUrl: $url) {
    errors { field code message }
  }
}"""
SET_PASSWORD = """
mutation($email: String!, $token: String!, $password: String!) {
  setPassword(email: $email, token: $token, password: $password) {
    token refreshToken errors { field code message } user { email }
  }
}"""
DELETION = """
mutation($url: String!) {
  accountRequestDeletion(redirectUrl: $url) { errors { field code message } }
}"""

PORTLAND = {
    "firstName": "Ada",
    "lastName": "Lovelace",
    "streetAddress1": "1 Main St",
    "city": "Portland",
    "postalCode": "97201",
    "country": "US",
    "countryArea": "OR",
}
STOREFRONT = "http://127.0.0.1:8000"


def test_a_customers_whole_account_life(
    gql, api, db, django_capture_on_commit_callbacks
):
    # register: the account exists unconfirmed and a link is emailed
    with django_capture_on_commit_callbacks(execute=True):
        registered = gql(
            REGISTER,
            {
                "input": {
                    "email": "Ada@Example.com",
                    "password": "correct-horse-9",
                    "firstName": "Ada",
                    "redirectUrl": f"{STOREFRONT}/account/confirm/",
                }
            },
        )["accountRegister"]
    assert registered == {
        "requiresConfirmation": True,
        "errors": [],
        "user": {"email": "ada@example.com", "firstName": "Ada"},
    }
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]
    # the link is the client's redirectUrl with email and token (Saleor's)
    link = urlsplit(re.search(r"(http\S+)", mail.outbox[0].body).group(1))
    assert f"{link.scheme}://{link.netloc}{link.path}" == (
        f"{STOREFRONT}/account/confirm/"
    )
    query = parse_qs(link.query)
    assert query["email"] == ["ada@example.com"]
    token = query["token"][0]
    assert not EmailConfirmation.objects.exists()

    # confirm with the token from the email
    confirmed = gql(CONFIRM, {"email": "ada@example.com", "token": token})
    assert confirmed["confirmAccount"] == {
        "errors": [],
        "user": {"email": "ada@example.com", "isConfirmed": True},
    }

    # sign in and read the account
    access = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "correct-horse-9"}
    )["tokenCreate"]["token"]
    me = gql(ME, token=access)["me"]
    assert me == {
        "email": "ada@example.com",
        "firstName": "Ada",
        "lastName": "",
        "isConfirmed": True,
        "addresses": [],
    }

    # address book: create, update, delete
    created = gql(ADDRESS_CREATE, {"input": PORTLAND}, token=access)
    created = created["accountAddressCreate"]
    assert created["errors"] == []
    address_id = created["address"]["id"]
    assert created["address"]["city"] == "PORTLAND"
    updated = gql(
        ADDRESS_UPDATE,
        {
            "id": address_id,
            "input": {**PORTLAND, "city": "Eugene", "postalCode": "97401"},
        },
        token=access,
    )["accountAddressUpdate"]
    assert updated == {"errors": [], "address": {"id": address_id, "city": "EUGENE"}}
    assert gql(ME, token=access)["me"]["addresses"] == [
        {
            "id": address_id,
            "city": "EUGENE",
            "countryArea": "OR",
            "country": {"code": "US"},
        }
    ]
    deleted = gql(ADDRESS_DELETE, {"id": address_id}, token=access)
    assert deleted["accountAddressDelete"] == {
        "errors": [],
        "address": {"id": address_id},
        "user": {"addresses": []},
    }
    assert Address.objects.count() == 0

    # names
    renamed = gql(ACCOUNT_UPDATE, {"input": {"lastName": "King"}}, token=access)[
        "accountUpdate"
    ]
    assert renamed == {"errors": [], "user": {"firstName": "Ada", "lastName": "King"}}

    # password change: the old token stops working, the new password signs in
    changed = gql(
        PASSWORD_CHANGE,
        {"old": "correct-horse-9", "new": "battery-staple-7"},
        token=access,
    )
    assert changed["passwordChange"] == {"errors": []}
    assert api(ME, token=access)["errors"][0]["extensions"]["code"] == (
        "JWT_INVALID_TOKEN"
    )
    access = gql(
        TOKEN_CREATE, {"email": "ada@example.com", "password": "battery-staple-7"}
    )["tokenCreate"]["token"]
    assert gql(ME, token=access)["me"]["email"] == "ada@example.com"

    # password reset by email, then a new password with the emailed token
    with django_capture_on_commit_callbacks(execute=True):
        reset = gql(RESET, {"email": "ada@example.com", "url": f"{STOREFRONT}/reset/"})
    assert reset["requestPasswordReset"] == {"errors": []}
    assert len(mail.outbox) == 2
    link = re.search(r"(http\S+/reset/\S+)", mail.outbox[1].body).group(1)
    query = parse_qs(urlsplit(link).query)
    assert query["email"] == ["ada@example.com"]
    new = gql(
        SET_PASSWORD,
        {
            "email": "ada@example.com",
            "token": query["token"][0],
            "password": "lantern-moss-5",
        },
    )["setPassword"]
    assert new["errors"] == []
    assert new["user"] == {"email": "ada@example.com"}
    assert gql(ME, token=new["token"])["me"]["email"] == "ada@example.com"
    reused = gql(
        SET_PASSWORD,
        {
            "email": "ada@example.com",
            "token": query["token"][0],
            "password": "another-pass-3",
        },
    )["setPassword"]
    assert reused["errors"] == [
        {
            "field": "token",
            "code": "INVALID",
            "message": "This password reset link is invalid or has expired.",
        }
    ]

    # deletion request: an email with a link, the account stays
    with django_capture_on_commit_callbacks(execute=True):
        deletion = gql(DELETION, {"url": f"{STOREFRONT}/delete/"}, token=new["token"])
    assert deletion["accountRequestDeletion"] == {"errors": []}
    assert len(mail.outbox) == 3
    assert mail.outbox[2].subject == "Confirm deleting your Verdant Field account"
    assert f"{STOREFRONT}/delete/?token=" in mail.outbox[2].body
    assert get_user_model().objects.filter(email="ada@example.com").exists()


@pytest.fixture
def ada(db):
    return get_user_model().objects.create_user("ada@example.com", "correct-horse-9")


def access_for(user):
    return token_issue(user=user, kind=ACCESS)


def test_register_with_a_taken_email_is_unique(gql, ada):
    result = gql(
        REGISTER,
        {"input": {"email": "ADA@example.com", "password": "correct-horse-9"}},
    )["accountRegister"]

    assert result["errors"] == [
        {
            "field": "email",
            "code": "UNIQUE",
            "message": "An account with this email address already exists.",
        }
    ]
    assert get_user_model().objects.count() == 1


def test_register_with_a_weak_password_gives_one_code_per_rule(gql, db):
    result = gql(REGISTER, {"input": {"email": "bo@example.com", "password": "1234"}})[
        "accountRegister"
    ]

    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("password", "PASSWORD_TOO_SHORT"),
        ("password", "PASSWORD_TOO_COMMON"),
        ("password", "PASSWORD_ENTIRELY_NUMERIC"),
    ]
    assert get_user_model().objects.count() == 0
    assert mail.outbox == []


def test_confirm_with_a_bad_token_or_another_email_is_invalid(gql, ada):
    from storefront.accounts.services import user_confirmation_link

    good = user_confirmation_link(user=ada).rstrip("/").rsplit("/", 1)[1]
    for email, token in (("ada@example.com", "nonsense"), ("bo@example.com", good)):
        result = gql(CONFIRM, {"email": email, "token": token})["confirmAccount"]
        assert result == {
            "errors": [
                {
                    "field": "token",
                    "code": "INVALID",
                    "message": "This confirmation link is invalid or has expired.",
                }
            ],
            "user": None,
        }
    assert not EmailConfirmation.objects.exists()


def test_password_change_with_a_wrong_old_password(gql, ada):
    result = gql(
        PASSWORD_CHANGE,
        {"old": "nope", "new": "battery-staple-7"},
        token=access_for(ada),
    )

    assert result["passwordChange"]["errors"] == [
        {
            "field": "oldPassword",
            "code": "INVALID_PASSWORD",
            "message": "The current password is not right.",
        }
    ]
    ada.refresh_from_db()
    assert ada.check_password("correct-horse-9")


def test_account_mutations_need_a_signed_in_customer(gql, db):
    for query, variables, name in (
        (PASSWORD_CHANGE, {"new": "battery-staple-7"}, "passwordChange"),
        (ADDRESS_CREATE, {"input": PORTLAND}, "accountAddressCreate"),
        (ACCOUNT_UPDATE, {"input": {"firstName": "X"}}, "accountUpdate"),
        (DELETION, {"url": f"{STOREFRONT}/d/"}, "accountRequestDeletion"),
    ):
        errors = gql(query, variables)[name]["errors"]
        assert errors == [
            {
                "field": None,
                "code": "INVALID",
                "message": "You need to sign in to do this.",
            }
        ]
    assert Address.objects.count() == 0


def test_someone_elses_address_is_not_found(gql, ada, django_user_model):
    other = django_user_model.objects.create_user("bo@example.com", "correct-horse-9")
    theirs = Address.objects.create(
        user=other,
        first_name="Bo",
        last_name="B",
        street_address_1="2 Elm St",
        city="SALEM",
        postal_code="97301",
        country="US",
        country_area="OR",
    )
    theirs_id = to_global_id("Address", theirs.pk)

    updated = gql(
        ADDRESS_UPDATE, {"id": theirs_id, "input": PORTLAND}, token=access_for(ada)
    )
    deleted = gql(ADDRESS_DELETE, {"id": theirs_id}, token=access_for(ada))

    for result in (
        updated["accountAddressUpdate"],
        deleted["accountAddressDelete"],
    ):
        assert result["errors"] == [
            {
                "field": "id",
                "code": "NOT_FOUND",
                "message": f"Couldn't find an address with id {theirs_id!r}.",
            }
        ]
    theirs.refresh_from_db()
    assert theirs.city == "SALEM"


def test_invalid_address_names_the_field(gql, ada):
    result = gql(
        ADDRESS_CREATE,
        {"input": {**PORTLAND, "postalCode": "ABC"}},
        token=access_for(ada),
    )["accountAddressCreate"]

    assert [(e["field"], e["code"]) for e in result["errors"]] == [
        ("postalCode", "INVALID")
    ]
    assert Address.objects.count() == 0


def test_register_links_to_an_allowed_client_host(
    gql, db, settings, django_capture_on_commit_callbacks
):
    # given a second storefront allowed by ALLOWED_CLIENT_HOSTS
    settings.ALLOWED_CLIENT_HOSTS = [".shop.example"]

    # when a customer registers there
    with django_capture_on_commit_callbacks(execute=True):
        result = gql(
            REGISTER,
            {
                "input": {
                    "email": "bo@example.com",
                    "password": "correct-horse-9",
                    "redirectUrl": "https://eu.shop.example:3000/confirm?lang=en",
                }
            },
        )

    # then the email links there, keeping the page's own parameters
    assert result["accountRegister"]["errors"] == []
    link = urlsplit(re.search(r"(http\S+)", mail.outbox[0].body).group(1))
    assert link.netloc == "eu.shop.example:3000"
    assert parse_qs(link.query).keys() == {"lang", "email", "token"}


@pytest.mark.parametrize(
    "url",
    ["https://evil.example/confirm", "javascript:alert(1)", "//evil.example/x", "x"],
)
def test_register_to_a_foreign_site_is_refused_and_opens_no_account(
    gql, db, url, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = gql(
            REGISTER,
            {
                "input": {
                    "email": "bo@example.com",
                    "password": "correct-horse-9",
                    "redirectUrl": url,
                }
            },
        )

    assert result["accountRegister"]["errors"] == [
        {
            "field": "redirectUrl",
            "code": "INVALID",
            "message": "The redirect URL is not one of the shop's sites.",
        }
    ]
    assert not get_user_model().objects.filter(email="bo@example.com").exists()
    assert mail.outbox == []


def test_password_reset_for_an_unknown_email_sends_nothing(
    gql, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = gql(RESET, {"email": "nobody@example.com", "url": f"{STOREFRONT}/r/"})

    assert result["requestPasswordReset"] == {"errors": []}
    assert mail.outbox == []


def test_password_reset_to_a_foreign_site_is_refused(
    gql, ada, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        result = gql(
            RESET, {"email": "ada@example.com", "url": "https://evil.example/r/"}
        )

    assert result["requestPasswordReset"] == {
        "errors": [
            {
                "field": "redirectUrl",
                "code": "INVALID",
                "message": "The redirect URL is not one of the shop's sites.",
            }
        ]
    }
    assert mail.outbox == []
