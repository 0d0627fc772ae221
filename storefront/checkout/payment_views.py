"""Web endpoints where a payment comes back to the shop and may become an order.

They sit above payments and checkout: the gateway's 3-D Secure return page and
Stripe's signed webhooks (``POST /webhooks/stripe/``, see ``payment_events``).
"""

import logging

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from common.errors import DomainError
from storefront.checkout.payment_events import stripe_webhook_handle
from storefront.checkout.services.payment import checkout_payment_return
from storefront.orders.services import order_guest_link
from storefront.payments.errors import (
    PaymentDeclinedError,
    WebhookPayloadError,
    WebhookSignatureError,
)
from storefront.payments.selectors import payment_get_by_token

logger = logging.getLogger(__name__)


def dummy_3ds(request: HttpRequest, token: str) -> HttpResponse:
    payment = payment_get_by_token(token=token)
    if payment is None or payment.gateway != "dummy":
        raise Http404("No such payment.")
    if request.method == "POST":
        result = "success" if request.POST.get("result") == "success" else "failure"
        try:
            order = checkout_payment_return(
                payment_token=token, data={"result": result}
            )
        except PaymentDeclinedError as exc:
            # The shopper failed or cancelled the check: back to paying, cart intact.
            messages.error(request, f"Card number: {exc.message}")
            return redirect("checkout:review")
        except DomainError as exc:
            messages.error(request, exc.message)
            return redirect("checkout:review")
        except ValidationError as exc:
            messages.error(
                request, getattr(exc, "message", None) or "; ".join(exc.messages)
            )
            return redirect("checkout:review")
        request.session.pop("checkout_token", None)
        return redirect(order_guest_link(order=order) + "?placed=1")
    return render(request, "payments/dummy_3ds.html", {"payment": payment})


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
