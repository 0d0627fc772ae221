"""Self-service pages in the account: thin adapters over the subscription services."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.errors import DomainError
from storefront.checkout.forms import AddressForm
from storefront.subscriptions import services
from storefront.subscriptions.forms import CancelForm, CardForm, PauseForm
from storefront.subscriptions.models import Subscription, SubscriptionStatus
from storefront.subscriptions.pricing import interval_label
from storefront.subscriptions.selectors import (
    plan_offer_for_product,
    subscription_get_for_user,
    subscription_line_prices,
    subscription_list_for_user,
)


def _get(request: HttpRequest, pk: int) -> Subscription:
    subscription = subscription_get_for_user(user=request.user, pk=pk)
    if subscription is None:
        raise Http404("No such subscription.")
    return subscription


def _report(request: HttpRequest, exc: ValidationError | DomainError) -> None:
    if isinstance(exc, ValidationError):
        for name, errors in exc.message_dict.items():
            for message in errors:
                label = name.replace("_", " ").capitalize()
                messages.error(request, f"{label}: {message}")
    else:
        messages.error(request, exc.message)


@login_required
def subscription_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "subscriptions/list.html",
        {"subscriptions": subscription_list_for_user(user=request.user)},
    )


@login_required
def subscription_detail(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _get(request, pk)
    offers = {}
    for line in subscription.lines.all():
        offer = plan_offer_for_product(
            product_id=line.variant.product_id, channel_id=subscription.channel_id
        )
        if offer is not None:
            offers[line.variant.product_id] = offer
    intervals: list[tuple[str, str]] | None = None
    for offer in offers.values():
        values = [(o.value, o.label) for o in offer.options]
        intervals = (
            values if intervals is None else [v for v in intervals if v in values]
        )
    return render(
        request,
        "subscriptions/detail.html",
        {
            "subscription": subscription,
            "interval": interval_label(subscription.interval),
            "intervals": intervals or [],
            "line_prices": subscription_line_prices(subscription=subscription),
            "pause_form": PauseForm(),
            "can_change": subscription.status != SubscriptionStatus.CANCELLED,
            "today": timezone.localdate(),
        },
    )


def _action(
    request: HttpRequest, pk: int, call: Callable[[Subscription], Any], done: str
) -> HttpResponse:
    subscription = _get(request, pk)
    try:
        call(subscription)
    except (ValidationError, DomainError) as exc:
        # The customer asked for something the rules refuse: say which field and why.
        _report(request, exc)
    else:
        messages.success(request, done)
    return redirect("subscriptions:detail", pk=pk)


@login_required
@require_POST
def skip(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: services.subscription_skip(subscription=s, user=request.user),
        "The next delivery is skipped.",
    )


@login_required
@require_POST
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: services.subscription_pause(
            subscription=s, user=request.user, until=request.POST.get("until", "")
        ),
        "Your subscription is paused.",
    )


@login_required
@require_POST
def resume(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: services.subscription_resume(subscription=s, user=request.user),
        "Your subscription is running again.",
    )


@login_required
@require_POST
def interval(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: services.subscription_interval_change(
            subscription=s, user=request.user, interval=request.POST.get("interval", "")
        ),
        "The delivery frequency is changed.",
    )


@login_required
@require_POST
def line_change(request: HttpRequest, pk: int, line_id: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: services.subscription_line_change(
            subscription=s,
            user=request.user,
            line_id=line_id,
            quantity=request.POST.get("quantity", ""),
            variant_id=request.POST.get("variant") or None,
        ),
        "The item is updated.",
    )


@login_required
@require_POST
def order_now(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: services.subscription_order_now(subscription=s, user=request.user),
        "Your order is placed and paid.",
    )


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _get(request, pk)
    form = CancelForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_cancel(
                subscription=subscription,
                user=request.user,
                reason=form.cleaned_data["reason"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except DomainError as exc:
            # Already cancelled, for instance: tell the customer and go back.
            messages.error(request, exc.message)
            return redirect("subscriptions:detail", pk=pk)
        else:
            messages.success(request, "Your subscription is cancelled.")
            return redirect("subscriptions:detail", pk=pk)
    return render(
        request,
        "subscriptions/cancel.html",
        {"subscription": subscription, "form": form, "pause_form": PauseForm()},
    )


@login_required
def address(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _get(request, pk)
    channel = subscription.channel
    allowed = [c.code for c in channel.countries] or [channel.default_country.code]
    if request.method == "POST":
        form = AddressForm(request.POST, allowed_countries=allowed)
        if form.is_valid():
            try:
                services.subscription_address_change(
                    subscription=subscription,
                    user=request.user,
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            except DomainError as exc:
                # The rules forbid a product there: keep the old address and say why.
                form.add_error(None, exc.message)
            else:
                messages.success(request, "The delivery address is changed.")
                return redirect("subscriptions:detail", pk=pk)
    else:
        initial = (
            subscription.shipping_address.as_data()
            if subscription.shipping_address
            else {}
        )
        form = AddressForm(initial=initial, allowed_countries=allowed)
    return render(
        request,
        "subscriptions/address.html",
        {"subscription": subscription, "form": form},
    )


@login_required
def payment_method(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _get(request, pk)
    form = CardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.subscription_payment_method_update(
                subscription=subscription,
                user=request.user,
                card_number=form.cleaned_data["card_number"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "Your card is saved for the next renewals.")
            return redirect("subscriptions:detail", pk=pk)
    return render(
        request,
        "subscriptions/payment_method.html",
        {"subscription": subscription, "form": form},
    )
