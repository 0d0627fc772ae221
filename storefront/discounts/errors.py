"""Error codes of vouchers."""

from enum import Enum


class DiscountErrorCode(Enum):
    VOUCHER_NOT_APPLICABLE = "voucher_not_applicable"
