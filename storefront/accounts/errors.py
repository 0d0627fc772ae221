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


class TooManySignInAttemptsError(DomainError):
    code = AccountErrorCode.TOO_MANY_ATTEMPTS
    message = (
        "Too many failed sign-in attempts for this email address. "
        "Wait 15 minutes, or reset your password."
    )


class InvalidConfirmationLinkError(DomainError):
    code = AccountErrorCode.INVALID_TOKEN
    message = "This confirmation link is invalid or has expired."
