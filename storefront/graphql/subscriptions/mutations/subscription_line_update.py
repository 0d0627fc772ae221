"""`subscriptionLineUpdate`: change a line's quantity or product option."""

from typing import Any

import graphene

from common.graphql.ids import pk_or_none
from storefront.graphql.checkout.utils import pk_of
from storefront.graphql.core.context import current_user
from storefront.graphql.subscriptions.mutations._base import (
    SubscriptionMutation,
    not_found,
)
from storefront.graphql.subscriptions.types import LINE_TYPE, SubscriptionLine
from storefront.subscriptions.selectors import subscription_list_for_user
from storefront.subscriptions.services.self_service import subscription_line_change


class SubscriptionLineUpdate(SubscriptionMutation):
    """Change the quantity of a subscription line (1 to 50), or swap it for
    another option of the same product sold in the subscription's channel."""

    class Arguments:
        line_id = graphene.ID(required=True, description="The subscription line's id.")
        quantity = graphene.Int(
            description="Units each renewal; default: the line's current quantity."
        )
        variant_id = graphene.ID(
            description="Another option (variant) of the same product."
        )

    subscription_line = graphene.Field(
        SubscriptionLine, description="The line after the change."
    )

    error_field_map = {"line": "lineId", "variant": "variantId"}

    @classmethod
    def perform_mutation(cls, root: Any, info: Any, **data: Any) -> Any:
        line_pk = pk_or_none(data["line_id"], expected=LINE_TYPE)
        subscription, line = None, None
        if line_pk is not None and line_pk.isdigit():
            for candidate in subscription_list_for_user(user=current_user(info)):
                for candidate_line in candidate.lines.all():
                    if candidate_line.pk == int(line_pk):
                        subscription, line = candidate, candidate_line
        if subscription is None or line is None:
            raise not_found("line_id", data["line_id"])
        variant_id = data.get("variant_id")
        quantity = data.get("quantity")
        subscription_line_change(
            subscription=subscription,
            user=info.context.user,
            line_id=line.pk,
            quantity=line.quantity if quantity is None else quantity,
            variant_id=(
                None
                if variant_id is None
                else pk_of(variant_id, expected="ProductVariant", field="variantId")
            ),
        )
        payload = cls.payload(info, subscription)
        changed = payload.subscription and next(
            (li for li in payload.subscription.lines.all() if li.pk == line.pk), None
        )
        payload.subscription_line = changed
        return payload
