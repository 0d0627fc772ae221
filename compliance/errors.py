"""Error codes and domain errors of the compliance engine.

Adapters (views, GraphQL, the CLI) translate these at the edge; the ``field`` names the
input the error concerns so a form or an ``errors { field code message }`` entry can
point at it.
"""

from enum import Enum

from django.core.exceptions import PermissionDenied

from common.errors import DomainError


class ComplianceErrorCode(Enum):
    INVALID_REGION = "invalid_region"
    UNKNOWN_PRODUCT_CLASS = "unknown_product_class"
    UNKNOWN_REGIME = "unknown_regime"
    INVALID_SUBJECT = "invalid_subject"
    INVALID_DATE_OF_BIRTH = "invalid_date_of_birth"
    UNKNOWN_PROVIDER = "unknown_provider"
    UNKNOWN_VERIFICATION = "unknown_verification"
    INVALID_WEBHOOK = "invalid_webhook"
    AGE_VERIFICATION_REQUIRED = "age_verification_required"
    REASON_REQUIRED = "reason_required"
    PERMISSION_DENIED = "permission_denied"
    RULE_DATA_INVALID = "rule_data_invalid"


class ComplianceError(DomainError):
    code = ComplianceErrorCode.RULE_DATA_INVALID
    message = "A compliance rule could not be applied."


class RuleDataError(ComplianceError):
    """The TOML rule data is malformed; raised at load time, never per request."""

    code = ComplianceErrorCode.RULE_DATA_INVALID
    message = "The compliance rule data is invalid."


class InvalidRegionError(ComplianceError):
    code = ComplianceErrorCode.INVALID_REGION
    message = "Enter a country code such as 'US' or a subdivision code such as 'US-TX'."
    field = "region"


class UnknownProductClassError(ComplianceError):
    code = ComplianceErrorCode.UNKNOWN_PRODUCT_CLASS
    message = "This product class is not known to the compliance rules."
    field = "product_class"


class UnknownRegimeError(ComplianceError):
    code = ComplianceErrorCode.UNKNOWN_REGIME
    message = "The claims regime must be one of 'us', 'eu' or 'uk'."
    field = "regime"


class InvalidSubjectError(ComplianceError):
    code = ComplianceErrorCode.INVALID_SUBJECT
    message = "The subject must be a user id or an email address."
    field = "subject_ref"


class InvalidDateOfBirthError(ComplianceError):
    code = ComplianceErrorCode.INVALID_DATE_OF_BIRTH
    message = "Enter a real date of birth in the past."
    field = "date_of_birth"


class UnknownAgeProviderError(ComplianceError):
    code = ComplianceErrorCode.UNKNOWN_PROVIDER
    message = "This age-verification provider is not configured."
    field = "provider"


class UnknownVerificationError(ComplianceError):
    code = ComplianceErrorCode.UNKNOWN_VERIFICATION
    message = "No age verification was started with this reference."
    field = "provider_reference"


class InvalidWebhookError(ComplianceError):
    code = ComplianceErrorCode.INVALID_WEBHOOK
    message = "The webhook could not be verified or read."


class AgeVerificationRequiredError(ComplianceError):
    code = ComplianceErrorCode.AGE_VERIFICATION_REQUIRED
    message = "Please confirm your age before buying this product."


class OverrideReasonRequiredError(ComplianceError):
    code = ComplianceErrorCode.REASON_REQUIRED
    message = "Write the reason for this decision; it is kept in the audit log."
    field = "reason"


class OverridePermissionDeniedError(PermissionDenied):
    """The actor may not override or approve compliance findings."""

    code = ComplianceErrorCode.PERMISSION_DENIED
    message = "Only a compliance officer may override or approve a finding."

    def __init__(self, message: str | None = None) -> None:
        self.message = message or self.message
        super().__init__(self.message)
