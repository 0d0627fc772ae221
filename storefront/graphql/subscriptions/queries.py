"""Our additions to Saleor's ``User`` and ``Product`` types.

``User`` belongs to the account part of the API and ``Product`` to the catalogue
part; the subscription fields are added to them here, as new fields only, by
``subscription_fields_add`` (called once from ``storefront.graphql.schema`` before
the schema is built), so that neither module has to know about subscriptions.
"""

from typing import Any

import graphene
from django.utils import timezone

from common.graphql.connection import paginate
from common.graphql.ids import pk_or_none
from storefront.graphql.account.types import User
from storefront.graphql.core.context import (
    channel_of,
    current_user,
    requested_fields,
    resolve_channel,
)
from storefront.graphql.product.types import Product
from storefront.graphql.subscriptions.types import (
    SUBSCRIPTION_TYPE,
    CustomerSubscription,
    CustomerSubscriptionCountableConnection,
    Membership,
    SubscriptionPlan,
    subscriptions_prepare,
)
from storefront.subscriptions.selectors import (
    PlanOffer,
    membership_is_active,
    plan_offers_for_channel,
    subscription_get_for_user,
    subscription_list_for_user,
)

_PLANS_ATTR = "_gql_subscription_plans"


def _own(info: Any, user: Any) -> Any:
    """The signed-in user when ``user`` is them; subscriptions are nobody else's
    business (a ``User`` can also be reached through an order or a checkout)."""
    viewer = current_user(info)
    if viewer is None or user is None or viewer.pk != user.pk:
        return None
    return viewer


def resolve_user_subscriptions(
    root: Any, info: Any, first: int | None = None, after: str | None = None
) -> Any:
    user = _own(info, root)
    if user is None:
        return None
    fields = requested_fields(info)
    return paginate(
        subscription_list_for_user(user=user),
        connection_name="subscriptions",
        first=first,
        after=after,
        prepare=lambda rows: subscriptions_prepare(rows, fields=fields),
    )


def subscription_for_user(info: Any, global_id: str | None) -> Any:
    """One of the signed-in user's subscriptions by global id, or None."""
    user = current_user(info)
    pk = pk_or_none(global_id or "", expected=SUBSCRIPTION_TYPE)
    if user is None or pk is None:
        return None
    return subscription_get_for_user(user=user, pk=pk)


def resolve_user_subscription(root: Any, info: Any, id: str) -> Any:
    if _own(info, root) is None:
        return None
    subscription = subscription_for_user(info, id)
    if subscription is None:
        return None
    return subscriptions_prepare([subscription], fields=requested_fields(info))[0]


def resolve_user_membership(root: Any, info: Any) -> Any:
    user = _own(info, root)
    if user is None:
        return None
    if not membership_is_active(user):
        return {"active": False, "until": None}
    today = timezone.localdate()
    ends = [
        s.paid_until
        for s in subscription_list_for_user(user=user)
        if s.is_membership and s.started_on <= today < s.paid_until
    ]
    return {"active": True, "until": max(ends) if ends else None}


def _offers_in_channel(info: Any, channel_id: int) -> dict[int, PlanOffer]:
    """Offers of a channel by product id, loaded once per request, so a page of
    products asking for ``subscriptionPlan`` costs one query in all."""
    cache: dict[int, dict[int, PlanOffer]] = info.context.__dict__.setdefault(
        _PLANS_ATTR, {}
    )
    if channel_id not in cache:
        cache[channel_id] = plan_offers_for_channel(channel_id=channel_id)
    return cache[channel_id]


def resolve_product_subscription_plan(
    root: Any, info: Any, channel: str | None = None
) -> PlanOffer | None:
    selected = (
        resolve_channel(info, channel)
        if channel
        else channel_of(root) or resolve_channel(info, None)
    )
    return _offers_in_channel(info, selected.pk).get(root.pk)


def _field_add(object_type: type, name: str, field: graphene.Field) -> None:
    fields = object_type._meta.fields  # type: ignore[attr-defined]
    if name in fields:
        if getattr(fields[name], "_subscriptions_addition", False):
            return  # already added (module imported twice)
        raise RuntimeError(
            f"{object_type.__name__}.{name} exists; additions never replace a field."
        )
    field._subscriptions_addition = True  # type: ignore[attr-defined]
    fields[name] = field


def subscription_fields_add() -> None:
    """Add ``User.subscriptions``, ``User.subscription``, ``User.membership`` and
    ``Product.subscriptionPlan`` (before the schema is built)."""
    _field_add(
        User,
        "subscriptions",
        graphene.Field(
            CustomerSubscriptionCountableConnection,
            first=graphene.Int(),
            after=graphene.String(),
            resolver=resolve_user_subscriptions,
            description="The customer's subscriptions, newest first (at most 100 a "
            "page). Only for the signed-in customer themselves, through `me`; null "
            "otherwise.",
        ),
    )
    _field_add(
        User,
        "subscription",
        graphene.Field(
            CustomerSubscription,
            id=graphene.Argument(
                graphene.ID, required=True, description="The subscription's id."
            ),
            resolver=resolve_user_subscription,
            description="One of the signed-in customer's subscriptions, through `me`;"
            " null when it is not theirs or does not exist.",
        ),
    )
    _field_add(
        User,
        "membership",
        graphene.Field(
            Membership,
            resolver=resolve_user_membership,
            description="The customer's member access to members-only articles, "
            "through `me`; null for anyone else.",
        ),
    )
    _field_add(
        Product,
        "subscription_plan",
        graphene.Field(
            SubscriptionPlan,
            channel=graphene.String(
                description="Channel slug; default: the channel the product was "
                "read in."
            ),
            resolver=resolve_product_subscription_plan,
            description="Subscribe-and-save in the channel: intervals offered and "
            "the discount; null when the product is not sold on subscription there.",
        ),
    )
