"""HTTP edge of age verification: the provider webhook and the test provider page."""

import logging

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils.html import escape
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from compliance.errors import (
    InvalidWebhookError,
    UnknownAgeProviderError,
    UnknownVerificationError,
)
from compliance.models import AgeMethod

from .providers import TestProvider, webhook_secret
from .services import age_webhook_handle

logger = logging.getLogger(__name__)


# Providers cannot send a CSRF token; the HMAC signature authenticates them instead.
@csrf_exempt
@require_POST
def age_webhook(request: HttpRequest, provider: str) -> HttpResponse:
    if not webhook_secret():
        logger.error("COMPLIANCE_AGE_WEBHOOK_SECRET is not set; refusing webhooks")
        return JsonResponse({"error": "not_configured"}, status=503)
    headers = dict(request.headers.items())
    try:
        outcome = age_webhook_handle(
            provider=provider, body=request.body, headers=headers
        )
    except UnknownAgeProviderError:
        return JsonResponse({"error": "unknown_provider"}, status=404)
    except InvalidWebhookError as exc:
        # Signature or body problems: refuse without changing anything.
        logger.warning(
            "Age webhook refused: %s", exc.message, extra={"provider": provider}
        )
        return JsonResponse({"error": exc.code_value}, status=400)
    except UnknownVerificationError as exc:
        return JsonResponse({"error": exc.code_value}, status=400)
    if outcome is None:
        return JsonResponse({"status": "ignored"})
    return JsonResponse({"status": "recorded" if outcome.changed else "duplicate"})


def _test_provider_enabled() -> bool:
    return bool(
        getattr(settings, "COMPLIANCE_AGE_TEST_PROVIDER_ENABLED", settings.DEBUG)
    )


@require_http_methods(["GET", "POST"])
def age_test_provider(request: HttpRequest, reference: str) -> HttpResponse:
    """The built-in test provider's hosted page: approve or decline by hand.

    It sends itself a signed webhook through the same service real providers use.
    Enabled in development (``DEBUG``) or with COMPLIANCE_AGE_TEST_PROVIDER_ENABLED.
    """
    if not _test_provider_enabled():
        raise Http404("The test age provider is disabled.")
    return_url = request.GET.get("return") or "/"
    if not url_has_allowed_host_and_scheme(return_url, {request.get_host()}):
        return_url = "/"
    if request.method == "POST":
        status = "approved" if request.POST.get("decision") == "approve" else "declined"
        body, headers = TestProvider.webhook_build(
            reference=reference, status=status, method=AgeMethod.ID_DOCUMENT
        )
        try:
            age_webhook_handle(provider="test", body=body, headers=headers)
        except (InvalidWebhookError, UnknownVerificationError) as exc:
            return HttpResponse(escape(exc.message), status=400)
        return redirect(return_url)
    from django.middleware.csrf import get_token

    token = escape(get_token(request))
    page = (
        "<!doctype html><title>Test age check</title><main>"
        "<h1>Test age verification</h1>"
        f"<p>Session {escape(reference)}. Nothing is checked: choose an outcome.</p>"
        '<form method="post">'
        f'<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
        '<button name="decision" value="approve">Approve</button> '
        '<button name="decision" value="decline">Decline</button>'
        "</form></main>"
    )
    return HttpResponse(page)
