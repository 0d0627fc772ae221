"""What a rule change touches in the shop, and acting on it.

The compliance package compares two rule sets over subjects described with
primitives; this adapter supplies the shop's subjects (published listings, live
subscriptions, orders not yet shipped) and carries out the consequences through
each domain's own services:

- a listing whose product becomes prohibited in every country of its channel, or
  whose text the new claims rules block, is unlisted; one newly prohibited in only
  some countries is flagged for staff;
- a subscription whose product may no longer ship to its address is paused, and the
  customer gets an email giving the reason;
- an order not yet fulfilled that may no longer ship is held for review.

Every action is claimed once per (versions, object, action) and audited once, so
running it again after a partial failure, or twice, changes nothing.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import transaction

from compliance.impact import ImpactChange, ImpactSubject, impact_action_record
from compliance.rules import RuleSet
from storefront.catalogue.models import ProductChannelListing
from storefront.catalogue.publication import channel_prohibition, product_claims_fields
from storefront.catalogue.services import product_unpublish
from storefront.orders.compliance import HOLDABLE, order_compliance_hold
from storefront.orders.models import Order
from storefront.subscriptions.models import Subscription
from storefront.subscriptions.services.compliance_pause import (
    PAUSABLE,
    subscription_compliance_pause,
)


def impact_subjects() -> Iterator[ImpactSubject]:
    """Every listing, subscription and open order, as primitives; fixed queries."""
    listings = (
        ProductChannelListing.objects.filter(is_published=True)
        .select_related("channel", "product__category")
        .prefetch_related(
            "product__variants__attribute_values",
            "product__attribute_values",
            "product__media",
            "product__collections",
        )
        .order_by("pk")
    )
    for listing in listings.iterator(chunk_size=500):
        product = listing.product
        channel = listing.channel
        yield ImpactSubject(
            kind="listing",
            object_id=str(listing.pk),
            label=f"{product.name} in {channel.name}",
            product_class=product.regulated_class,
            regions=tuple(sorted({str(c) for c in channel.countries})),
            regime=channel.claims_regime,
            texts=tuple(v for _, v in product_claims_fields(product=product)),
            extra={"product_id": str(product.pk), "channel_id": str(channel.pk)},
        )
    subscriptions = (
        Subscription.objects.filter(status__in=PAUSABLE)
        .prefetch_related("lines__variant__product")
        .order_by("pk")
    )
    for subscription in subscriptions.iterator(chunk_size=500):
        classes = {
            line.variant.product.regulated_class for line in subscription.lines.all()
        }
        for product_class in sorted(classes):
            yield ImpactSubject(
                kind="subscription",
                object_id=str(subscription.pk),
                label=f"Subscription #{subscription.pk} ({subscription.email})",
                product_class=product_class,
                regions=(subscription.region,) if subscription.region else (),
            )
    orders = (
        Order.objects.filter(status__in=HOLDABLE)
        .exclude(region="")
        .prefetch_related("lines")
        .order_by("pk")
    )
    for order in orders.iterator(chunk_size=500):
        classes = {line.regulated_class for line in order.lines.all()}
        for product_class in sorted(c for c in classes if c):
            yield ImpactSubject(
                kind="order",
                object_id=str(order.pk),
                label=f"Order {order.number or order.pk}",
                product_class=product_class,
                regions=(order.region,),
            )


def _listing_act(change: ImpactChange, after: RuleSet, run: "_Run") -> str | None:
    listing = (
        ProductChannelListing.objects.select_related("product", "channel")
        .filter(pk=change.object_id, is_published=True)
        .first()
    )
    if listing is None:
        return None
    product, channel = listing.product, listing.channel
    everywhere = channel_prohibition(
        product_class=product.regulated_class, channel=channel, rules=after
    )
    unlist = change.where.startswith("claims:") or everywhere is not None
    action = "unlist" if unlist else "flag"
    reason = (
        f"{product.name} may no longer be listed in {channel.name}: {change.reason}"
        if unlist
        else f"{product.name} in {channel.name}: {change.where} is now "
        f"{change.after}. {change.reason}"
    )
    with transaction.atomic():
        claimed = impact_action_record(
            object_type="listing",
            object_id=change.object_id,
            action=action,
            reason=reason,
            label=change.label,
            **run.claim,
        )
        if claimed and unlist:
            product_unpublish(product=product, channel=channel)
    return f"{action} listing {change.object_id}: {reason}" if claimed else None


class _NothingDone(Exception):
    """Rolls back an action's claim when the object no longer needs it."""


def _claim_and_act(
    change: ImpactChange,
    action: str,
    act: Callable[[int, str], bool],
    run: "_Run",
) -> str | None:
    reason = f"{change.reason} (rules version {run.to_version})"
    try:
        with transaction.atomic():
            claimed = impact_action_record(
                object_type=change.kind,
                object_id=change.object_id,
                action=action,
                reason=reason,
                label=change.label,
                **run.claim,
            )
            if not claimed:
                return None
            if not act(int(change.object_id), reason):
                raise _NothingDone
    except _NothingDone:
        return None
    return f"{action} {change.kind} {change.object_id}: {reason}"


def _subscription_act(change: ImpactChange, run: "_Run") -> str | None:
    return _claim_and_act(
        change,
        "pause",
        lambda pk, reason: subscription_compliance_pause(
            subscription_id=pk, reason=reason
        ),
        run,
    )


def _order_act(change: ImpactChange, run: "_Run") -> str | None:
    return _claim_and_act(
        change,
        "hold",
        lambda pk, reason: order_compliance_hold(
            order_id=pk, reason=reason, rules_version=run.to_version
        ),
        run,
    )


@dataclass(frozen=True)
class _Run:
    from_version: str
    to_version: str
    actor_id: int | None
    actor_label: str

    @property
    def claim(self) -> dict[str, Any]:
        """The arguments every ``impact_action_record`` of this run shares."""
        return {
            "from_version": self.from_version,
            "to_version": self.to_version,
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
        }


def impact_act(
    changes: Iterable[ImpactChange],
    *,
    after: RuleSet,
    from_version: str,
    to_version: str,
    actor_id: int | None = None,
    actor_label: str = "system",
) -> list[tuple[ImpactChange, str]]:
    """Carry out what the changes call for; each action actually taken, as the
    change it answers and one line saying what was done.

    Only changes that tighten a decision act; a loosened one (a ban lifted) is left
    to staff, who see it in the report.
    """
    run = _Run(from_version, to_version, actor_id, actor_label)
    done: list[tuple[ImpactChange, str]] = []
    for change in changes:
        if not change.tightened:
            continue
        if change.kind == "listing":
            line = _listing_act(change, after, run)
        elif change.kind == "subscription" and change.after == "prohibited":
            line = _subscription_act(change, run)
        elif change.kind == "order" and change.after == "prohibited":
            line = _order_act(change, run)
        else:
            line = None
        if line:
            done.append((change, line))
    return done
