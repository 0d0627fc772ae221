from typing import cast

from django_countries.fields import Country

from storefront.channels.cache import channels_active_cached
from storefront.channels.models import Channel


def channel_list_active() -> list[Channel]:
    """Channels a shopper can choose, in a stable order (cached per process)."""
    return list(channels_active_cached())


def channel_get_by_slug(slug: str) -> Channel | None:
    """The active channel with this slug, or ``None``.

    A slug missing from the cached list is looked up in the database, so a channel
    added by another process is found before the cache hears of it.
    """
    for channel in channels_active_cached():
        if channel.slug == slug:
            return channel
    return Channel.objects.filter(is_active=True, slug=slug).first()


def channel_allowed_countries(*, channel: Channel) -> list[str]:
    """The ISO codes of the countries a channel sells and ships to.

    A channel that lists none sells to its own country only.
    """
    # django-stubs types a multiple CountryField as text; it holds Country objects.
    listed = cast("list[Country]", channel.countries)
    return [country.code for country in listed] or [str(channel.default_country)]
