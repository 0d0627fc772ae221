import re

import pytest
from django.core import mail

from storefront.accounts.models import Address, EmailConfirmation, User
from storefront.checkout.models import Checkout, CheckoutLine
from tests.factories.checkout import US_ADDRESS
from tests.storefront.checkout.conftest import shop  # noqa: F401 - fixture

PASSWORD = "green-tea-9931"


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()


def test_register_sends_confirmation_and_confirms(
    client, db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/account/register/", {"email": "Ada@Example.com", "password": PASSWORD}
        )
    assert response.status_code == 302
    user = User.objects.get()
    assert user.email == "ada@example.com"
    assert user.password.startswith("md5$")  # tests hash fast; base settings use Argon2
    assert len(mail.outbox) == 1
    link = re.search(r"http://\S+/account/confirm/\S+/", mail.outbox[0].body).group(0)
    response = client.get(link.split("8000", 1)[1])
    assert response.status_code == 200
    assert EmailConfirmation.objects.filter(user=user).count() == 1


def test_register_rejects_weak_password_and_duplicate(client, db):
    response = client.post(
        "/account/register/", {"email": "a@example.com", "password": "123"}
    )
    assert response.status_code == 200
    assert "This password is too short" in response.content.decode()
    assert User.objects.count() == 0
    User.objects.create_user("a@example.com", PASSWORD)
    response = client.post(
        "/account/register/", {"email": "A@example.com", "password": PASSWORD}
    )
    assert (
        "An account with this email address already exists."
        in response.content.decode()
    )
    assert User.objects.count() == 1


def test_tampered_confirmation_link(client, db):
    response = client.get("/account/confirm/not-a-token/")
    assert response.status_code == 400
    assert "invalid or has expired" in response.content.decode()


def test_sign_in_rate_limited_after_five_failures(client, db):
    User.objects.create_user("ada@example.com", PASSWORD)
    for _ in range(5):
        response = client.post(
            "/account/login/",
            {"email": "ada@example.com", "password": "wrong-password"},
        )
        assert response.status_code == 200
        assert (
            "The email address or password is not right." in response.content.decode()
        )
    # when the right password comes sixth
    response = client.post(
        "/account/login/", {"email": "ada@example.com", "password": PASSWORD}
    )
    # then it is still refused
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_sign_in_merges_guest_cart(client, shop):  # noqa: F811
    user = User.objects.create_user("ada@example.com", PASSWORD)
    client.post("/cart/add/", {"variant": shop.variant.pk, "quantity": "2"})
    assert Checkout.objects.get().user_id is None
    response = client.post(
        "/account/login/", {"email": "ada@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    checkout = Checkout.objects.get()
    assert checkout.user_id == user.pk
    assert CheckoutLine.objects.get().quantity == 2


def test_password_reset_email(client, db, django_capture_on_commit_callbacks):
    User.objects.create_user("ada@example.com", PASSWORD)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/password-reset/", {"email": "ada@example.com"})
    assert response.status_code == 302
    assert mail.outbox[0].subject == "Reset your Verdant Field password"
    assert "/account/password-reset/" in mail.outbox[0].body


def test_address_book_validates_per_country(client, db):
    user = User.objects.create_user("ada@example.com", PASSWORD)
    client.force_login(user)
    response = client.post(
        "/account/addresses/new/", {**US_ADDRESS, "postal_code": "ABCDE"}
    )
    assert response.status_code == 200
    assert (
        "This value is not valid for United States of America."
        in response.content.decode()
    )
    assert Address.objects.count() == 0
    response = client.post("/account/addresses/new/", US_ADDRESS)
    assert response.status_code == 302
    address = Address.objects.get()
    assert (address.user_id, address.country_area, address.city) == (
        user.pk,
        "CA",
        "MOUNTAIN VIEW",
    )
