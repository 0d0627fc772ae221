"""Putting a test client's shopper in a channel's region."""

from django.test import Client

from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY


def shopper_in_region(client: Client, region: str, *, channel: str = "us") -> None:
    """Choose ``region`` of ``channel`` for ``client``'s shopper, as the region
    picker would."""
    session = client.session
    session[SESSION_CHANNEL_KEY] = channel
    session[SESSION_REGION_KEY] = region
    session.save()
