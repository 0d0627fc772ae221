"""Self-service pages in the account: thin adapters over the subscription services."""

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from common.errors import DomainError
from storefront.accounts.forms import AddressForm
from storefront.channels.selectors import channel_allowed_countries
from storefront.subscriptions.forms import CancelForm, CardForm, PauseForm
from storefront.subscriptions.models import Subscription, SubscriptionStatus
from storefront.subscriptions.pricing import interval_label
from storefront.subscriptions.selectors import (
    subscription_get_for_user,
    subscription_interval_choices,
    subscription_line_prices,
    subscription_list_for_user,
)
from storefront.subscriptions.services.card_change import (
    subscription_card_setup_finish,
    subscription_card_setup_start,
    subscription_payment_method_update,
)
from storefront.subscriptions.services.renewal_steps import (
    RenewalOutcome,
    RenewalResult,
    subscription_renewal_preview,
)
from storefront.subscriptions.services.self_service import (
    subscription_address_change,
    subscription_cancel,
    subscription_interval_change,
    subscription_line_change,
    subscription_order_now,
    subscription_pause,
    subscription_resume,
    subscription_skip,
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
    return render(
        request,
        "subscriptions/detail.html",
        {
            "subscription": subscription,
            "interval": interval_label(subscription.interval),
            "intervals": subscription_interval_choices(subscription=subscription),
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
        lambda s: subscription_skip(subscription=s, user=request.user),
        "The next delivery is skipped.",
    )


@login_required
@require_POST
def pause(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: subscription_pause(
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
        lambda s: subscription_resume(subscription=s, user=request.user),
        "Your subscription is running again.",
    )


@login_required
@require_POST
def interval(request: HttpRequest, pk: int) -> HttpResponse:
    return _action(
        request,
        pk,
        lambda s: subscription_interval_change(
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
        lambda s: subscription_line_change(
            subscription=s,
            user=request.user,
            line_id=line_id,
            quantity=request.POST.get("quantity", ""),
            variant_id=request.POST.get("variant") or None,
        ),
        "The item is updated.",
    )


@login_required
def order_now(request: HttpRequest, pk: int) -> HttpResponse:
    """A page that shows what ordering now charges; only its confirmation orders."""
    subscription = _get(request, pk)
    if request.method == "POST" and request.POST.get("confirm") == "yes":
        return _action(
            request,
            pk,
            lambda s: subscription_order_now(subscription=s, user=request.user),
            "Your order is placed and paid.",
        )
    if subscription.status != SubscriptionStatus.ACTIVE:
        messages.error(request, "Only an active subscription can be ordered early.")
        return redirect("subscriptions:detail", pk=pk)
    return render(
        request,
        "subscriptions/order_now.html",
        {
            "subscription": subscription,
            "preview": subscription_renewal_preview(subscription=subscription),
        },
    )


@login_required
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    subscription = _get(request, pk)
    form = CancelForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription_cancel(
                subscription=subscription,
                user=request.user,
                reason=form.cleaned_reason(),
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
    allowed = channel_allowed_countries(channel=channel)
    if request.method == "POST":
        form = AddressForm(request.POST, allowed_countries=allowed)
        if form.is_valid():
            try:
                subscription_address_change(
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
    if subscription.gateway == "stripe":
        return _stripe_card_page(request, subscription)
    form = CardForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            subscription_payment_method_update(
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


def _stripe_card_page(request: HttpRequest, subscription: Subscription) -> HttpResponse:
    """Stripe's Payment Element confirms the new card; nothing is posted here."""
    context: dict[str, Any] = {"subscription": subscription, "stripe": True}
    if not settings.STRIPE_PUBLISHABLE_KEY:
        context["unavailable"] = True
        return render(request, "subscriptions/payment_method.html", context)
    try:
        setup = subscription_card_setup_start(
            subscription=subscription,
            user=request.user,
            # Each visit is one attempt; reloading starts a fresh SetupIntent.
            attempt=uuid.uuid4().hex,
        )
    except (ValidationError, DomainError) as exc:
        # Cancelled, or Stripe failed (logged where it happened): say so, no form.
        _report(request, exc)
        context["unavailable"] = True
        return render(request, "subscriptions/payment_method.html", context)
    context.update(
        client_secret=setup.client_secret,
        stripe_publishable_key=settings.STRIPE_PUBLISHABLE_KEY,
        return_url=request.build_absolute_uri(
            reverse("subscriptions:card_return", args=[subscription.pk])
        ),
    )
    return render(request, "subscriptions/payment_method.html", context)


def _renewal_message(request: HttpRequest, outcome: RenewalOutcome | None) -> None:
    if outcome is None:
        return
    if outcome.result == RenewalResult.RENEWED:
        messages.success(request, "The overdue renewal is paid with your new card.")
    elif outcome.result == RenewalResult.CANCELLED:
        messages.error(
            request,
            f"Your new card was refused for the overdue renewal ({outcome.message}) "
            "and that was the last try, so the subscription is cancelled.",
        )
    elif outcome.result == RenewalResult.FAILED:
        messages.error(
            request,
            f"Your new card was refused for the overdue renewal: {outcome.message}",
        )
    elif outcome.message:
        messages.info(
            request, f"The overdue renewal is not done yet: {outcome.message}"
        )


@login_required
def card_return(request: HttpRequest, pk: int) -> HttpResponse:
    """Stripe sends the customer back here after confirming the new card."""
    subscription = _get(request, pk)
    try:
        result = subscription_card_setup_finish(
            subscription=subscription,
            user=request.user,
            setup_intent_id=request.GET.get("setup_intent", ""),
        )
    except (ValidationError, DomainError) as exc:
        # Unknown, someone else's or unconfirmed: nothing changed; try again.
        _report(request, exc)
        return redirect("subscriptions:payment_method", pk=pk)
    messages.success(
        request,
        f"Your new card ({result.subscription.card_label}) is saved for the next "
        "renewals.",
    )
    _renewal_message(request, result.renewal)
    return redirect("subscriptions:detail", pk=pk)
