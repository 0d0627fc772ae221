"""A test client's shopper: in a channel's region, adding to the cart from a page."""

import re

from django.http import HttpResponse
from django.test import Client

from storefront.channels.services import SESSION_CHANNEL_KEY, SESSION_REGION_KEY


def shopper_in_region(client: Client, region: str, *, channel: str = "us") -> None:
    """Choose ``region`` of ``channel`` for ``client``'s shopper, as the region
    picker would."""
    session = client.session
    session[SESSION_CHANNEL_KEY] = channel
    session[SESSION_REGION_KEY] = region
    session.save()


def cart_add_with_page_token(
    client: Client, *, page: HttpResponse, variant: int
) -> int:
    """Post the page's add-to-cart form with the CSRF token the page carries, as
    the shopper's browser would; the response's status."""
    tokens = re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text)
    assert tokens, "no CSRF token on the page"
    added = client.post(
        "/cart/add/",
        {"variant": variant, "quantity": "1", "csrfmiddlewaretoken": tokens[0]},
    )
    return added.status_code
