"""Accounts: registration, email confirmation, rate-limited sign-in, address book,
passwords and names (deleting an account is ``accounts.deletion``)."""

import logging
from collections.abc import Collection
from typing import Any
from urllib.parse import urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import authenticate
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.http.request import validate_host
from django.urls import reverse
from django.utils import timezone

from common.mail import email_queue
from common.urls import absolute_url, storefront_base_url
from storefront.accounts.addresses import address_validate
from storefront.accounts.errors import (
    AccountErrorCode,
    InvalidConfirmationLinkError,
    TooManySignInAttemptsError,
)
from storefront.accounts.models import Address, AddressType, EmailConfirmation, User
from storefront.accounts.signin_limits import (
    client_address,
    sign_in_locked,
    sign_in_unlock,
)

logger = logging.getLogger(__name__)

CONFIRM_SALT = "accounts.email-confirm"


def _invalid(field: str, message: str, code: AccountErrorCode) -> ValidationError:
    return ValidationError({field: ValidationError(message, code=code.value)})


def user_register(
    *, email: str, password: str, redirect_url: str | None = None
) -> User:
    """Create a customer account and send the email confirmation link.

    The link is ``redirect_url`` with ``email`` and ``token`` added (a storefront's
    confirmation page, Saleor's convention), or the shop's own page when None.

    Raises:
        ValidationError: ``email`` empty, malformed or taken; ``password`` too weak
            (the configured validators' messages); ``redirect_url`` not one of the
            allowed client hosts.
    """
    if redirect_url is not None:
        client_url_check(url=redirect_url)
    email = (email or "").strip().lower()
    if not email:
        raise _invalid("email", "Enter your email address.", AccountErrorCode.REQUIRED)
    try:
        validate_email(email)
    except ValidationError:
        raise _invalid(
            "email", "Enter a valid email address.", AccountErrorCode.INVALID
        ) from None
    # ".invalid" never receives mail (RFC 2606); deleted accounts' placeholders
    # live there and must stay unique.
    if email.rsplit("@", 1)[-1].endswith(".invalid"):
        raise _invalid(
            "email", "Enter a valid email address.", AccountErrorCode.INVALID
        )
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
            user_confirmation_send(user=user, redirect_url=redirect_url)
    except IntegrityError:
        raise _invalid(
            "email",
            "An account with this email address already exists.",
            AccountErrorCode.UNIQUE,
        ) from None
    return user


def _confirmation_token(user: User) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=CONFIRM_SALT)


def user_confirmation_link(*, user: User) -> str:
    return reverse(
        "accounts:confirm_email", kwargs={"token": _confirmation_token(user)}
    )


