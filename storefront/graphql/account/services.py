"""Account self-service the API needs and ``storefront.accounts.services`` lacks yet.

Password reset by token, password change, name changes and the account deletion
request. They have the shape of services (keyword-only, coded errors, no GraphQL)
and belong in ``storefront/accounts/services.py``; they live here only because
that module is another engineer's while this API is built (issue 7). Move them
there unchanged when it is free; the mutations are the only callers.
"""

from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction

from storefront.accounts.models import User

DELETION_SALT = "accounts.deletion-request"


def _invalid(field: str, message: str, code: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code)})


def password_validate(*, password: str, user: User, field: str = "password") -> None:
    """Run the configured password validators, keeping Django's codes per problem.

    Raises:
        ValidationError: on ``field``, one entry per failed validator, coded
            ``password_too_short``, ``password_too_common``,
            ``password_entirely_numeric`` or ``password_too_similar``.
    """
    try:
        validate_password(password, user=user)
    except ValidationError as exc:
        raise ValidationError({field: exc.error_list}) from None


def client_url_check(*, url: str, field: str = "redirect_url") -> str:
    """A storefront URL that emails may link to: http(s) on an allowed host.

    Allowed hosts are ``GRAPHQL_ALLOWED_CLIENT_HOSTS`` and the shop's own
    ``STOREFRONT_BASE_URL`` host, so links in emails cannot send customers to
    somebody else's site.

    Raises:
        ValidationError: ``field`` INVALID for any other URL.
    """
    parts = urlsplit(url or "")
    allowed = {urlsplit(settings.STOREFRONT_BASE_URL).hostname} | set(
        settings.GRAPHQL_ALLOWED_CLIENT_HOSTS
    )
    if parts.scheme not in {"http", "https"} or parts.hostname not in allowed:
        raise _invalid(
            field, "The redirect URL is not one of the shop's sites.", "invalid"
        )
    return url


def _link(base: str, **params: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}{urlencode(params)}"


def user_password_reset_request(*, email: str, redirect_url: str) -> None:
    """Email a one-time password reset link to an active account.

    The link is ``redirect_url`` with ``email`` and ``token`` added (Saleor's
    convention); the token is Django's reset token, which stops working once the
    password changes. For an unknown or inactive address nothing is sent and no
    error is raised, so the API does not reveal who has an account.

    Raises:
        ValidationError: ``redirect_url`` not a storefront URL.
    """
    client_url_check(url=redirect_url)
    user = User.objects.filter(
        email__iexact=(email or "").strip(), is_active=True
    ).first()
    if user is None:
        return
    link = _link(
        redirect_url, email=user.email, token=default_token_generator.make_token(user)
    )
    transaction.on_commit(
        lambda: send_mail(
            subject="Reset your Verdant Field password",
            message=(
                "Someone asked to reset the password of your Verdant Field account."
                f"\n\nChoose a new password here:\n{link}\n\nIf it was not you, "
                "ignore this email: your password stays as it is."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    )


def user_password_set_by_token(*, email: str, token: str, password: str) -> User:
    """Set a new password with a reset token from ``user_password_reset_request``.

    Raises:
        ValidationError: ``token`` INVALID (unknown email, wrong, used or expired
            token); ``password`` with the validators' codes.
    """
    user = User.objects.filter(
        email__iexact=(email or "").strip(), is_active=True
    ).first()
    if user is None or not default_token_generator.check_token(user, token):
        raise _invalid(
            "token", "This password reset link is invalid or has expired.", "invalid"
        )
    password_validate(password=password, user=user)
    user.set_password(password)
    user.save(update_fields=["password"])
    return user


def user_password_change(
    *, user: User, old_password: str | None, new_password: str
) -> User:
    """Change the password after checking the current one.

    Earlier API tokens stop working (they carry a digest of the old password).

    Raises:
        ValidationError: ``old_password`` INVALID_PASSWORD when it is wrong;
            ``new_password`` with the validators' codes.
    """
    if not user.check_password(old_password or ""):
        raise _invalid(
            "old_password", "The current password is not right.", "invalid_password"
        )
    password_validate(password=new_password, user=user, field="new_password")
    user.set_password(new_password)
    user.save(update_fields=["password"])
    return user


def user_names_update(
    *, user: User, first_name: str | None = None, last_name: str | None = None
) -> User:
    """Change the customer's first and/or last name (``None`` leaves one as it is).

    Raises:
        ValidationError: a name longer than the field allows.
    """
    if first_name is not None:
        user.first_name = first_name.strip()
    if last_name is not None:
        user.last_name = last_name.strip()
    user.full_clean(exclude=[f.name for f in User._meta.fields if f.name not in _NAMES])
    user.save(update_fields=list(_NAMES))
    return user


_NAMES = ("first_name", "last_name")


def user_deletion_request(*, user: User, redirect_url: str) -> str:
    """Email the customer a signed link to confirm deleting their account.

    Returns the token (valid for ``ACCOUNTS_EMAIL_CONFIRM_MAX_AGE`` seconds), which
    is ``redirect_url``'s ``token`` parameter in the email. Nothing is deleted here.

    Raises:
        ValidationError: ``redirect_url`` not a storefront URL.
    """
    client_url_check(url=redirect_url)
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=DELETION_SALT)
    link = _link(redirect_url, token=token)
    transaction.on_commit(
        lambda: send_mail(
            subject="Confirm deleting your Verdant Field account",
            message=(
                "You asked to delete your Verdant Field account. To confirm, open "
                f"this link:\n{link}\n\nIf it was not you, ignore this email and "
                "consider changing your password."
            ),
            from_email=settings.DEFAULT_FROM_EMAIL,
            recipient_list=[user.email],
        )
    )
    return token
