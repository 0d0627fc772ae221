"""The deletion pages: /account/delete/ and /account/delete/confirm/<token>/."""

import re

from django.core import mail
from django.test import Client

from storefront.accounts.deletion import user_deletion_request
from storefront.accounts.models import User
from tests.factories.accounts import PASSWORD, AddressFactory, UserFactory
from tests.factories.catalogue import ChannelFactory


def _link_from_email() -> str:
    return re.search(r"/account/delete/confirm/[^/\s]+/", mail.outbox[-1].body).group(0)


def test_request_emails_a_link_and_deletes_nothing(
    client, ada, django_capture_on_commit_callbacks
):
    client.force_login(ada)

    page = client.get("/account/delete/")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/account/delete/", follow=True)

    assert page.status_code == 200
    assert "Email me the confirmation link" in page.content.decode()
    assert response.redirect_chain == [("/account/", 302)]
    assert "Nothing is deleted until you open it." in response.content.decode()
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["ada@example.com"]
    assert User.objects.get(pk=ada.pk).is_active is True


def test_confirming_deletes_and_ends_every_session(
    client, ada, django_capture_on_commit_callbacks
):
    # given the customer signed in on two devices, with an address book
    ChannelFactory()  # the home page they land on needs one
    AddressFactory(user=ada)
    other_device = Client()
    other_device.force_login(ada)
    client.force_login(ada)
    with django_capture_on_commit_callbacks(execute=True):
        client.post("/account/delete/")
    link = _link_from_email()

    # when they open the link, then confirm
    page = client.get(link)
    assert page.status_code == 200
    assert User.objects.get(pk=ada.pk).is_active is True  # GET changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(link, follow=True)

    # then the account is gone, and both devices are signed out
    assert response.redirect_chain == [("/", 302)]
    assert "Your account is deleted. Goodbye." in response.content.decode()
    row = User.objects.get(pk=ada.pk)
    assert (row.is_active, row.email) == (False, f"deleted-{ada.pk}@deleted.invalid")
    assert AddressFactory._meta.model.objects.filter(user=ada).count() == 0
    for device in (client, other_device):
        account = device.get("/account/")
        assert account.status_code == 302
        assert account["Location"] == "/account/login/?next=/account/"
    # and the old credentials no longer sign in
    sign_in = Client().post(
        "/account/login/", {"email": "ada@example.com", "password": PASSWORD}
    )
    assert "The email address or password is not right." in sign_in.content.decode()


def test_a_tampered_link_is_refused_with_a_clear_message(client, ada):
    client.force_login(ada)
    token = user_deletion_request(user=ada)

    page = client.get(f"/account/delete/confirm/{token}x/")
    response = client.post(f"/account/delete/confirm/{token}x/")

    for result in (page, response):
        assert result.status_code == 400
        html = result.content.decode()
        assert "invalid, has expired or was already used" in html
        assert "Delete my account" not in html
        assert "Ask for a new link" in html
    assert User.objects.get(pk=ada.pk).is_active is True


def test_someone_elses_link_is_refused(client, ada):
    bo = UserFactory(email="bo@example.com")
    token = user_deletion_request(user=bo)
    client.force_login(ada)

    response = client.post(f"/account/delete/confirm/{token}/")

    assert response.status_code == 400
    assert User.objects.filter(is_active=True).count() == 2


def test_the_link_needs_the_customer_signed_in(client, ada):
    token = user_deletion_request(user=ada)

    response = client.post(f"/account/delete/confirm/{token}/")

    assert response.status_code == 302
    assert response["Location"].startswith("/account/login/?next=/account/delete/")
    assert User.objects.get(pk=ada.pk).is_active is True
