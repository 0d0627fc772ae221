from typing import cast

from django.db.models import QuerySet
from django_countries.fields import Country

from storefront.channels.models import Channel


def channel_list_active() -> QuerySet[Channel]:
    """Channels a shopper can choose, in a stable order."""
    return Channel.objects.filter(is_active=True).order_by("slug")


def channel_get_by_slug(slug: str) -> Channel | None:
    """The active channel with this slug, or ``None``."""
    return channel_list_active().filter(slug=slug).first()


def channel_allowed_countries(*, channel: Channel) -> list[str]:
    """The ISO codes of the countries a channel sells and ships to.

    A channel that lists none sells to its own country only.
    """
    # django-stubs types a multiple CountryField as text; it holds Country objects.
    listed = cast("list[Country]", channel.countries)
    return [country.code for country in listed] or [str(channel.default_country)]
