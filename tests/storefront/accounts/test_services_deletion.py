"""Account deletion: user_deletion_request, then user_delete_by_token."""

import pytest
import time_machine
from django.core import mail
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from storefront.accounts.deletion import user_delete_by_token, user_deletion_request
from storefront.accounts.errors import (
    ActiveSubscriptionError,
    InvalidDeletionLinkError,
    StaffAccountDeletionError,
)
from storefront.accounts.models import Address, EmailConfirmation, User
from storefront.accounts.services import address_create, user_register
from storefront.orders.models import Order
from tests.factories.accounts import PASSWORD, AddressFactory, UserFactory
from tests.factories.checkout import US_ADDRESS
from tests.factories.subscriptions import (
    SubscriptionPlanFactory,
    subscribe_via_checkout,
)
from tests.storefront.checkout.conftest import shop  # noqa: F401 - fixture

STOREFRONT = "http://127.0.0.1:8000"


def _token(user):
    return user_deletion_request(user=user, redirect_url=f"{STOREFRONT}/delete/")


def _order_for(user, shop):  # noqa: F811
    from storefront.checkout.services.cart import checkout_create, checkout_line_add
    from storefront.checkout.services.details import (
        checkout_email_set,
        checkout_shipping_address_set,
        checkout_shipping_method_set,
    )
    from storefront.checkout.services.payment import checkout_payment_start

    checkout = checkout_create(channel=shop.channel, region="US", user=user)
    checkout_line_add(checkout=checkout, variant_id=shop.variant.pk, quantity=1)
    checkout_email_set(checkout=checkout, email=user.email)
    checkout_shipping_address_set(checkout=checkout, data=US_ADDRESS)
    checkout_shipping_method_set(checkout=checkout, shipping_method_id=shop.shipping.pk)
    outcome = checkout_payment_start(
        checkout=checkout, gateway="dummy", card_number="4242424242424242"
    )
    return Order.objects.select_related("shipping_address").get(pk=outcome.order_id)


def _unchanged(user):
    fresh = User.objects.get(pk=user.pk)
    return (
        fresh.email,
        fresh.first_name,
        fresh.last_name,
        fresh.is_active,
        fresh.check_password(PASSWORD),
    )


def test_deletes_personal_data_and_keeps_the_order_record(
    shop,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    # given a customer with an order, an address book, defaults and a confirmation
    ada = UserFactory(email="ada@example.com", first_name="Ada", last_name="King")
    order = _order_for(ada, shop)
    address_create(user=ada, data=US_ADDRESS, default_for=["shipping", "billing"])
    AddressFactory(user=ada)
    EmailConfirmation.objects.create(user=ada, confirmed_at=order.created_at)
    token = _token(ada)
    mail.outbox.clear()

    # when the customer confirms with the emailed token
    with django_capture_on_commit_callbacks(execute=True):
        deleted = user_delete_by_token(user=ada, token=token)

    # then the account is anonymised and deactivated
    row = User.objects.get(pk=ada.pk)
    assert deleted.pk == ada.pk
    assert row.email == f"deleted-{ada.pk}@deleted.invalid"
    assert (row.first_name, row.last_name) == ("", "")
    assert row.is_active is False
    assert row.has_usable_password() is False
    assert (row.default_shipping_address_id, row.default_billing_address_id) == (
        None,
        None,
    )
    assert Address.objects.filter(user_id=ada.pk).count() == 0
    assert EmailConfirmation.objects.filter(user_id=ada.pk).count() == 0
    # and the order keeps its own copies for the legal record
    order.refresh_from_db()
    assert order.user_id == ada.pk
    assert order.user_email == "ada@example.com"
    assert (order.shipping_address.first_name, order.shipping_address.city) == (
        "Ada",
        "MOUNTAIN VIEW",
    )
    # and one goodbye email went to the former address
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["ada@example.com"], "Your Verdant Field account is deleted")
    ]


def test_a_used_token_is_refused_the_second_time(ada):
    token = _token(ada)
    user_delete_by_token(user=ada, token=token)
    ada.refresh_from_db()

    with pytest.raises(InvalidDeletionLinkError, match="already used"):
        user_delete_by_token(user=ada, token=token)


def test_a_tampered_token_is_refused_and_nothing_changes(ada):
    token = _token(ada)
    before = _unchanged(ada)

    with pytest.raises(InvalidDeletionLinkError) as caught:
        user_delete_by_token(user=ada, token=token[:-2] + "xx")

    assert caught.value.message == (
        "This account deletion link is invalid, has expired or was already used. "
        "Ask for a new one from your account page."
    )
    assert caught.value.field == "token"
    assert _unchanged(ada) == before
    assert before == ("ada@example.com", "Ada", "Lovelace", True, True)


