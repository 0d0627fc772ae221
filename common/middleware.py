"""Request-wide middleware of the shared kernel."""

from collections.abc import Callable

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import render

from common.urls import request_origin

# The Wagtail staff admin (see ShopCSPMiddleware).
STAFF_EDITOR_PREFIX = "/admin/"
FORM_CONTENT_TYPES = {"application/x-www-form-urlencoded", "multipart/form-data"}
# How the shop's own forms label their fields; others are named as sent.
FIELD_LABELS = {
    "q": "Search",
    "topic": "Topic",
    "voucher_code": "Voucher code",
    "next": "Next page",
    "email": "Email",
}


class RequestOriginMiddleware:
    """Remember the address the request came to, for links built without it.

    Only the demo relies on it (STOREFRONT_BASE_URL empty); the host has passed
    ALLOWED_HOSTS by the time it is read.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if getattr(settings, "STOREFRONT_BASE_URL", ""):
            return self.get_response(request)
        try:
            origin = f"{request.scheme}://{request.get_host()}"
        except DisallowedHost:
            origin = ""
        token = request_origin.set(origin)
        try:
            return self.get_response(request)
        finally:
            request_origin.reset(token)


class RejectNulCharactersMiddleware:
    """Answer 400, naming the field, when a query or form value contains NUL.

    No text column can store the character (PostgreSQL refuses it), so searches,
    filters and codes that carry it would otherwise fail deep inside a query.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        field = self._offending_field(request)
        if field is not None:
            return render(request, "400.html", {"field": field}, status=400)
        return self.get_response(request)

    @staticmethod
    def _offending_field(request: HttpRequest) -> str | None:
        if "\x00" in request.path:
            return "address"
        sources = [request.GET]
        if request.method == "POST" and request.content_type in FORM_CONTENT_TYPES:
            sources.append(request.POST)
        for data in sources:
            for name, values in data.lists():
                if "\x00" in name or any("\x00" in value for value in values):
                    name = name.replace("\x00", "")[:40]
                    return FIELD_LABELS.get(name, name) or "A field"
        return None


class ShopCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the one exception the Wagtail admin needs.

    Wagtail's editor writes small inline start-up scripts (panels, date pickers)
    that carry no nonce, so under ``/admin/`` inline scripts are allowed. That
    admin is for signed-in staff only and renders what they enter escaped; every
    page shoppers and readers see keeps the nonce-only policy.
    """

    def get_policy_parts(
        self,
        request: HttpRequest,
        response: HttpResponseBase,
        report_only: bool = False,
    ) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if request.path_info.startswith(STAFF_EDITOR_PREFIX):
            parts.replace = {
                **(parts.replace or {}),
                "script-src": [SELF, "'unsafe-inline'"],
            }
        return parts
