from enum import Enum

from common.errors import DomainError


class CatalogueErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    DUPLICATED = "duplicated"
    INVALID_IMAGE = "invalid_image"
    NOT_PRICED = "not_priced"
    CLAIMS_BLOCKED = "claims_blocked"
    PROHIBITED_IN_CHANNEL = "prohibited_in_channel"


class ProductNotPricedError(DomainError):
    """A product cannot be published in a channel where no variant has a price."""

    code = CatalogueErrorCode.NOT_PRICED
    message = "Give at least one variant a price in this channel before publishing."


class ProductClaimsBlockedError(DomainError):
    """The product's text has a blocking claims finding and no officer's override."""

    code = CatalogueErrorCode.CLAIMS_BLOCKED
    message = "The product's text makes claims that may not be published."


class ProductProhibitedInChannelError(DomainError):
    """The product's class may not be sold in any country of the channel."""

    code = CatalogueErrorCode.PROHIBITED_IN_CHANNEL
    message = "This product cannot be sold in any country of the channel."
