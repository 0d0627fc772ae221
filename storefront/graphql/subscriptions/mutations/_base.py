"""What the subscription mutations share: the owner check and the payload."""

from typing import Any

import graphene
from django.core.exceptions import ValidationError

from common.graphql.mutations import BaseMutation
from storefront.graphql.core.context import current_user, requested_fields
from storefront.graphql.subscriptions.queries import subscription_for_user
from storefront.graphql.subscriptions.types import (
    CustomerSubscription,
    SubscriptionError,
    SubscriptionErrorCodeEnum,
    subscriptions_prepare,
)
from storefront.subscriptions.errors import SubscriptionErrorCode
from storefront.subscriptions.selectors import subscription_get_for_user


def not_found(field: str, global_id: object) -> ValidationError:
    return ValidationError(
        {
            field: ValidationError(
                "Couldn't find a subscription of yours with id %(id)s.",
                code=SubscriptionErrorCode.NOT_FOUND.value,
                params={"id": repr(global_id)},
            )
        }
    )


class SubscriptionMutation(BaseMutation):
    """Changes one of the signed-in customer's subscriptions through one service.

    Permission: a signed-in customer, and only on their own subscriptions. Anyone
    else, and anonymous callers, get NOT_FOUND on ``id``, exactly as for an id
    that does not exist, so the answer never tells whether a subscription exists.
    """

    class Meta:
        abstract = True

    subscription = graphene.Field(
        CustomerSubscription, description="The subscription after the change."
    )
    errors = graphene.List(
        graphene.NonNull(SubscriptionError),
        required=True,
        description="What went wrong; empty on success.",
    )

    error_code_enum = SubscriptionErrorCodeEnum

    @classmethod
    def owned_subscription(cls, info: Any, global_id: str, field: str = "id") -> Any:
        """The caller's own subscription, or NOT_FOUND on ``field``.

        Raises:
            ValidationError: NOT_FOUND when signed out, for a malformed or unknown
                id, and for someone else's subscription.
        """
        subscription = subscription_for_user(info, global_id)
        if subscription is None:
            raise not_found(field, global_id)
        return subscription

    @classmethod
    def payload(cls, info: Any, subscription: Any, **extra: Any) -> Any:
        """The payload with the subscription read again, loaded for the selection."""
        fresh = subscription_get_for_user(user=current_user(info), pk=subscription.pk)
        prepared = (
            subscriptions_prepare([fresh], fields=requested_fields(info))[0]
            if fresh is not None
            else None
        )
        return cls(subscription=prepared, errors=[], **extra)
