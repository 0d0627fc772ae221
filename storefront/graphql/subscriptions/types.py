"""Our additions: subscriptions, subscribe-and-save plans and membership.

None of these types exists in Saleor. The subscription itself is called
``CustomerSubscription`` (global ids ``CustomerSubscription:<pk>``): a GraphQL type
named ``Subscription`` would, in printed SDL without a ``schema {}`` block, be taken
for the root subscription type (Saleor's own full schema uses that name for its
root), so every tool reading ``config/schema.graphql`` would misread it.

Data for a page of subscriptions (line prices, events, orders) is loaded once per
page by ``subscriptions_prepare``, so the SQL query count of an operation does not
grow with the number of subscriptions returned.
"""

from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

import graphene
from django.db.models import Prefetch, Q, prefetch_related_objects
from prices import Money as PricesMoney

from common.graphql.connection import connection_type
from common.graphql.ids import to_global_id
from common.graphql.mutations import error_type
from storefront.catalogue.models import ProductVariantChannelListing
from storefront.graphql.account.types import Address
from storefront.graphql.channel.types import Channel
from storefront.graphql.core.context import with_channel
from storefront.graphql.core.types import Money
from storefront.graphql.order.types import Order, order_queryset
from storefront.graphql.product.types import ProductVariant
from storefront.orders.models import Order as OrderModel
from storefront.subscriptions.errors import SubscriptionErrorCode
from storefront.subscriptions.models import (
    Interval,
    SubscriptionEventType,
    SubscriptionOrder,
    SubscriptionStatus,
)
from storefront.subscriptions.pricing import (
    interval_label,
    plan_discounts_for_products,
    subscribe_and_save_amount,
)

SUBSCRIPTION_TYPE = "CustomerSubscription"
LINE_TYPE = "SubscriptionLine"
EVENT_TYPE = "SubscriptionEvent"

# Attributes set on model instances by ``subscriptions_prepare``.
_PRICED = "_gql_priced"
_UNIT = "_gql_unit_amount"
_LIST_PRICE = "_gql_list_amount"

PRICE_FIELDS = {"unitPrice", "undiscountedUnitPrice", "totalPrice", "subtotal"}
VARIANT_PRICE_FIELDS = {"pricing"}


def _choices_enum(name: str, choices: Any, description: str) -> Any:
    return graphene.Enum(
        name,
        [(member.name, member.value) for member in choices],
        description=description,
    )


SubscriptionStatusEnum = _choices_enum(
    "SubscriptionStatusEnum",
    SubscriptionStatus,
    "Where a subscription stands: ACTIVE renews on its date, PAUSED waits until "
    "`pausedUntil`, PAST_DUE has a refused payment that is being retried, "
    "CANCELLED is over.",
)
SubscriptionIntervalEnum = _choices_enum(
    "SubscriptionIntervalEnum",
    Interval,
    "How often a subscription renews: every 2, 4 or 8 weeks, monthly, or yearly "
    "(membership only).",
)
SubscriptionEventTypeEnum = _choices_enum(
    "SubscriptionEventTypeEnum",
    SubscriptionEventType,
    "What happened to a subscription.",
)
SubscriptionErrorCodeEnum = graphene.Enum.from_enum(
    SubscriptionErrorCode,
    description="Codes of subscription errors (the subscriptions domain's codes).",
)
SubscriptionError = error_type(
    "SubscriptionError",
    SubscriptionErrorCodeEnum,
    "A problem with a subscription change: the input field it concerns, a code and "
    "a message to show.",
)


def enum_value(value: Any) -> Any:
    """The plain value of a GraphQL enum argument (graphene passes enum members)."""
    return getattr(value, "value", value)


# --- loading a page of subscriptions ------------------------------------------------


def _attach_prices(subscriptions: list[Any]) -> None:
    """Today's channel price and the subscribe-and-save price of every line.

    One query for the channel prices of all lines and one per distinct channel
    for the plan discounts, the same rule a renewal charges by.
    """
    by_channel: dict[int, list[Any]] = defaultdict(list)
    for subscription in subscriptions:
        by_channel[subscription.channel_id].extend(subscription.lines.all())
    if not by_channel:
        return
    wanted = Q(pk__in=[])
    for channel_id, lines in by_channel.items():
        wanted |= Q(
            channel_id=channel_id, variant_id__in={line.variant_id for line in lines}
        )
    prices = {
        (row["channel_id"], row["variant_id"]): row["price_amount"]
        for row in ProductVariantChannelListing.objects.filter(wanted).values(
            "channel_id", "variant_id", "price_amount"
        )
    }
    currencies = {s.channel_id: s.channel.currency_code for s in subscriptions}
    for channel_id, lines in by_channel.items():
        discounts = plan_discounts_for_products(
            channel_id=channel_id,
            product_ids=[line.variant.product_id for line in lines],
        )
        currency = currencies[channel_id]
        for line in lines:
            price = prices.get((channel_id, line.variant_id))
            setattr(line, _LIST_PRICE, price)
            setattr(
                line,
                _UNIT,
                None
                if price is None
                else subscribe_and_save_amount(
                    price,
                    discount_percent=discounts.get(line.variant.product_id),
                    currency=currency,
                ),
            )
            # ProductVariant.pricing reads these, as on the product pages.
            line.variant.price_amount = price
            line.variant.currency = currency if price is not None else None
    for subscription in subscriptions:
        setattr(subscription, _PRICED, True)


