"""Accounts: registration, email confirmation, rate-limited sign-in, address book."""

import hashlib
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.core import signing
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone

from storefront.accounts.addresses import address_validate
from storefront.accounts.errors import (
    AccountErrorCode,
    InvalidConfirmationLinkError,
    TooManySignInAttemptsError,
)
from storefront.accounts.models import Address, EmailConfirmation, User

CONFIRM_SALT = "accounts.email-confirm"


def _invalid(field: str, message: str, code: AccountErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def user_register(*, email: str, password: str) -> User:
    """Create a customer account and send the email confirmation link.

    Raises:
        ValidationError: ``email`` empty, malformed or taken; ``password`` too weak
            (the configured validators' messages).
    """
    email = (email or "").strip().lower()
    if not email:
        raise _invalid("email", "Enter your email address.", AccountErrorCode.REQUIRED)
    try:
        validate_email(email)
    except ValidationError:
        raise _invalid(
            "email", "Enter a valid email address.", AccountErrorCode.INVALID
        ) from None
    if User.objects.filter(email__iexact=email).exists():
        raise _invalid(
            "email",
            "An account with this email address already exists.",
            AccountErrorCode.UNIQUE,
        )
    try:
        validate_password(password, user=User(email=email))
    except ValidationError as exc:
        raise ValidationError(
            {
                "password": ValidationError(
                    exc.messages, code=AccountErrorCode.PASSWORD_TOO_WEAK.value
                )
            }
        ) from None
    try:
        with transaction.atomic():
            user = User.objects.create_user(email=email, password=password)
    except IntegrityError:
        raise _invalid(
            "email",
            "An account with this email address already exists.",
            AccountErrorCode.UNIQUE,
        ) from None
    transaction.on_commit(lambda: user_confirmation_send(user=user))
    return user


def user_confirmation_link(*, user: User) -> str:
    token = signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)
    return reverse("accounts:confirm_email", kwargs={"token": token})


def user_confirmation_send(*, user: User) -> None:
    """Email the signed confirmation link."""
    link = settings.STOREFRONT_BASE_URL.rstrip("/") + user_confirmation_link(user=user)
    send_mail(
        subject="Confirm your Verdant Field account",
        message=(
            "Welcome to Verdant Field.\n\nConfirm your email address by opening this "
            f"link within three days:\n{link}\n\n"
            "If you did not sign up, ignore this email."
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def user_email_confirm(*, token: str) -> User:
    """Mark the account's email confirmed from a signed link (idempotent).

    Raises:
        InvalidConfirmationLinkError: tampered, expired, or for another address.
    """
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=settings.ACCOUNTS_EMAIL_CONFIRM_MAX_AGE
        )
    except signing.BadSignature:
        raise InvalidConfirmationLinkError() from None
    user = User.objects.filter(pk=data.get("u"), email=data.get("e")).first()
    if user is None:
        raise InvalidConfirmationLinkError()
    EmailConfirmation.objects.get_or_create(
        user=user, defaults={"confirmed_at": timezone.now()}
    )
    return user


def _attempts_key(email: str, ip: str) -> str:
    digest = hashlib.sha256(f"{email.lower()}|{ip}".encode()).hexdigest()
    return f"accounts:signin-failures:{digest}"


def user_sign_in_check(*, request: HttpRequest, email: str, password: str) -> User:
    """Check credentials, counting failures per email and IP address.

    After ACCOUNTS_SIGNIN_MAX_FAILURES failures in ACCOUNTS_SIGNIN_WINDOW_SECONDS
    every attempt is refused, even with the right password, until the window ends.

    Raises:
        TooManySignInAttemptsError: the limit is reached.
        ValidationError: wrong email or password (no hint which).
    """
    email = (email or "").strip().lower()
    ip = request.META.get("REMOTE_ADDR", "")
    key = _attempts_key(email, ip)
    window = settings.ACCOUNTS_SIGNIN_WINDOW_SECONDS
    if int(cache.get(key, 0)) >= settings.ACCOUNTS_SIGNIN_MAX_FAILURES:
        raise TooManySignInAttemptsError(field="email")
    user = authenticate(request, email=email, password=password)
    if user is None:
        if cache.add(key, 1, timeout=window) is False:
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, timeout=window)
        raise ValidationError(
            {
                "password": ValidationError(
                    "The email address or password is not right.",
                    code=AccountErrorCode.INVALID_CREDENTIALS.value,
                )
            }
        )
    cache.delete(key)
    return user


def address_create(*, user: User, data: dict[str, Any]) -> Address:
    """Add a validated address to the customer's address book.

    Raises:
        ValidationError: per field, from the country's address rules.
    """
    return Address.objects.create(user=user, **address_validate(data=data))


def address_update(*, address: Address, data: dict[str, Any]) -> Address:
    """Replace an address-book entry with validated values.

    Raises:
        ValidationError: per field, from the country's address rules.
    """
    for name, value in address_validate(data=data).items():
        setattr(address, name, value)
    address.save()
    return address


def address_delete(*, address: Address) -> None:
    """Remove an address-book entry; copies on orders are separate rows."""
    address.delete()