def test_an_expired_token_is_refused(ada, settings):
    settings.ACCOUNTS_EMAIL_CONFIRM_MAX_AGE = 3 * 86400
    with time_machine.travel("2030-01-01 12:00:00+00:00", tick=False):
        token = _token(ada)
    with (
        time_machine.travel("2030-01-04 12:00:01+00:00", tick=False),
        pytest.raises(InvalidDeletionLinkError),
    ):
        user_delete_by_token(user=ada, token=token)

    assert _unchanged(ada) == ("ada@example.com", "Ada", "Lovelace", True, True)


def test_another_customers_token_is_refused(ada):
    bo = UserFactory(email="bo@example.com")
    token = _token(bo)

    with pytest.raises(InvalidDeletionLinkError):
        user_delete_by_token(user=ada, token=token)

    assert User.objects.filter(is_active=True).count() == 2


def test_a_token_of_another_kind_is_refused(ada):
    from storefront.accounts.services import user_confirmation_link

    confirm_token = user_confirmation_link(user=ada).rstrip("/").rsplit("/", 1)[1]

    with pytest.raises(InvalidDeletionLinkError):
        user_delete_by_token(user=ada, token=confirm_token)

    assert _unchanged(ada)[3] is True


def test_staff_are_refused(db):
    staff = UserFactory(email="staff@example.com", is_staff=True)
    token = _token(staff)

    with pytest.raises(StaffAccountDeletionError, match="ask an administrator"):
        user_delete_by_token(user=staff, token=token)

    staff.refresh_from_db()
    assert (staff.is_active, staff.email) == (True, "staff@example.com")


def test_a_live_subscription_refuses_until_it_is_cancelled(
    shop,  # noqa: F811
    django_capture_on_commit_callbacks,
):
    from storefront.subscriptions.services.self_service import subscription_cancel

    # given a customer with an active subscription and an address book
    ada = UserFactory(email="ada@example.com")
    SubscriptionPlanFactory(product=shop.variant.product, channel=shop.channel)
    subscription = subscribe_via_checkout(
        user=ada, channel=shop.channel, variant=shop.variant, shipping=shop.shipping
    )
    AddressFactory(user=ada)
    token = _token(ada)
    mail.outbox.clear()

    # when deletion is confirmed
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(ActiveSubscriptionError, match="Cancel it from your"),
    ):
        user_delete_by_token(user=ada, token=token)

    # then nothing changed
    assert _unchanged(ada) == ("ada@example.com", "Ada", "Lovelace", True, True)
    assert Address.objects.filter(user=ada).count() == 1
    assert mail.outbox == []

    # when the subscription is cancelled first, the same link works
    subscription_cancel(subscription=subscription, user=ada, reason="Moving abroad")
    with django_capture_on_commit_callbacks(execute=True):
        user_delete_by_token(user=ada, token=token)

    subscription.refresh_from_db()
    assert subscription.email == "ada@example.com"
    assert subscription.shipping_address.city == "MOUNTAIN VIEW"
    assert User.objects.get(pk=ada.pk).is_active is False


def test_a_failure_midway_leaves_nothing_half_written(
    ada, django_capture_on_commit_callbacks
):
    """The address book is deleted before the user row is saved; when saving
    fails, the deleted addresses come back with the rollback."""
    # given an address book, and (against the rules) an account already using the
    # placeholder Ada's account would get
    address_create(user=ada, data=US_ADDRESS, default_for=["shipping"])
    User.objects.create_user(f"deleted-{ada.pk}@deleted.invalid", PASSWORD)
    token = _token(ada)
    mail.outbox.clear()

    # when deletion is confirmed, saving the placeholder fails
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises((ValidationError, IntegrityError)),
    ):
        user_delete_by_token(user=ada, token=token)

    # then the account is exactly as it was
    assert _unchanged(ada) == ("ada@example.com", "Ada", "Lovelace", True, True)
    ada.refresh_from_db()
    assert Address.objects.filter(user=ada).count() == 1
    assert ada.default_shipping_address_id == Address.objects.get(user=ada).pk
    assert mail.outbox == []


def test_register_refuses_the_placeholder_domain(db):
    with pytest.raises(ValidationError) as caught:
        user_register(email="deleted-1@deleted.invalid", password=PASSWORD)

    assert caught.value.message_dict == {"email": ["Enter a valid email address."]}
    assert User.objects.count() == 0


def test_request_without_redirect_links_to_the_shop_page(
    ada, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        token = user_deletion_request(user=ada)

    assert len(mail.outbox) == 1
    assert f"{STOREFRONT}/account/delete/confirm/{token}/" in mail.outbox[0].body