def user_confirmation_send(*, user: User, redirect_url: str | None = None) -> None:
    """Queue the email with the signed confirmation link (sent after commit), to
    ``redirect_url`` with ``email`` and ``token`` when given."""
    if redirect_url is None:
        link = absolute_url(user_confirmation_link(user=user))
    else:
        link = _link(redirect_url, email=user.email, token=_confirmation_token(user))
    email_queue(
        subject="Confirm your Verdant Field account",
        body=(
            "Welcome to Verdant Field.\n\nConfirm your email address by opening this "
            f"link within three days:\n{link}\n\n"
            "If you did not sign up, ignore this email."
        ),
        to=[user.email],
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


def user_sign_in_check(*, request: HttpRequest, email: str, password: str) -> User:
    """Check credentials, counting failures per email and IP address.

    After ACCOUNTS_SIGNIN_MAX_FAILURES failures in ACCOUNTS_SIGNIN_WINDOW_SECONDS
    from one client address, that address is refused for the email, even with the
    right password, until the window ends or staff unlock it. The sign-in page,
    the API's ``tokenCreate`` and both admins share the counter (see
    ``storefront.accounts.backends``). Inactive accounts are refused like wrong
    passwords. An account whose email address is not confirmed yet may sign in:
    registration signs the customer in at once, and confirmation only proves the
    address.

    Raises:
        TooManySignInAttemptsError: the limit is reached.
        ValidationError: wrong email or password (no hint which).
    """
    email = (email or "").strip().lower()
    if sign_in_locked(email=email, address=client_address(request)):
        raise TooManySignInAttemptsError(field="email")
    try:
        # The backend counts the failure (shared with both admins' sign-in).
        user = authenticate(request, email=email, password=password)
    except PermissionDenied:
        user = None
    if user is None:
        raise ValidationError(
            {
                "password": ValidationError(
                    "The email address or password is not right.",
                    code=AccountErrorCode.INVALID_CREDENTIALS.value,
                )
            }
        )
    return user


def user_sign_in_unlock(*, user: User, unlocked_by: User) -> None:
    """Lift the sign-in lock of ``user``'s email address from every client address.

    Raises:
        PermissionDenied: ``unlocked_by`` may not change accounts.
    """
    if not (unlocked_by.is_active and unlocked_by.has_perm("accounts.change_user")):
        raise PermissionDenied("You do not have permission to unlock accounts.")
    sign_in_unlock(email=user.email)
    logger.info("Sign-in unlocked for user %s by user %s", user.pk, unlocked_by.pk)


def _address_type(value: object, *, field: str = "type") -> AddressType:
    try:
        return AddressType(str(getattr(value, "value", value)))
    except ValueError:
        raise _invalid(
            field, "Choose shipping or billing.", AccountErrorCode.INVALID
        ) from None


def address_create(
    *,
    user: User,
    data: dict[str, Any],
    default_for: Collection[AddressType | str] = (),
) -> Address:
    """Add a validated address to the customer's address book.

    With ``default_for`` the new entry also becomes the default shipping and/or
    billing address, in the same transaction.

    Raises:
        ValidationError: per field, from the country's address rules; ``type``
            INVALID for an unknown address type.
    """
    kinds = [_address_type(kind) for kind in default_for]
    cleaned = address_validate(data=data)
    with transaction.atomic():
        address = Address.objects.create(user=user, **cleaned)
        if kinds:
            _defaults_point_at(user=user, address=address, kinds=kinds)
    return address


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
    """Remove an address-book entry; copies on orders are separate rows.

    A default that pointed at it is cleared by the database (``SET_NULL``).
    """
    address.delete()


def _defaults_point_at(
    *, user: User, address: Address, kinds: Collection[AddressType]
) -> None:
    """Within a transaction: store ``address`` as the user's default ``kinds``."""
    fields = sorted({f"default_{kind.value}_address" for kind in kinds})
    for field in fields:
        setattr(user, field, address)
    user.save(update_fields=fields)


def address_set_default(
    *, user: User, address: Address, address_type: AddressType | str
) -> User:
    """Make an entry of the customer's address book their default for shipping
    or billing (replacing the previous default of that type).

    The address row is locked, so an entry deleted meanwhile is reported as not
    found rather than stored as a dangling default.

    Raises:
        ValidationError: ``type`` INVALID for anything but shipping or billing;
            ``id`` NOT_FOUND when the address is not (or no longer) in this
            customer's book.
    """
    kind = _address_type(address_type)
    with transaction.atomic():
        locked = (
            Address.objects.select_for_update()
            .filter(pk=address.pk, user_id=user.pk)
            .first()
        )
        if locked is None:
            raise _invalid(
                "id",
                "This address is not in your address book.",
                AccountErrorCode.NOT_FOUND,
            )
        _defaults_point_at(user=user, address=locked, kinds=[kind])
    return user


_OTHER_TYPE = {
    AddressType.SHIPPING: AddressType.BILLING,
    AddressType.BILLING: AddressType.SHIPPING,
}


def user_update(
    *,
    user: User,
    first_name: str | None = None,
    last_name: str | None = None,
    default_shipping_address: dict[str, Any] | None = None,
    default_billing_address: dict[str, Any] | None = None,
) -> User:
    """Change the customer's names and default addresses in one transaction.

    A default address given here replaces the values of the current default of
    that type in place, as Saleor does; when there is none yet, or the current one
    is also the default of the other type (so editing it would change both), a
    new address-book entry is made the default instead. ``None`` leaves a value
    as it is. Everything is validated before anything is written.

    Raises:
        ValidationError: a name too long; address fields keyed
            ``default_shipping_address.<field>`` / ``default_billing_address.<field>``
            with the country's rules' codes.
    """
    given = {
        AddressType.SHIPPING: default_shipping_address,
        AddressType.BILLING: default_billing_address,
    }
    cleaned: dict[AddressType, dict[str, str]] = {}
    errors: dict[str, list[ValidationError]] = {}
    for kind, data in given.items():
        if data is None:
            continue
        try:
            cleaned[kind] = address_validate(data=data)
        except ValidationError as exc:
            for field, problems in exc.error_dict.items():
                errors[f"default_{kind.value}_address.{field}"] = problems
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        user = user_names_update(user=user, first_name=first_name, last_name=last_name)
        for kind, values in cleaned.items():
            current = getattr(user, f"default_{kind.value}_address")
            other = _OTHER_TYPE[kind]
            shared = current is not None and current.pk == getattr(
                user, f"default_{other.value}_address_id"
            )
            if current is not None and not shared:
                for name, value in values.items():
                    setattr(current, name, value)
                current.save()
            else:
                address = Address.objects.create(user=user, **values)
                _defaults_point_at(user=user, address=address, kinds=[kind])
    return user


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

    Allowed hosts are ``ALLOWED_CLIENT_HOSTS`` (Saleor's setting, with Django's
    host patterns: ``.example.com`` for a domain and its subdomains) and the
    shop's own ``STOREFRONT_BASE_URL`` host, so links in emails cannot send
    customers to somebody else's site.

    Raises:
        ValidationError: ``field`` INVALID for any other URL.
    """
    try:
        parts = urlsplit(url or "")
        hostname = parts.hostname or ""
    except ValueError:
        hostname = ""
    allowed = [
        urlsplit(storefront_base_url()).hostname or "",
        *settings.ALLOWED_CLIENT_HOSTS,
    ]
    if (
        not hostname
        or parts.scheme not in {"http", "https"}
        or not validate_host(hostname, allowed)
    ):
        raise _invalid(
            field,
            "The redirect URL is not one of the shop's sites.",
            AccountErrorCode.INVALID,
        )
    return url


def _link(base: str, **params: str) -> str:
    return f"{base}{'&' if '?' in base else '?'}{urlencode(params)}"


def user_password_reset_request(*, email: str, redirect_url: str | None = None) -> None:
    """Email a one-time password reset link to an active account.

    The link is ``redirect_url`` (the shop's own reset page when None) with
    ``email`` and ``token`` added (Saleor's convention); the token is Django's
    reset token, which stops working once the password changes. For an unknown
    or inactive address nothing is sent and no error is raised, so neither the
    page nor the API reveals who has an account.

    Raises:
        ValidationError: ``redirect_url`` not a storefront URL.
    """
    if redirect_url is None:
        redirect_url = absolute_url(reverse("accounts:password_reset_confirm"))
    else:
        client_url_check(url=redirect_url)
    user = User.objects.filter(
        email__iexact=(email or "").strip(), is_active=True
    ).first()
    if user is None:
        return
    link = _link(
        redirect_url, email=user.email, token=default_token_generator.make_token(user)
    )
    email_queue(
        subject="Reset your Verdant Field password",
        body=(
            "Someone asked to reset the password of your Verdant Field account."
            f"\n\nChoose a new password here:\n{link}\n\nIf it was not you, "
            "ignore this email: your password stays as it is."
        ),
        to=[user.email],
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
            "token",
            "This password reset link is invalid or has expired.",
            AccountErrorCode.INVALID,
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
            "old_password",
            "The current password is not right.",
            AccountErrorCode.INVALID_PASSWORD,
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
