"""Deleting a customer's account on request, confirmed by an emailed link."""

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.urls import reverse

from common.mail import email_queue
from common.urls import absolute_url
from storefront.accounts.errors import (
    ActiveSubscriptionError,
    InvalidDeletionLinkError,
    StaffAccountDeletionError,
)
from storefront.accounts.models import Address, EmailConfirmation, User
from storefront.accounts.services import _link, client_url_check

DELETION_SALT = "accounts.deletion-request"


def _deletion_link(*, token: str, redirect_url: str | None) -> str:
    if redirect_url is None:
        path = reverse("accounts:delete_confirm", kwargs={"token": token})
        return absolute_url(path)
    return _link(redirect_url, token=token)


def user_deletion_request(*, user: User, redirect_url: str | None = None) -> str:
    """Email the customer a signed link to confirm deleting their account.

    The link is ``redirect_url`` with a ``token`` parameter (the API's storefront
    URL), or the shop's own confirmation page when ``redirect_url`` is None.
    Returns the token (valid for ``ACCOUNTS_EMAIL_CONFIRM_MAX_AGE`` seconds).
    Nothing is deleted here; ``user_delete_by_token`` does that.

    Raises:
        ValidationError: ``redirect_url`` not a storefront URL.
    """
    if redirect_url is not None:
        client_url_check(url=redirect_url)
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=DELETION_SALT)
    link = _deletion_link(token=token, redirect_url=redirect_url)
    email_queue(
        subject="Confirm deleting your Verdant Field account",
        body=(
            "You asked to delete your Verdant Field account. To confirm, open "
            f"this link:\n{link}\n\nIf it was not you, ignore this email and "
            "consider changing your password."
        ),
        to=[user.email],
    )
    return token


DELETED_EMAIL_DOMAIN = "deleted.invalid"


def user_deletion_token_check(*, user: User, token: str) -> None:
    """Check that ``token`` is a live deletion token for this very account.

    Raises:
        InvalidDeletionLinkError: tampered, expired (older than
            ``ACCOUNTS_EMAIL_CONFIRM_MAX_AGE``), for another account, or already
            used (the account's address is no longer the one signed).
    """
    try:
        data = signing.loads(
            token, salt=DELETION_SALT, max_age=settings.ACCOUNTS_EMAIL_CONFIRM_MAX_AGE
        )
    except signing.BadSignature:
        raise InvalidDeletionLinkError() from None
    if (
        not isinstance(data, dict)
        or data.get("u") != user.pk
        or data.get("e") != user.email
        or not user.is_active
    ):
        raise InvalidDeletionLinkError()


def _has_live_subscription(user: User) -> bool:
    # Through the reverse relation: subscriptions build on accounts, so accounts
    # does not import them.
    return user.subscriptions.exclude(status="cancelled").exists()


def user_delete_by_token(*, user: User, token: str) -> User:
    """Delete the customer's account, confirmed by the emailed deletion token.

    The user row stays, anonymised, because orders and subscriptions point at it
    and keep their own copies of the email and addresses for the legal record.
    In one transaction: the address book is deleted (defaults with it), names are
    cleared, the email becomes ``deleted-<id>@deleted.invalid`` (unique, never
    deliverable), the password unusable and the account inactive; the email
    confirmation is removed. Every session and API token of the account stops
    working: sessions and tokens carry a digest of the password and need an
    active user. A goodbye email goes to the former address after commit.

    Raises:
        InvalidDeletionLinkError: see ``user_deletion_token_check``.
        StaffAccountDeletionError: staff and superusers are closed by an admin.
        ActiveSubscriptionError: a subscription that is active, paused or overdue
            (cancel it first).
    """
    user_deletion_token_check(user=user, token=token)
    if user.is_staff or user.is_superuser:
        raise StaffAccountDeletionError()
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        # Checked again under the lock: a concurrent confirmation wins once.
        user_deletion_token_check(user=locked, token=token)
        if _has_live_subscription(locked):
            raise ActiveSubscriptionError()
        former_email = locked.email
        Address.objects.filter(user_id=locked.pk).delete()
        locked.default_shipping_address = None
        locked.default_billing_address = None
        locked.first_name = ""
        locked.last_name = ""
        locked.email = f"deleted-{locked.pk}@{DELETED_EMAIL_DOMAIN}"
        locked.is_active = False
        locked.set_unusable_password()
        locked.full_clean()
        locked.save()
        EmailConfirmation.objects.filter(user_id=locked.pk).delete()
        _goodbye_send(email=former_email)
    return locked


def _goodbye_send(*, email: str) -> None:
    email_queue(
        subject="Your Verdant Field account is deleted",
        body=(
            "Your Verdant Field account is deleted and you are signed out everywhere."
            "\n\nOrders you placed are kept with their delivery details for as long "
            "as the law requires. This is the last email about your account."
        ),
        to=[email],
    )
