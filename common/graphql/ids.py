"""Relay global ids as Saleor writes them: base64 of ``"<Type>:<pk>"``."""

import base64
import binascii

from graphql import GraphQLError


def to_global_id(type_name: str, pk: object) -> str:
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()


def from_global_id(global_id: str) -> tuple[str, str]:
    """Split a global id into (type name, pk); raise GraphQLError if malformed."""
    try:
        decoded = base64.b64decode(global_id, validate=True).decode()
        type_name, _, pk = decoded.partition(":")
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise GraphQLError(f"Couldn't resolve id: {global_id}.") from exc
    if not type_name or not pk:
        raise GraphQLError(f"Couldn't resolve id: {global_id}.")
    return type_name, pk


INTEGER_KEYED = frozenset(
    {
        "Address",
        "Attribute",
        "AttributeValue",
        "Category",
        "CheckoutLine",
        "Collection",
        "CustomerSubscription",
        "Fulfillment",
        "FulfillmentLine",
        "OrderLine",
        "Page",
        "Product",
        "ProductMedia",
        "ProductType",
        "ProductVariant",
        "ShippingMethod",
        "SubscriptionLine",
        "User",
    }
)
"""Types whose rows are keyed by a number; other ids hold tokens or slugs."""

_MAX_KEY_DIGITS = 18  # below PostgreSQL's bigint limit


def pk_from_global_id(global_id: str, *, expected: str | tuple[str, ...]) -> str:
    """The pk inside a global id of the expected type.

    Raises:
        GraphQLError: when the id is malformed, names another type, or holds no
            number where the type's rows are keyed by one.
    """
    type_name, pk = from_global_id(global_id)
    allowed = (expected,) if isinstance(expected, str) else expected
    if type_name not in allowed:
        raise GraphQLError(
            f"Must receive a {' or '.join(allowed)} id, got one of {type_name}."
        )
    if type_name in INTEGER_KEYED and not (
        pk.isascii() and pk.isdigit() and len(pk) <= _MAX_KEY_DIGITS
    ):
        raise GraphQLError(f"Couldn't resolve id: {global_id}.")
    return pk


def pk_or_none(global_id: str, *, expected: str | tuple[str, ...]) -> str | None:
    """Like ``pk_from_global_id`` but ``None`` instead of an error."""
    try:
        return pk_from_global_id(global_id, expected=expected)
    except GraphQLError:
        return None
