"""Error codes and rule violations of the checkout (names follow Saleor's)."""

from enum import Enum

from common.errors import DomainError


class CheckoutErrorCode(Enum):
    REQUIRED = "required"
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    ZERO_QUANTITY = "zero_quantity"
    QUANTITY_GREATER_THAN_LIMIT = "quantity_greater_than_limit"
    INSUFFICIENT_STOCK = "insufficient_stock"
    UNAVAILABLE_VARIANT_IN_CHANNEL = "unavailable_variant_in_channel"
    PRODUCT_NOT_PUBLISHED = "product_not_published"
    PRODUCT_UNAVAILABLE_FOR_PURCHASE = "product_unavailable_for_purchase"
    NOT_AVAILABLE_IN_REGION = "not_available_in_region"
    AGE_VERIFICATION_REQUIRED = "age_verification_required"
    NO_LINES = "no_lines"
    EMAIL_NOT_SET = "email_not_set"
    SHIPPING_ADDRESS_NOT_SET = "shipping_address_not_set"
    BILLING_ADDRESS_NOT_SET = "billing_address_not_set"
    SHIPPING_METHOD_NOT_SET = "shipping_method_not_set"
    SHIPPING_METHOD_NOT_APPLICABLE = "shipping_method_not_applicable"
    VOUCHER_NOT_APPLICABLE = "voucher_not_applicable"
    UNAVAILABLE_LINES = "unavailable_lines"
    TOTAL_CHANGED = "total_changed"
    PAYMENT_ERROR = "payment_error"


class CheckoutError(DomainError):
    code = CheckoutErrorCode.INVALID


class CheckoutNotReadyError(CheckoutError):
    code = CheckoutErrorCode.INVALID


class UnavailableLinesError(CheckoutError):
    code = CheckoutErrorCode.UNAVAILABLE_LINES
    message = (
        "Some items in your cart cannot be bought as things stand. "
        "Remove them or change them before paying."
    )


class TotalChangedError(CheckoutError):
    code = CheckoutErrorCode.TOTAL_CHANGED
    message = "Your cart changed while you were paying. Check the total and pay again."


class ProductNotAvailableInRegionError(CheckoutError):
    code = CheckoutErrorCode.NOT_AVAILABLE_IN_REGION


class AgeVerificationRequiredError(CheckoutError):
    code = CheckoutErrorCode.AGE_VERIFICATION_REQUIRED
