"""Per-request context: the channel a query is about, and the signed-in user."""

from typing import Any

from django.conf import settings
from graphql import GraphQLError

from storefront.channels.models import Channel
from storefront.channels.selectors import channel_get_by_slug

CHANNEL_ATTR = "_gql_channel"


def resolve_channel(info: Any, slug: str | None) -> Channel:
    """The channel named by ``slug``; without one, the shopper's or the default.

    Raises:
        GraphQLError: when no active channel has that slug.
    """
    request = info.context
    cache: dict[str | None, Channel] = request.__dict__.setdefault("_gql_channels", {})
    if slug in cache:
        return cache[slug]
    channel: Channel | None
    if slug:
        channel = channel_get_by_slug(slug)
        if channel is None:
            raise GraphQLError(f"Channel with '{slug}' slug does not exist.")
    else:
        region = getattr(request, "shopper_region", None)
        channel = getattr(region, "channel", None)
        if channel is None:
            channel = channel_get_by_slug(settings.STOREFRONT_DEFAULT_CHANNEL)
        if channel is None:
            raise GraphQLError("No channel is configured; pass the `channel` argument.")
    cache[slug] = channel
    return channel


def with_channel(obj: Any, channel: Channel | None) -> Any:
    """Remember on ``obj`` which channel its prices and availability are for."""
    if obj is not None:
        setattr(obj, CHANNEL_ATTR, channel)
    return obj


def channel_of(obj: Any) -> Channel | None:
    return getattr(obj, CHANNEL_ATTR, None)


def current_user(info: Any) -> Any:
    """The signed-in user (session or JWT), or ``None``."""
    user = getattr(info.context, "user", None)
    return user if user is not None and user.is_authenticated else None


def requested_fields(info: Any, *, deep: bool = True) -> set[str]:
    """Names of every field selected below the current one (fragments included);
    with ``deep`` false, only of the fields directly below it."""
    from graphql.language import FieldNode, FragmentSpreadNode, InlineFragmentNode

    names: set[str] = set()
    fragments = info.fragments

    def walk(selection_set: Any) -> None:
        if selection_set is None:
            return
        for selection in selection_set.selections:
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
                if deep:
                    walk(selection.selection_set)
            elif isinstance(selection, InlineFragmentNode):
                walk(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                fragment = fragments.get(selection.name.value)
                if fragment is not None:
                    walk(fragment.selection_set)

    for node in info.field_nodes:
        walk(node.selection_set)
    return names
