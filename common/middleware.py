"""Request-wide middleware of the shared kernel."""

import http.client
from collections.abc import Callable
from dataclasses import asdict
from typing import Any

from csp.constants import HEADER, HEADER_REPORT_ONLY, SELF
from csp.middleware import CheckableLazyObject, CSPMiddleware, PolicyParts
from csp.utils import build_policy
from django.conf import settings
from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
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


# What a view's csp decorators leave on its response: a policy of its own.
_RESPONSE_POLICY_ATTRIBUTES = (
    "_csp_config",
    "_csp_update",
    "_csp_replace",
    "_csp_config_ro",
    "_csp_update_ro",
    "_csp_replace_ro",
)
# Built into a policy in place of the request's nonce, which is filled in after.
_NONCE_PLACEHOLDER = "\x00nonce\x00"
# Policies built from the settings, per (report only, staff editor, with a nonce).
_built_policies: dict[tuple[bool, bool, bool], str] = {}


def _policies_forget(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith("CONTENT_SECURITY_POLICY"):
        _built_policies.clear()


setting_changed.connect(_policies_forget, dispatch_uid="shop-csp-policies-forget")


class ShopCSPMiddleware(CSPMiddleware):
    """django-csp's middleware, with the one exception the Wagtail admin needs.

    Wagtail's editor writes small inline start-up scripts (panels, date pickers)
    that carry no nonce, so under ``/admin/`` inline scripts are allowed. That
    admin is for signed-in staff only and renders what they enter escaped; every
    page shoppers and readers see keeps the nonce-only policy.

    A response with no policy of its own gets the settings' policy, built once per
    process (and again when the settings change) with only the nonce differing per
    request: building it took a visible share of a cached page's time.
    """

    def process_response(
        self, request: HttpRequest, response: HttpResponseBase
    ) -> HttpResponseBase:
        if any(
            getattr(response, name, None) is not None
            for name in _RESPONSE_POLICY_ATTRIBUTES
        ):
            return super().process_response(request, response)
        if settings.DEBUG and response.status_code in (
            http.client.INTERNAL_SERVER_ERROR,
            http.client.NOT_FOUND,
        ):
            return response
        nonce = getattr(request, "_csp_nonce", None)
        for report_only, header, exempt, setting_name in (
            (False, HEADER, "_csp_exempt", "CONTENT_SECURITY_POLICY"),
            (
                True,
                HEADER_REPORT_ONLY,
                "_csp_exempt_ro",
                "CONTENT_SECURITY_POLICY_REPORT_ONLY",
            ),
        ):
            policy = self._settings_policy(request, report_only=report_only)
            if not policy or header in response or getattr(response, exempt, False):
                continue
            prefixes = (getattr(settings, setting_name, None) or {}).get(
                "EXCLUDE_URL_PREFIXES"
            ) or ()
            if request.path_info.startswith(tuple(prefixes)):
                continue
            response[header] = (
                policy.replace(_NONCE_PLACEHOLDER, nonce) if nonce else policy
            )
        if nonce is None:
            # As django-csp does: a nonce asked for now would not be in the header.
            request.csp_nonce = CheckableLazyObject(  # type: ignore[attr-defined]
                self._csp_nonce_post_response
            )
        return response

    def _settings_policy(self, request: HttpRequest, *, report_only: bool) -> str:
        with_nonce = getattr(request, "_csp_nonce", None) is not None
        staff = request.path_info.startswith(STAFF_EDITOR_PREFIX)
        key = (report_only, staff, with_nonce)
        if key not in _built_policies:
            parts = self.get_policy_parts(request, HttpResponse(), report_only)
            parts.nonce = _NONCE_PLACEHOLDER if with_nonce else None
            _built_policies[key] = build_policy(
                **asdict(parts), report_only=report_only
            )
        return _built_policies[key]

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
