"""Reads for the subscription pages, the product page, staff figures and access."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone
from prices import Money

from common.money import quantize_price
from storefront.catalogue.models import (
    ProductChannelListing,
    ProductVariantChannelListing,
)
from storefront.channels.models import Channel
from storefront.subscriptions.models import (
    Subscription,
    SubscriptionLine,
    SubscriptionOrder,
    SubscriptionPlan,
    SubscriptionStatus,
)
from storefront.subscriptions.pricing import (
    interval_label,
    plan_discounts_by_channel,
    plan_discounts_for_products,
    renewals_per_month,
    subscribe_and_save_amount,
)


@dataclass(frozen=True)
class PlanOption:
    value: str
    label: str


@dataclass(frozen=True)
class PlanOffer:
    """What the product page offers: the discount and the intervals to choose from."""

    plan: SubscriptionPlan
    discount_percent: Decimal
    options: tuple[PlanOption, ...]


def plan_offer_for_product(*, product_id: int, channel_id: int) -> PlanOffer | None:
    """The subscribe-and-save offer of a product in a channel, or None (one query)."""
    plan = SubscriptionPlan.objects.filter(
        product_id=product_id, channel_id=channel_id, is_active=True
    ).first()
    return _plan_offer(plan)


def plan_offers_for_products(
    *, channel_id: int, product_ids: Iterable[int]
) -> dict[int, PlanOffer]:
    """The subscribe-and-save offers of some products in a channel (one query)."""
    offers = {}
    plans = SubscriptionPlan.objects.filter(
        channel_id=channel_id, product_id__in=set(product_ids), is_active=True
    )
    for plan in plans:
        offer = _plan_offer(plan)
        if offer is not None:
            offers[plan.product_id] = offer
    return offers


def subscription_interval_choices(
    *, subscription: Subscription
) -> list[tuple[str, str]]:
    """The frequencies every line's plan offers, as (value, label) (one query).

    Empty when a line has no active plan any more.
    """
    product_ids = {line.variant.product_id for line in subscription.lines.all()}
    offers = plan_offers_for_products(
        channel_id=subscription.channel_id, product_ids=product_ids
    )
    intervals: list[tuple[str, str]] | None = None
    for offer in offers.values():
        values = [(o.value, o.label) for o in offer.options]
        intervals = (
            values if intervals is None else [v for v in intervals if v in values]
        )
    return intervals or []


def plan_offers_for_channel(*, channel_id: int) -> dict[int, PlanOffer]:
    """Every product's subscribe-and-save offer in a channel, by product id (one query).

    For pages and API lists of many products, instead of a query per product.
    """
    offers = {}
    for plan in SubscriptionPlan.objects.filter(channel_id=channel_id, is_active=True):
        offer = _plan_offer(plan)
        if offer is not None:
            offers[plan.product_id] = offer
    return offers


def _plan_offer(plan: SubscriptionPlan | None) -> PlanOffer | None:
    if plan is None or not plan.intervals:
        return None
    return PlanOffer(
        plan=plan,
        discount_percent=plan.discount_percent.normalize(),
        options=tuple(
            PlanOption(value=value, label=interval_label(value))
            for value in plan.intervals
            if interval_label(value)
        ),
    )


def _subscription_queryset() -> QuerySet[Subscription]:
    return Subscription.objects.select_related(
        "channel", "shipping_address", "shipping_method"
    ).prefetch_related(
        Prefetch(
            "lines",
            queryset=SubscriptionLine.objects.select_related("variant__product"),
        )
    )


def subscription_list_for_user(*, user: Any) -> list[Subscription]:
    """The customer's subscriptions, newest first, lines loaded (three queries)."""
    if user is None or not user.is_authenticated:
        return []
    return list(_subscription_queryset().filter(user_id=user.pk))


def subscription_get_for_user(*, user: Any, pk: object) -> Subscription | None:
    """One of the customer's subscriptions with its orders and events, or None."""
    if user is None or not user.is_authenticated:
        return None
    try:
        key = int(str(pk))
    except ValueError:
        return None
    return (
        _subscription_queryset()
        .prefetch_related(
            Prefetch(
                "subscription_orders",
                queryset=SubscriptionOrder.objects.select_related("order"),
            ),
            "events",
            # The detail page offers each line's other options.
            "lines__variant__product__variants",
        )
        .filter(user_id=user.pk, pk=key)
        .first()
    )


