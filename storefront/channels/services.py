"""Choosing where a shopper shops: the channel (currency) and the region (law)."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ValidationError

from storefront.channels.errors import ChannelErrorCode
from storefront.channels.models import Channel
from storefront.channels.regions import region_is_valid, region_name
from storefront.channels.selectors import (
    channel_allowed_countries,
    channel_get_by_slug,
    channel_list_active,
)

SESSION_CHANNEL_KEY = "shop_channel"
SESSION_REGION_KEY = "shop_region"


@dataclass(frozen=True)
class ShopperRegion:
    """The channel whose prices a shopper sees and the region whose law applies."""

    channel: Channel
    region: str
    chosen: bool

    @property
    def country(self) -> str:
        return self.region.split("-", 1)[0]

    @property
    def name(self) -> str:
        return region_name(self.region)


def shopper_region_resolve(*, session: SessionBase) -> ShopperRegion:
    """The shopper's remembered choice, or the default channel and its country.

    A remembered choice that is no longer valid (a channel switched off) falls back to
    the default rather than failing the page.
    """
    channel = None
    slug = session.get(SESSION_CHANNEL_KEY)
    if slug:
        channel = channel_get_by_slug(slug)
    chosen = channel is not None
    if channel is None:
        channel = channel_get_by_slug(settings.STOREFRONT_DEFAULT_CHANNEL)
    if channel is None:
        channel = next(iter(channel_list_active()), None)
    if channel is None:
        raise Channel.DoesNotExist("No active channel is configured.")
    region = session.get(SESSION_REGION_KEY) if chosen else None
    if not region or not _region_in_channel(region, channel):
        region = str(channel.default_country)
        chosen = False
    return ShopperRegion(channel=channel, region=region, chosen=chosen)


def shopper_region_choose(
    *, session: SessionBase, channel_slug: str, region: str
) -> ShopperRegion:
    """Remember the shopper's channel and region in their session.

    Raises:
        ValidationError: naming ``channel`` or ``region`` when either is unknown, or
            when the region is not one the channel sells to.
    """
    channel = channel_get_by_slug(channel_slug)
    if channel is None:
        raise ValidationError(
            {
                "channel": ValidationError(
                    "Choose one of the shop's channels.",
                    code=ChannelErrorCode.NOT_FOUND.value,
                )
            }
        )
    region = (region or "").strip().upper()
    if not region_is_valid(region):
        raise ValidationError(
            {
                "region": ValidationError(
                    "Choose a country or state from the list.",
                    code=ChannelErrorCode.INVALID_REGION.value,
                )
            }
        )
    if not _region_in_channel(region, channel):
        raise ValidationError(
            {
                "region": ValidationError(
                    "The %(channel)s channel does not sell to %(region)s.",
                    code=ChannelErrorCode.REGION_OUTSIDE_CHANNEL.value,
                    params={"channel": channel.name, "region": region_name(region)},
                )
            }
        )
    session[SESSION_CHANNEL_KEY] = channel.slug
    session[SESSION_REGION_KEY] = region
    return ShopperRegion(channel=channel, region=region, chosen=True)


def _region_in_channel(region: str, channel: Channel) -> bool:
    # A region remembered before the offered list changed may no longer be one the
    # rules decide; it falls back to the channel's country instead of failing pages.
    if not region_is_valid(region):
        return False
    country = region.split("-", 1)[0]
    codes = set(channel_allowed_countries(channel=channel))
    return country in codes
