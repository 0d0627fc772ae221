"""Error codes of the accounts domain."""

from enum import Enum

from common.errors import DomainError


class AccountErrorCode(Enum):
    REQUIRED = "required"
    INVALID = "invalid"
    UNIQUE = "unique"
    PASSWORD_TOO_WEAK = "password_too_weak"  # noqa: S105
    INVALID_PASSWORD = "invalid_password"  # noqa: S105
    INVALID_CREDENTIALS = "invalid_credentials"
    TOO_MANY_ATTEMPTS = "too_many_attempts"
    INVALID_TOKEN = "invalid_token"  # noqa: S105
    NOT_FOUND = "not_found"
    ACTIVE_SUBSCRIPTION = "active_subscription"
    DELETE_STAFF_ACCOUNT = "delete_staff_account"


class TooManySignInAttemptsError(DomainError):
    code = AccountErrorCode.TOO_MANY_ATTEMPTS
    message = (
        "Too many failed sign-in attempts for this email address. "
        "Wait 15 minutes, or reset your password."
    )


class InvalidConfirmationLinkError(DomainError):
    code = AccountErrorCode.INVALID_TOKEN
    message = "This confirmation link is invalid or has expired."


class InvalidDeletionLinkError(DomainError):
    code = AccountErrorCode.INVALID_TOKEN
    field = "token"
    message = (
        "This account deletion link is invalid, has expired or was already used. "
        "Ask for a new one from your account page."
    )


class ActiveSubscriptionError(DomainError):
    code = AccountErrorCode.ACTIVE_SUBSCRIPTION
    message = (
        "Your account still has a subscription that is not cancelled. Cancel it "
        "from your subscriptions page first, then delete your account."
    )


class StaffAccountDeletionError(DomainError):
    code = AccountErrorCode.DELETE_STAFF_ACCOUNT
    message = "Staff accounts cannot be deleted from the shop; ask an administrator."
