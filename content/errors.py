from enum import Enum

from common.errors import DomainError


class ContentErrorCode(Enum):
    INVALID = "invalid"
    REQUIRED = "required"
    CONSENT_REQUIRED = "consent_required"
    LINK_INVALID = "link_invalid"
    LINK_EXPIRED = "link_expired"
    NOT_SUBSCRIBED = "not_subscribed"


class NewsletterLinkError(DomainError):
    code = ContentErrorCode.LINK_INVALID
    message = "This link is not valid. It may have been changed or cut short."


class NewsletterLinkExpiredError(NewsletterLinkError):
    code = ContentErrorCode.LINK_EXPIRED
    message = (
        "This confirmation link has expired. Please sign up again to get a new one."
    )
