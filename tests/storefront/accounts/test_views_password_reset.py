"""The password reset pages run on the same services as the API's mutations."""

import re
from html import unescape
from urllib.parse import parse_qs, urlsplit

from django.core import mail

from storefront.accounts.models import User
from tests.factories.accounts import PASSWORD

NEW = "lantern-moss-5"


def _reset_link(client, django_capture_on_commit_callbacks) -> str:
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/password-reset/", {"email": "ADA@example.com"})
    assert response["Location"] == "/account/password-reset/sent/"
    assert len(mail.outbox) == 1
    url = re.search(r"(http\S+/account/password-reset/new/\S+)", mail.outbox[0].body)
    parts = urlsplit(url.group(1))
    return f"{parts.path}?{parts.query}"


def test_reset_by_email_then_sign_in_with_the_new_password(
    client, ada, django_capture_on_commit_callbacks
):
    # given the emailed link
    link = _reset_link(client, django_capture_on_commit_callbacks)
    query = parse_qs(urlsplit(link).query)
    assert query["email"] == ["ada@example.com"]

    # when the customer opens it and chooses a new password
    page = client.get(link)
    assert page.status_code == 200
    assert f'value="{query["token"][0]}"' in page.content.decode()
    response = client.post(
        "/account/password-reset/new/",
        {
            "email": "ada@example.com",
            "token": query["token"][0],
            "password": NEW,
            "password_again": NEW,
        },
    )

    # then the password is changed and the link is spent
    assert response["Location"] == "/account/password-reset/done/"
    assert User.objects.get(pk=ada.pk).check_password(NEW) is True
    again = client.post(
        "/account/password-reset/new/",
        {
            "email": "ada@example.com",
            "token": query["token"][0],
            "password": "another-pass-3",
            "password_again": "another-pass-3",
        },
    )
    assert again.status_code == 400
    assert "This password reset link is invalid or has expired." in (
        again.content.decode()
    )
    assert User.objects.get(pk=ada.pk).check_password(NEW) is True


def test_a_weak_or_mismatched_password_names_the_field(
    client, ada, django_capture_on_commit_callbacks
):
    link = _reset_link(client, django_capture_on_commit_callbacks)
    token = parse_qs(urlsplit(link).query)["token"][0]

    weak = client.post(
        "/account/password-reset/new/",
        {
            "email": "ada@example.com",
            "token": token,
            "password": "123",
            "password_again": "123",
        },
    )
    mismatch = client.post(
        "/account/password-reset/new/",
        {
            "email": "ada@example.com",
            "token": token,
            "password": NEW,
            "password_again": NEW + "x",
        },
    )

    assert weak.status_code == 200
    assert "New password: This password is too short." in unescape(
        weak.content.decode()
    )
    assert "New password again: The two passwords are not the same." in unescape(
        mismatch.content.decode()
    )
    assert User.objects.get(pk=ada.pk).check_password(PASSWORD) is True


def test_an_unknown_email_gets_the_same_page_and_no_email(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/password-reset/", {"email": "nobody@example.com"}
        )

    assert response["Location"] == "/account/password-reset/sent/"
    assert mail.outbox == []


def test_an_inactive_account_gets_no_email(
    client, ada, django_capture_on_commit_callbacks
):
    ada.is_active = False
    ada.save(update_fields=["is_active"])

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/password-reset/", {"email": "ada@example.com"})

    assert mail.outbox == []
