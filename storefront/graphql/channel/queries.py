"""Channel queries."""

from typing import Any

import graphene

from storefront.channels.selectors import channel_get_by_slug, channel_list_active
from storefront.graphql.channel.types import Channel


class ChannelQueries(graphene.ObjectType):
    channel = graphene.Field(
        Channel, slug=graphene.String(), description="An active channel by slug."
    )
    channels = graphene.List(graphene.NonNull(Channel), description="Active channels.")

    @staticmethod
    def resolve_channel(root: Any, info: Any, slug: str | None = None) -> Any:
        return channel_get_by_slug(slug) if slug else None

    @staticmethod
    def resolve_channels(root: Any, info: Any) -> list:
        return list(channel_list_active())