def subscriptions_prepare(
    subscriptions: Iterable[Any], *, fields: set[str]
) -> list[Any]:
    """Load what the selected ``fields`` need for a page of subscriptions at once.

    Lines and variants come loaded from the selectors; this adds prices (when a
    price is selected), events and orders (when selected), each in a fixed number
    of queries for the whole page, and tells every variant its channel.
    """
    page = list(subscriptions)
    if not page:
        return page
    for subscription in page:
        for line in subscription.lines.all():
            line.subscription = subscription
            with_channel(line.variant, subscription.channel)
    if fields & (PRICE_FIELDS | VARIANT_PRICE_FIELDS):
        _attach_prices(page)
    lookups: list[Any] = []
    if "events" in fields:
        lookups.append("events")
    if "orders" in fields:
        lookups.append(
            Prefetch(
                "subscription_orders",
                queryset=SubscriptionOrder.objects.prefetch_related(
                    Prefetch("order", queryset=order_queryset(OrderModel.objects.all()))
                ),
            )
        )
    if lookups:
        prefetch_related_objects(page, *lookups)
    return page


def _ensure_priced(line: Any) -> None:
    subscription = line.subscription
    if not getattr(subscription, _PRICED, False):
        _attach_prices([subscription])


def _money(amount: Decimal | None, currency: str) -> PricesMoney | None:
    return None if amount is None else PricesMoney(amount, currency)


# --- types ---------------------------------------------------------------------------


