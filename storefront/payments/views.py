"""The dummy gateway's simulated 3-D Secure page."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from common.errors import DomainError
from storefront.payments.errors import PaymentDeclinedError
from storefront.payments.selectors import payment_get_by_token


def dummy_3ds(request: HttpRequest, token: str) -> HttpResponse:
    from storefront.checkout.services import checkout_payment_return
    from storefront.orders.services import order_guest_link

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
        except (ValidationError, DomainError) as exc:
            messages.error(
                request, getattr(exc, "message", None) or "; ".join(exc.messages)
            )
            return redirect("checkout:review")
        request.session.pop("checkout_token", None)
        return redirect(order_guest_link(order=order) + "?placed=1")
    return render(request, "payments/dummy_3ds.html", {"payment": payment})
