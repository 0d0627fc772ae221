"""POST /webhooks/stripe/: verify, store once, act (see payments.services)."""

import logging

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from storefront.payments.errors import WebhookPayloadError, WebhookSignatureError
from storefront.payments.services import stripe_webhook_handle

logger = logging.getLogger(__name__)


@csrf_exempt
@require_POST
def stripe_webhook(request: HttpRequest) -> HttpResponse:
    try:
        event = stripe_webhook_handle(
            payload=request.body,
            signature=request.headers.get("Stripe-Signature", ""),
        )
    except WebhookSignatureError as exc:
        logger.warning("Stripe webhook with a bad signature")
        return JsonResponse(
            {"error": exc.message, "field": "Stripe-Signature"}, status=400
        )
    except WebhookPayloadError as exc:
        return JsonResponse({"error": exc.message, "field": "body"}, status=400)
    return JsonResponse({"id": event.event_id, "status": event.status})
