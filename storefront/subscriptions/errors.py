"""Error codes of subscriptions."""

from enum import Enum

from django.core.exceptions import PermissionDenied

from common.errors import DomainError


class SubscriptionErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    NO_PLAN = "no_plan"
    INTERVAL_NOT_OFFERED = "interval_not_offered"
    WRONG_STATUS = "wrong_status"
    NOT_AVAILABLE_IN_REGION = "not_available_in_region"
    VARIANT_OF_OTHER_PRODUCT = "variant_of_other_product"
    NOT_ALLOWED = "not_allowed"


class SubscriptionError(DomainError):
    code = SubscriptionErrorCode.INVALID


class SubscriptionWrongStatusError(SubscriptionError):
    """The action does not fit the subscription's current status."""

    code = SubscriptionErrorCode.WRONG_STATUS
    message = "This subscription cannot be changed that way in its current state."


class SubscriptionNotAvailableInRegionError(SubscriptionError):
    code = SubscriptionErrorCode.NOT_AVAILABLE_IN_REGION
    field = "shipping_address"


class SubscriptionPermissionDenied(PermissionDenied):
    """Someone tried to change a subscription that is not theirs."""

    code = SubscriptionErrorCode.NOT_ALLOWED