@dataclass(frozen=True)
class LinePrice:
    line: SubscriptionLine
    unit_amount: Decimal | None
    currency: str


def subscription_line_prices(*, subscription: Subscription) -> list[LinePrice]:
    """Each line with its subscribe-and-save unit price today (two queries)."""
    lines = list(subscription.lines.all())
    channel = subscription.channel
    listings = {
        listing.variant_id: listing.price_amount
        for listing in ProductVariantChannelListing.objects.filter(
            channel=channel, variant_id__in=[line.variant_id for line in lines]
        )
    }
    discounts = plan_discounts_for_products(
        channel_id=channel.pk,
        product_ids={line.variant.product_id for line in lines},
    )
    result = []
    for line in lines:
        price = listings.get(line.variant_id)
        result.append(
            LinePrice(
                line=line,
                unit_amount=None
                if price is None
                else subscribe_and_save_amount(
                    price,
                    discount_percent=discounts.get(line.variant.product_id),
                    currency=channel.currency_code,
                ),
                currency=channel.currency_code,
            )
        )
    return result


def membership_is_active(user: Any, on: datetime | date | None = None) -> bool:
    """Whether ``user`` holds a paid membership period that covers ``on``.

    A membership counts from its start until the end of the last period paid for,
    also after it was cancelled (access runs to the end of what was paid).
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    if on is None:
        day = timezone.localdate()
    elif isinstance(on, datetime):
        day = timezone.localdate(on) if timezone.is_aware(on) else on.date()
    else:
        day = on
    return Subscription.objects.filter(
        user_id=user.pk,
        is_membership=True,
        started_on__lte=day,
        paid_until__gt=day,
    ).exists()


@dataclass(frozen=True)
class MembershipPlan:
    """One way to become a member in one channel: a product, how often, what price."""

    channel_id: int
    channel_name: str
    product_slug: str
    name: str
    variant_id: int
    interval: str
    interval_label: str
    price: Money
    benefits: tuple[str, ...]
    description: str


@dataclass(frozen=True)
class MembershipOffer:
    """The membership page: the shopper's channel's plans and every channel's."""

    plans: tuple[MembershipPlan, ...]
    by_channel: tuple[tuple[str, tuple[MembershipPlan, ...]], ...]

    @property
    def included(self) -> tuple[str, ...]:
        """What every plan of the shopper's channel includes, in a stable order."""
        seen: dict[str, None] = {}
        for plan in self.plans:
            seen.update(dict.fromkeys(plan.benefits))
        return tuple(seen)


def membership_offer(*, channel_id: int) -> MembershipOffer:
    """The membership plans on sale in every channel, the shopper's channel first.

    A plan counts when it is an active membership plan whose product is published
    in the channel and priced there. One query whatever the number of plans;
    plans run from the shortest interval to the longest.
    """
    prices = ProductVariantChannelListing.objects.filter(
        variant__product=OuterRef("product"), channel=OuterRef("channel")
    ).order_by("variant__sort_order", "variant_id")
    now = timezone.now()
    published = ProductChannelListing.objects.filter(
        product=OuterRef("product"), channel=OuterRef("channel"), is_published=True
    ).filter(Q(published_at__isnull=True) | Q(published_at__lte=now))
    rows = (
        SubscriptionPlan.objects.filter(
            Exists(published), is_membership=True, is_active=True
        )
        .annotate(
            price_amount=Subquery(prices.values("price_amount")[:1]),
            price_currency=Subquery(prices.values("currency")[:1]),
            variant_ref=Subquery(prices.values("variant_id")[:1]),
        )
        .filter(price_amount__isnull=False)
        .select_related("product", "channel")
        .order_by("channel__name", "channel_id", "product__name")
    )
    plans = []
    for row in rows:
        for interval in row.intervals or []:
            label = interval_label(interval)
            if not label:
                continue
            plans.append(
                MembershipPlan(
                    channel_id=row.channel_id,
                    channel_name=row.channel.name,
                    product_slug=row.product.slug,
                    name=row.product.name,
                    variant_id=row.variant_ref,
                    interval=interval,
                    interval_label=label,
                    price=Money(row.price_amount, row.price_currency),
                    benefits=tuple(str(b) for b in row.product.benefits or []),
                    description=row.product.description,
                )
            )
    plans.sort(key=lambda plan: -renewals_per_month(plan.interval))
    grouped: dict[int, list[MembershipPlan]] = {}
    names: dict[int, str] = {}
    for plan in plans:
        grouped.setdefault(plan.channel_id, []).append(plan)
        names[plan.channel_id] = plan.channel_name
    order = sorted(grouped, key=lambda pk: (pk != channel_id, names[pk], pk))
    return MembershipOffer(
        plans=tuple(grouped.get(channel_id, [])),
        by_channel=tuple((names[pk], tuple(grouped[pk])) for pk in order),
    )


