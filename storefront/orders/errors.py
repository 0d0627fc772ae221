"""Error codes of orders."""

from enum import Enum

from django.core.exceptions import PermissionDenied

from common.errors import DomainError


class OrderErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    NOT_FOUND = "not_found"
    CANNOT_CANCEL_ORDER = "cannot_cancel_order"
    CANNOT_FULFILL = "cannot_fulfill"
    FULFILL_ORDER_LINE = "fulfill_order_line"
    CANNOT_REFUND = "cannot_refund"
    NO_LINES = "no_lines"
    NOT_AVAILABLE_IN_REGION = "not_available_in_region"
    PERMISSION_DENIED = "permission_denied"


class OrderError(DomainError):
    code = OrderErrorCode.INVALID


class OrderCannotCancelError(OrderError):
    code = OrderErrorCode.CANNOT_CANCEL_ORDER
    message = "Only orders that have not shipped anything can be cancelled."


class OrderCannotFulfilError(OrderError):
    code = OrderErrorCode.CANNOT_FULFILL
    message = "This order cannot be fulfilled."


class OrderCannotRefundError(OrderError):
    code = OrderErrorCode.CANNOT_REFUND
    field = "amount"


class OrderLineNotAvailableInRegionError(OrderError):
    code = OrderErrorCode.NOT_AVAILABLE_IN_REGION


class OrderPermissionDenied(PermissionDenied):
    """A staff member without the order permissions tried to change an order."""

    code = OrderErrorCode.PERMISSION_DENIED
