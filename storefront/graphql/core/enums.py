"""Enums shared across the API, named and valued as in Saleor's schema."""

import graphene

from storefront.graphql.core.codes import COUNTRY_CODES, LANGUAGE_CODES

LanguageCodeEnum = graphene.Enum(
    "LanguageCodeEnum",
    [(code, code.lower()) for code in LANGUAGE_CODES],
    description=(
        "A locale. The shop writes in English only; translations resolve to null."
    ),
)

CountryCode = graphene.Enum(
    "CountryCode",
    [(code, code) for code in COUNTRY_CODES],
    description="An ISO 3166-1 alpha-2 country code (plus EU and XK, as Saleor has).",
)


class ThumbnailFormatEnum(graphene.Enum):
    """Image format of a thumbnail; the shop stores JPEG thumbnails only."""

    ORIGINAL = "original"
    AVIF = "avif"
    WEBP = "webp"


class OrderDirection(graphene.Enum):
    """Sort direction."""

    ASC = "asc"
    DESC = "desc"


class AttributeInputTypeEnum(graphene.Enum):
    """How an attribute's values are entered."""

    DROPDOWN = "dropdown"
    MULTISELECT = "multiselect"
    FILE = "file"
    REFERENCE = "reference"
    SINGLE_REFERENCE = "single_reference"
    NUMERIC = "numeric"
    RICH_TEXT = "rich_text"
    PLAIN_TEXT = "plain_text"
    SWATCH = "swatch"
    BOOLEAN = "boolean"
    DATE = "date"
    DATE_TIME = "date_time"


class StockAvailability(graphene.Enum):
    """Whether a product has stock in the channel's warehouses."""

    IN_STOCK = "in_stock"
    OUT_OF_STOCK = "out_of_stock"


class ProductOrderField(graphene.Enum):
    """What products can be sorted by."""

    NAME = "name"
    RANK = "rank"
    PRICE = "price"
    MINIMAL_PRICE = "minimal_price"
    LAST_MODIFIED = "last_modified"
    DATE = "date"
    TYPE = "type"
    PUBLISHED = "published"
    PUBLICATION_DATE = "publication_date"
    PUBLISHED_AT = "published_at"
    LAST_MODIFIED_AT = "last_modified_at"
    COLLECTION = "collection"
    RATING = "rating"
    CREATED_AT = "created_at"

    @property
    def description(self) -> str | None:
        deprecated = {
            "LAST_MODIFIED",
            "DATE",
            "PUBLICATION_DATE",
        }
        return "Deprecated." if self.name in deprecated else None

    @property
    def deprecation_reason(self) -> str | None:
        return {
            "LAST_MODIFIED": "Use `LAST_MODIFIED_AT` instead.",
            "DATE": "Use `LAST_MODIFIED_AT` instead.",
            "PUBLICATION_DATE": "Use `PUBLISHED_AT` instead.",
        }.get(self.name)


class VariantAttributeScope(graphene.Enum):
    """Which of a variant's attributes to list."""

    ALL = "all"
    VARIANT_SELECTION = "variant_selection"
    NOT_VARIANT_SELECTION = "not_variant_selection"


class ProductMediaType(graphene.Enum):
    """Kind of product media."""

    IMAGE = "image"
    VIDEO = "video"


class AddressTypeEnum(graphene.Enum):
    """Which default address to set."""

    BILLING = "billing"
    SHIPPING = "shipping"


class TransactionFlowStrategyEnum(graphene.Enum):
    """Whether a payment is only authorised or charged at once."""

    AUTHORIZATION = "authorization"
    CHARGE = "charge"


class TransactionActionEnum(graphene.Enum):
    """What staff can still do with a transaction."""

    CHARGE = "charge"
    REFUND = "refund"
    CANCEL = "cancel"


class TransactionEventTypeEnum(graphene.Enum):
    """What happened to a transaction."""

    AUTHORIZATION_SUCCESS = "authorization_success"
    AUTHORIZATION_FAILURE = "authorization_failure"
    AUTHORIZATION_ADJUSTMENT = "authorization_adjustment"
    AUTHORIZATION_REQUEST = "authorization_request"
    AUTHORIZATION_ACTION_REQUIRED = "authorization_action_required"
    CHARGE_ACTION_REQUIRED = "charge_action_required"
    CHARGE_SUCCESS = "charge_success"
    CHARGE_FAILURE = "charge_failure"
    CHARGE_BACK = "charge_back"
    CHARGE_REQUEST = "charge_request"
    REFUND_SUCCESS = "refund_success"
    REFUND_FAILURE = "refund_failure"
    REFUND_REVERSE = "refund_reverse"
    REFUND_REQUEST = "refund_request"
    CANCEL_SUCCESS = "cancel_success"
    CANCEL_FAILURE = "cancel_failure"
    CANCEL_REQUEST = "cancel_request"
    INFO = "info"


class CheckoutAuthorizeStatusEnum(graphene.Enum):
    """How much of the checkout's total is authorised."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class CheckoutChargeStatusEnum(graphene.Enum):
    """How much of the checkout's total is charged."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


class OrderAuthorizeStatusEnum(graphene.Enum):
    """How much of the order's total is authorised."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"


class OrderChargeStatusEnum(graphene.Enum):
    """How much of the order's total is charged."""

    NONE = "none"
    PARTIAL = "partial"
    FULL = "full"
    OVERCHARGED = "overcharged"


class OrderStatus(graphene.Enum):
    """Where an order is in its life."""

    DRAFT = "draft"
    UNCONFIRMED = "unconfirmed"
    UNFULFILLED = "unfulfilled"
    PARTIALLY_FULFILLED = "partially_fulfilled"
    PARTIALLY_RETURNED = "partially_returned"
    RETURNED = "returned"
    FULFILLED = "fulfilled"
    CANCELED = "canceled"
    EXPIRED = "expired"


class FulfillmentStatus(graphene.Enum):
    """State of a shipment."""

    FULFILLED = "fulfilled"
    REFUNDED = "refunded"
    RETURNED = "returned"
    REPLACED = "replaced"
    REFUNDED_AND_RETURNED = "refunded_and_returned"
    CANCELED = "canceled"
    WAITING_FOR_APPROVAL = "waiting_for_approval"


class PaymentChargeStatusEnum(graphene.Enum):
    """Charge state of an order's payment."""

    NOT_CHARGED = "not_charged"
    PENDING = "pending"
    PARTIALLY_CHARGED = "partially_charged"
    FULLY_CHARGED = "fully_charged"
    PARTIALLY_REFUNDED = "partially_refunded"
    FULLY_REFUNDED = "fully_refunded"
    REFUSED = "refused"
    CANCELLED = "cancelled"


class OrderDiscountType(graphene.Enum):
    """Where a discount on an order came from."""

    SALE = "sale"
    VOUCHER = "voucher"
    MANUAL = "manual"
    PROMOTION = "promotion"
    ORDER_PROMOTION = "order_promotion"
