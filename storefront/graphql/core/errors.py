"""Error types of the mutation payloads, with Saleor's code enums.

Codes after Saleor's list are our additions (compliance refusals and checkout
conditions Saleor does not have).
"""

from common.graphql.mutations import code_enum, error_type

CheckoutErrorCode = code_enum(
    "CheckoutErrorCode",
    [
        "BILLING_ADDRESS_NOT_SET",
        "CHECKOUT_NOT_FULLY_PAID",
        "GRAPHQL_ERROR",
        "PRODUCT_NOT_PUBLISHED",
        "PRODUCT_UNAVAILABLE_FOR_PURCHASE",
        "INSUFFICIENT_STOCK",
        "INVALID",
        "INVALID_SHIPPING_METHOD",
        "NOT_FOUND",
        "PAYMENT_ERROR",
        "PRICE_OVERRIDE_REASON_WITHOUT_OVERRIDE",
        "QUANTITY_GREATER_THAN_LIMIT",
        "REQUIRED",
        "SHIPPING_ADDRESS_NOT_SET",
        "SHIPPING_METHOD_NOT_APPLICABLE",
        "DELIVERY_METHOD_NOT_APPLICABLE",
        "SHIPPING_METHOD_NOT_SET",
        "SHIPPING_NOT_REQUIRED",
        "TAX_ERROR",
        "UNIQUE",
        "VOUCHER_NOT_APPLICABLE",
        "GIFT_CARD_NOT_APPLICABLE",
        "ZERO_QUANTITY",
        "MISSING_CHANNEL_SLUG",
        "CHANNEL_INACTIVE",
        "UNAVAILABLE_VARIANT_IN_CHANNEL",
        "EMAIL_NOT_SET",
        "NO_LINES",
        "INACTIVE_PAYMENT",
        "NON_EDITABLE_GIFT_LINE",
        "NON_REMOVABLE_GIFT_LINE",
        "SHIPPING_CHANGE_FORBIDDEN",
        "MISSING_ADDRESS_DATA",
        # ours
        "NOT_AVAILABLE_IN_REGION",
        "AGE_VERIFICATION_REQUIRED",
        "UNAVAILABLE_LINES",
        "TOTAL_CHANGED",
    ],
    description="Codes of checkout errors (Saleor's, then compliance codes of ours).",
)
CheckoutError = error_type("CheckoutError", CheckoutErrorCode, "A checkout error.")

AccountErrorCode = code_enum(
    "AccountErrorCode",
    [
        "ACTIVATE_OWN_ACCOUNT",
        "ACTIVATE_SUPERUSER_ACCOUNT",
        "DUPLICATED_INPUT_ITEM",
        "DEACTIVATE_OWN_ACCOUNT",
        "DEACTIVATE_SUPERUSER_ACCOUNT",
        "DELETE_NON_STAFF_USER",
        "DELETE_OWN_ACCOUNT",
        "DELETE_STAFF_ACCOUNT",
        "DELETE_SUPERUSER_ACCOUNT",
        "GRAPHQL_ERROR",
        "INACTIVE",
        "INVALID",
        "INVALID_PASSWORD",
        "LEFT_NOT_MANAGEABLE_PERMISSION",
        "INVALID_CREDENTIALS",
        "NOT_FOUND",
        "OUT_OF_SCOPE_USER",
        "OUT_OF_SCOPE_GROUP",
        "OUT_OF_SCOPE_PERMISSION",
        "PASSWORD_ENTIRELY_NUMERIC",
        "PASSWORD_TOO_COMMON",
        "PASSWORD_TOO_SHORT",
        "PASSWORD_TOO_SIMILAR",
        "PASSWORD_RESET_ALREADY_REQUESTED",
        "REQUIRED",
        "UNIQUE",
        "JWT_SIGNATURE_EXPIRED",
        "JWT_INVALID_TOKEN",
        "JWT_DECODE_ERROR",
        "JWT_MISSING_TOKEN",
        "JWT_INVALID_CSRF_TOKEN",
        "CHANNEL_INACTIVE",
        "MISSING_CHANNEL_SLUG",
        "ACCOUNT_NOT_CONFIRMED",
        "LOGIN_ATTEMPT_DELAYED",
        "DISABLED_AUTHENTICATION_METHOD",
        "UNKNOWN_IP_ADDRESS",
        "FILE_SIZE_LIMIT_EXCEEDED",
    ],
    description="Codes of account errors.",
)
AccountError = error_type("AccountError", AccountErrorCode, "An account error.")

_BASIC = ["GRAPHQL_ERROR", "INVALID", "NOT_FOUND"]

DeliveryOptionsCalculateErrorCode = code_enum(
    "DeliveryOptionsCalculateErrorCode", _BASIC
)
DeliveryOptionsCalculateError = error_type(
    "DeliveryOptionsCalculateError", DeliveryOptionsCalculateErrorCode
)
PaymentGatewayInitializeErrorCode = code_enum(
    "PaymentGatewayInitializeErrorCode", _BASIC
)
PaymentGatewayInitializeError = error_type(
    "PaymentGatewayInitializeError", PaymentGatewayInitializeErrorCode
)
TransactionInitializeErrorCode = code_enum(
    "TransactionInitializeErrorCode",
    [
        *_BASIC,
        "UNIQUE",
        "CHECKOUT_COMPLETION_IN_PROGRESS",
        # ours: the checkout's conditions, refused before any money moves
        "NOT_AVAILABLE_IN_REGION",
        "AGE_VERIFICATION_REQUIRED",
        "UNAVAILABLE_LINES",
        "INSUFFICIENT_STOCK",
        "PAYMENT_DECLINED",
    ],
)
TransactionInitializeError = error_type(
    "TransactionInitializeError", TransactionInitializeErrorCode
)
TransactionProcessErrorCode = code_enum(
    "TransactionProcessErrorCode",
    [
        *_BASIC,
        "TRANSACTION_ALREADY_PROCESSED",
        "MISSING_PAYMENT_APP_RELATION",
        "MISSING_PAYMENT_APP",
        "CHECKOUT_COMPLETION_IN_PROGRESS",
    ],
)
TransactionProcessError = error_type(
    "TransactionProcessError", TransactionProcessErrorCode
)
MetadataErrorCode = code_enum("MetadataErrorCode", [*_BASIC, "REQUIRED", "NOT_UPDATED"])
MetadataError = error_type("MetadataError", MetadataErrorCode)
