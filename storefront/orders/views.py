from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from storefront.accounts.request import request_customer
from storefront.orders.selectors import order_get_by_guest_token, order_get_for_user


@login_required
def detail(request: HttpRequest, number: str) -> HttpResponse:
    order = order_get_for_user(user_id=request_customer(request).pk, number=number)
    if order is None:
        raise Http404("No such order.")
    return render(request, "orders/detail.html", {"order": order})


def guest_detail(request: HttpRequest, token: str) -> HttpResponse:
    order = order_get_by_guest_token(token=token)
    if order is None:
        raise Http404("This order link is not valid.")
    return render(
        request,
        "orders/detail.html",
        {"order": order, "placed": request.GET.get("placed") == "1"},
    )