@dataclass(frozen=True)
class ChannelFigures:
    channel: Channel
    active: int
    monthly_recurring_revenue: Decimal
    churned_last_30_days: int
    churn_rate_percent: Decimal


def subscription_figures(*, today: date | None = None) -> list[ChannelFigures]:
    """Per channel: active subscriptions, MRR and churn over the last 30 days.

    MRR sums, over active subscriptions, each line's subscribe-and-save price today
    (net as entered, delivery excluded) times its quantity, normalised to a month
    (every 2 weeks counts 26/12 per month, yearly 1/12). Churn is the share of
    subscriptions live 30 days ago that have been cancelled since. Four queries.
    """
    today = today or timezone.localdate()
    start = timezone.now() - timedelta(days=30)
    channels = list(Channel.objects.order_by("name"))
    currencies = {channel.pk: channel.currency_code for channel in channels}
    lines = list(
        SubscriptionLine.objects.filter(
            subscription__status=SubscriptionStatus.ACTIVE
        ).values(
            "subscription_id",
            "subscription__channel_id",
            "subscription__interval",
            "variant_id",
            "variant__product_id",
            "quantity",
        )
    )
    prices = {
        (row["channel_id"], row["variant_id"]): row["price_amount"]
        for row in ProductVariantChannelListing.objects.filter(
            variant_id__in={line["variant_id"] for line in lines}
        ).values("channel_id", "variant_id", "price_amount")
    }
    discounts = plan_discounts_by_channel()
    mrr: dict[int, Decimal] = {}
    active: dict[int, set[int]] = {}
    for line in lines:
        channel_id = line["subscription__channel_id"]
        active.setdefault(channel_id, set()).add(line["subscription_id"])
        price = prices.get((channel_id, line["variant_id"]))
        if price is None:
            continue
        unit = subscribe_and_save_amount(
            price,
            discount_percent=discounts.get((channel_id, line["variant__product_id"])),
            currency=currencies.get(channel_id, "USD"),
        )
        mrr[channel_id] = mrr.get(channel_id, Decimal(0)) + unit * line[
            "quantity"
        ] * renewals_per_month(line["subscription__interval"])
    churn_rows = Subscription.objects.filter(
        Q(cancelled_at__isnull=True) | Q(cancelled_at__gte=start),
        created_at__lt=start,
    ).values_list("channel_id", "cancelled_at")
    base: dict[int, int] = {}
    churned: dict[int, int] = {}
    for channel_id, cancelled_at in churn_rows:
        base[channel_id] = base.get(channel_id, 0) + 1
        if cancelled_at is not None:
            churned[channel_id] = churned.get(channel_id, 0) + 1
    figures = []
    for channel in channels:
        lost = churned.get(channel.pk, 0)
        live = base.get(channel.pk, 0)
        rate = (
            (Decimal(lost) * 100 / Decimal(live)).quantize(Decimal("0.1"))
            if live
            else Decimal("0.0")
        )
        figures.append(
            ChannelFigures(
                channel=channel,
                active=len(active.get(channel.pk, ())),
                monthly_recurring_revenue=quantize_price(
                    mrr.get(channel.pk, Decimal(0)), channel.currency_code
                ),
                churned_last_30_days=lost,
                churn_rate_percent=rate,
            )
        )
    return figures


def subscription_payment_customer_ref(*, user_id: int, gateway: str) -> str:
    """The provider's customer that a customer's earlier subscriptions pay as.

    Empty when none of them has one, so that a new card saves on a new customer.
    """
    ref = (
        Subscription.objects.filter(user_id=user_id, gateway=gateway)
        .exclude(payment_customer_ref="")
        .values_list("payment_customer_ref", flat=True)
        .first()
    )
    return str(ref or "")
