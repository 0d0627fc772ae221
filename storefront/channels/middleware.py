from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from storefront.channels.services import shopper_region_resolve


class ShopperRegionMiddleware:
    """Attach ``request.shopper_region``, resolved only when something reads it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.shopper_region = SimpleLazyObject(  # type: ignore[attr-defined]
            lambda: shopper_region_resolve(session=request.session)
        )
        return self.get_response(request)
