"""Glue shared by the checkout mutations: ids in, the right checkout out."""

from typing import Any

from django.core.exceptions import ValidationError

from common.graphql.ids import pk_or_none
from storefront.checkout.selectors import checkout_get_by_token
from storefront.graphql.core.context import current_user

MAX_LIST_INPUT = 100


def _not_found(field: str, message: str) -> ValidationError:
    return ValidationError({field: ValidationError(message, code="not_found")})


def checkout_for_mutation(
    info: Any, global_id: str | None, *, field: str = "id"
) -> Any:
    """The checkout the caller may change.

    Raises:
        ValidationError: NOT_FOUND on ``field`` for a missing id, an unknown
            checkout, or a customer's checkout asked for by someone else.
    """
    token = pk_or_none(global_id or "", expected="Checkout")
    checkout = checkout_get_by_token(token=token)
    if checkout is None:
        raise _not_found(field, f"Couldn't find a checkout with id {global_id!r}.")
    user = current_user(info)
    if checkout.user_id is not None and (user is None or user.pk != checkout.user_id):
        raise _not_found(field, f"Couldn't find a checkout with id {global_id!r}.")
    return checkout


def pk_of(global_id: str | None, *, expected: str, field: str) -> str:
    """The pk inside a global id; NOT_FOUND on ``field`` if it is not one."""
    pk = pk_or_none(global_id or "", expected=expected)
    if pk is None:
        raise _not_found(field, f"Couldn't resolve to a {expected}: {global_id!r}.")
    return pk


def list_cap(items: list[Any] | None, *, field: str) -> list[Any]:
    """Refuse list inputs longer than 100 items."""
    items = list(items or [])
    if len(items) > MAX_LIST_INPUT:
        raise ValidationError(
            {
                field: ValidationError(
                    f"Send at most {MAX_LIST_INPUT} items at once.", code="invalid"
                )
            }
        )
    return items


def refuse_price_override(lines: list[dict]) -> None:
    """Prices come from the catalogue; a client may not set them."""
    for line in lines:
        if line.get("price") is not None:
            raise ValidationError(
                {
                    "price": ValidationError(
                        "Prices are set by the shop and cannot be overridden.",
                        code="invalid",
                    )
                }
            )


def reload(checkout: Any) -> Any:
    """The checkout read again after a change, with its related rows."""
    return checkout_get_by_token(token=checkout.token)