class SubscriptionLine(graphene.ObjectType):
    """A product option ordered at every renewal, at its subscribe-and-save price."""

    id = graphene.ID(
        required=True, description="Global id, for `subscriptionLineUpdate`."
    )
    variant = graphene.Field(
        ProductVariant, required=True, description="The product option ordered."
    )
    quantity = graphene.Int(required=True, description="Units ordered each renewal.")
    unit_price = graphene.Field(
        Money,
        description="Price of one unit after the subscribe-and-save discount, at "
        "today's channel price (before tax and delivery). Null when the option is "
        "no longer sold in the channel.",
    )
    undiscounted_unit_price = graphene.Field(
        Money, description="Today's channel price of one unit, before the discount."
    )
    total_price = graphene.Field(
        Money, description="`unitPrice` times the quantity, or null."
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id(LINE_TYPE, root.pk)

    @staticmethod
    def resolve_unit_price(root: Any, info: Any) -> PricesMoney | None:
        _ensure_priced(root)
        return _money(getattr(root, _UNIT), root.subscription.channel.currency_code)

    @staticmethod
    def resolve_undiscounted_unit_price(root: Any, info: Any) -> PricesMoney | None:
        _ensure_priced(root)
        return _money(
            getattr(root, _LIST_PRICE), root.subscription.channel.currency_code
        )

    @staticmethod
    def resolve_total_price(root: Any, info: Any) -> PricesMoney | None:
        _ensure_priced(root)
        unit = getattr(root, _UNIT)
        return _money(
            None if unit is None else unit * root.quantity,
            root.subscription.channel.currency_code,
        )


class SubscriptionEventParameter(graphene.ObjectType):
    """One detail of an event, e.g. `until` of a pause."""

    key = graphene.String(required=True, description="Name of the detail.")
    value = graphene.String(required=True, description="Its value, as text.")


class SubscriptionEvent(graphene.ObjectType):
    """Something that happened to a subscription: a renewal, a skip, a pause, …"""

    id = graphene.ID(required=True, description="Global id.")
    date = graphene.DateTime(required=True, description="When it happened.")
    type = graphene.Field(
        SubscriptionEventTypeEnum, required=True, description="What happened."
    )
    message = graphene.String(
        required=True, description="What happened, in plain words."
    )
    parameters = graphene.List(
        graphene.NonNull(SubscriptionEventParameter),
        required=True,
        description="Details, such as the skipped date or the new frequency.",
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id(EVENT_TYPE, root.pk)

    @staticmethod
    def resolve_date(root: Any, info: Any) -> Any:
        return root.created_at

    @staticmethod
    def resolve_message(root: Any, info: Any) -> str:
        return str(root.get_type_display())

    @staticmethod
    def resolve_parameters(root: Any, info: Any) -> list[dict[str, str]]:
        return [
            {"key": str(key), "value": str(value)}
            for key, value in sorted((root.parameters or {}).items())
        ]


class CustomerSubscription(graphene.ObjectType):
    """Goods (or member access) ordered again every interval and charged to a saved
    card; the customer manages it with the `subscription…` mutations."""

    id = graphene.ID(
        required=True, description="Global id (base64 of `CustomerSubscription:<pk>`)."
    )
    status = graphene.Field(
        SubscriptionStatusEnum, required=True, description="Where it stands."
    )
    channel = graphene.Field(
        Channel, required=True, description="The channel it is priced in."
    )
    interval = graphene.Field(
        SubscriptionIntervalEnum, required=True, description="How often it renews."
    )
    interval_label = graphene.String(
        required=True, description='The interval in words, e.g. "every 4 weeks".'
    )
    is_membership = graphene.Boolean(
        required=True, description="Whether it is the paid member access plan."
    )
    lines = graphene.List(
        graphene.NonNull(SubscriptionLine),
        required=True,
        description="What each renewal orders.",
    )
    subtotal = graphene.Field(
        Money,
        description="Sum of the lines' prices after the discount, before tax and "
        "delivery; null when a line is no longer sold.",
    )
    shipping_address = graphene.Field(
        Address, description="Where renewals are delivered; null for a membership."
    )
    started_on = graphene.Date(required=True, description="When it started.")
    next_renewal_date = graphene.Date(
        required=True,
        description="When the next renewal is ordered and charged (while active).",
    )
    paid_until = graphene.Date(
        required=True, description="End of the last period paid for."
    )
    paused_until = graphene.Date(
        description="While paused: the day it becomes active again."
    )
    cancel_reason = graphene.String(
        description="The reason given when it was cancelled, or null."
    )
    cancelled_at = graphene.DateTime(description="When it was cancelled, or null.")
    card_label = graphene.String(
        description='The saved card, e.g. "card ending 4242", or null.'
    )
    events = graphene.List(
        graphene.NonNull(SubscriptionEvent),
        required=True,
        description="Its history, newest first.",
    )
    orders = graphene.List(
        graphene.NonNull(Order),
        required=True,
        description="Orders it produced (the first order and each renewal), newest "
        "first.",
    )

    @staticmethod
    def resolve_id(root: Any, info: Any) -> str:
        return to_global_id(SUBSCRIPTION_TYPE, root.pk)

    @staticmethod
    def resolve_interval_label(root: Any, info: Any) -> str:
        return interval_label(root.interval)

    @staticmethod
    def resolve_lines(root: Any, info: Any) -> list[Any]:
        lines = list(root.lines.all())
        for line in lines:
            line.subscription = root
            with_channel(line.variant, root.channel)
        return lines

    @staticmethod
    def resolve_subtotal(root: Any, info: Any) -> PricesMoney | None:
        lines = list(root.lines.all())
        if not getattr(root, _PRICED, False):
            _attach_prices([root])
        total = Decimal(0)
        for line in lines:
            unit = getattr(line, _UNIT, None)
            if unit is None:
                return None
            total += unit * line.quantity
        return PricesMoney(total, root.channel.currency_code)

    @staticmethod
    def resolve_shipping_address(root: Any, info: Any) -> Any:
        return root.shipping_address

    @staticmethod
    def resolve_cancel_reason(root: Any, info: Any) -> str | None:
        return root.cancel_reason or None

    @staticmethod
    def resolve_card_label(root: Any, info: Any) -> str | None:
        return root.card_label or None

    @staticmethod
    def resolve_events(root: Any, info: Any) -> list[Any]:
        return list(root.events.all())

    @staticmethod
    def resolve_orders(root: Any, info: Any) -> list[Any]:
        return [link.order for link in root.subscription_orders.all()]


CustomerSubscriptionCountableConnection = connection_type(
    SUBSCRIPTION_TYPE,
    CustomerSubscription,
    description="A page of the customer's subscriptions.",
)


class SubscriptionIntervalOption(graphene.ObjectType):
    """An interval a plan offers."""

    interval = graphene.Field(
        SubscriptionIntervalEnum, required=True, description="The interval."
    )
    label = graphene.String(
        required=True, description='In words, e.g. "every 4 weeks".'
    )


class SubscriptionPlan(graphene.ObjectType):
    """Subscribe-and-save for a product in a channel: the intervals offered and the
    discount taken off the channel price at every order."""

    discount_percent = graphene.Float(
        required=True, description="Percent taken off the price, e.g. 10.0."
    )
    intervals = graphene.List(
        graphene.NonNull(SubscriptionIntervalOption),
        required=True,
        description="Intervals to choose from, for `checkoutSubscriptionLineAdd`.",
    )
    is_membership = graphene.Boolean(
        required=True, description="Whether it is the member access plan."
    )

    @staticmethod
    def resolve_discount_percent(root: Any, info: Any) -> float:
        return float(root.discount_percent)

    @staticmethod
    def resolve_intervals(root: Any, info: Any) -> list[dict[str, str]]:
        return [
            {"interval": option.value, "label": option.label} for option in root.options
        ]

    @staticmethod
    def resolve_is_membership(root: Any, info: Any) -> bool:
        return bool(root.plan.is_membership)


class Membership(graphene.ObjectType):
    """Paid member access to the members-only articles."""

    active = graphene.Boolean(
        required=True, description="Whether member access is granted today."
    )
    until = graphene.Date(
        description="While active: the day access ends unless it renews (the end "
        "of the last period paid for). Null when not active."
    )
