"""Cart and checkout pages: thin adapters over the checkout services."""

import functools
import logging
from collections.abc import Callable
from typing import Concatenate, ParamSpec, cast

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.errors import DomainError
from storefront.accounts.forms import AddressForm
from storefront.catalogue.age_gate import AGE_GATE_ADULT_KEY
from storefront.channels.selectors import channel_allowed_countries
from storefront.checkout.age import checkout_age_requirement
from storefront.checkout.calculations import checkout_totals_calculate
from storefront.checkout.forms import (
    BillingForm,
    DateOfBirthForm,
    DetailsForm,
    DummyPaymentForm,
    EmailForm,
    ShippingMethodForm,
    VoucherForm,
)
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import (
    CheckoutInfo,
    checkout_address_prefill,
    checkout_email_prefill,
    checkout_get_for_shopper,
    checkout_info_fetch,
    checkout_shipping_required,
    shipping_methods_for_checkout,
)
from storefront.checkout.services.cart import (
    checkout_create,
    checkout_line_add,
    checkout_line_delete,
    checkout_line_update,
    checkout_lines_remove_undeliverable,
    checkout_region_sync,
    subscription_line_add,
)
from storefront.checkout.services.customer_age import (
    checkout_gate_declaration_record,
)
from storefront.checkout.services.details import (
    checkout_billing_address_set,
    checkout_email_set,
    checkout_shipping_address_set,
    checkout_shipping_method_set,
    checkout_voucher_apply,
    checkout_voucher_remove,
)
from storefront.checkout.services.payment import (
    checkout_payment_return,
    checkout_payment_start,
)
from storefront.orders.models import Order
from storefront.orders.services import order_guest_link
from storefront.payments.errors import PaymentDeclinedError, PaymentGatewayError
from storefront.payments.gateways import DUMMY, STRIPE, gateways_enabled
from storefront.payments.models import Payment
from storefront.shipping.pricing import shipping_is_free

P = ParamSpec("P")
logger = logging.getLogger(__name__)
SESSION_KEY = "checkout_token"


def checkout_for_request(
    request: HttpRequest, *, create: bool = False
) -> Checkout | None:
    """The shopper's open checkout in their channel: the account's, or the session's."""
    region = request.shopper_region  # type: ignore[attr-defined]
    checkout = checkout_get_for_shopper(
        user_id=request.user.pk if request.user.is_authenticated else None,
        token=request.session.get(SESSION_KEY),
        channel_id=region.channel.pk,
    )
    if checkout is None and create:
        checkout = checkout_create(
            channel=region.channel,
            region=region.region,
            user=request.user if request.user.is_authenticated else None,
        )
    if checkout is not None:
        if not request.user.is_authenticated:
            request.session[SESSION_KEY] = str(checkout.token)
        checkout_region_sync(checkout=checkout, region=region.region)
    return checkout


def add_errors(request: HttpRequest, exc: ValidationError | DomainError) -> None:
    if isinstance(exc, ValidationError):
        for field, errors in exc.message_dict.items():
            for message in errors:
                messages.error(
                    request, f"{field.replace('_', ' ').capitalize()}: {message}"
                )
    else:
        messages.error(request, exc.message)


def cart(request: HttpRequest) -> HttpResponse:
    checkout = checkout_for_request(request)
    context: dict[str, object] = {"checkout": checkout}
    if checkout is not None:
        info = checkout_info_fetch(checkout=checkout)
        context |= {"info": info, "totals": checkout_totals_calculate(info=info)}
    return render(request, "checkout/cart.html", context)


@require_POST
def line_add(request: HttpRequest) -> HttpResponse:
    checkout = checkout_for_request(request, create=True)
    if checkout is None:
        return redirect("checkout:cart")
    try:
        if request.POST.get("purchase", "once") != "once":
            subscription_line_add(
                checkout=checkout,
                variant_id=request.POST.get("variant", ""),
                quantity=request.POST.get("quantity", "1"),
                purchase=request.POST.get("purchase", ""),
                interval=request.POST.get("interval"),
            )
        else:
            checkout_line_add(
                checkout=checkout,
                variant_id=request.POST.get("variant", ""),
                quantity=request.POST.get("quantity", "1"),
            )
    except (ValidationError, DomainError) as exc:
        # The shopper asked for something the rules refuse: say which field and why.
        add_errors(request, exc)
        return redirect(request.META.get("HTTP_REFERER") or reverse("checkout:cart"))
    messages.success(request, "Added to your cart.")
    return redirect("checkout:cart")


@require_POST
def line_update(request: HttpRequest, line_id: int) -> HttpResponse:
    checkout = checkout_for_request(request)
    if checkout is None:
        return redirect("checkout:cart")
    try:
        checkout_line_update(
            checkout=checkout,
            line_id=line_id,
            quantity=request.POST.get("quantity", ""),
        )
    except (ValidationError, DomainError) as exc:
        add_errors(request, exc)
    return redirect("checkout:cart")


@require_POST
def line_delete(request: HttpRequest, line_id: int) -> HttpResponse:
    checkout = checkout_for_request(request)
    if checkout is not None:
        try:
            checkout_line_delete(checkout=checkout, line_id=line_id)
        except ValidationError as exc:
            add_errors(request, exc)
    return redirect("checkout:cart")


def require_lines(
    view: Callable[Concatenate[HttpRequest, Checkout, P], HttpResponse],
) -> Callable[Concatenate[HttpRequest, P], HttpResponse]:
    """Give the view the shopper's checkout; an empty cart goes back to the cart."""

    @functools.wraps(view)
    def wrapper(
        request: HttpRequest, *args: P.args, **kwargs: P.kwargs
    ) -> HttpResponse:
        checkout = checkout_for_request(request)
        if checkout is None or not checkout.lines.exists():
            messages.info(request, "Your cart is empty.")
            return redirect("checkout:cart")
        return view(request, checkout, *args, **kwargs)

    return wrapper


def _allowed_countries(checkout: Checkout) -> list[str]:
    return channel_allowed_countries(channel=checkout.channel)


NO_DELIVERY_MESSAGE = (
    "Nothing in your cart needs delivery, so there is no shipping address or "
    "delivery option to choose."
)


def _details_without_delivery(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    """The details step of a cart of digital goods: the email only."""
    if request.method == "POST":
        form = EmailForm(request.POST)
        if form.is_valid():
            try:
                checkout_email_set(checkout=checkout, email=form.cleaned_data["email"])
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("checkout:billing")
    else:
        email = checkout_email_prefill(checkout=checkout, user=request.user)
        form = EmailForm(initial={"email": email})
    return render(
        request,
        "checkout/details.html",
        {
            "form": form,
            "checkout": checkout,
            "step": "details",
            "shipping_required": False,
            "no_delivery_message": NO_DELIVERY_MESSAGE,
        },
    )


@require_lines
def details(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    if not checkout_shipping_required(checkout=checkout):
        return _details_without_delivery(request, checkout)
    allowed = _allowed_countries(checkout)
    can_save = bool(request.user.is_authenticated and checkout.user_id)
    if request.method == "POST":
        form = DetailsForm(request.POST, allowed_countries=allowed, can_save=can_save)
        if form.is_valid():
            try:
                checkout_email_set(checkout=checkout, email=form.cleaned_data["email"])
                info = checkout_shipping_address_set(
                    checkout=checkout,
                    data=form.cleaned_data,
                    save_to_address_book=bool(form.cleaned_data.get("save_address")),
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                if info.undeliverable_lines:
                    # Stop here: the shopper removes the lines or changes the address.
                    return redirect("checkout:details")
                for line in info.unavailable_lines:
                    messages.warning(
                        request,
                        f"{line.product.name} cannot be bought: "
                        f"{line.problem.message if line.problem else ''}",
                    )
                return redirect("checkout:shipping")
    else:
        initial = checkout_address_prefill(
            checkout=checkout, user=request.user, billing=False
        )
        form = DetailsForm(
            initial=initial, allowed_countries=allowed, can_save=can_save
        )
    return render(
        request,
        "checkout/details.html",
        {
            "form": form,
            "checkout": checkout,
            "step": "details",
            "shipping_required": True,
            "undeliverable": checkout_info_fetch(checkout=checkout).undeliverable_lines
            if checkout.shipping_address_id
            else [],
        },
    )


def _bounce_undeliverable(
    request: HttpRequest, info: CheckoutInfo
) -> HttpResponse | None:
    """Back to the address step while a line cannot ship to the address."""
    if not info.undeliverable_lines:
        return None
    messages.error(
        request,
        "Some items cannot be shipped to this address: remove them or change the "
        "address before you carry on.",
    )
    return redirect("checkout:details")


@require_POST
@require_lines
def undeliverable_remove(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    removed = checkout_lines_remove_undeliverable(checkout=checkout)
    if removed:
        messages.success(request, f"Removed from your cart: {', '.join(removed)}.")
    if not checkout.lines.exists():
        return redirect("checkout:cart")
    return redirect("checkout:shipping")


@require_lines
def shipping(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    info = checkout_info_fetch(checkout=checkout)
    if not info.shipping_required:
        # Digital goods only: no delivery step; the billing address comes next.
        messages.info(request, NO_DELIVERY_MESSAGE)
        return redirect("checkout:billing")
    if checkout.shipping_address_id is None:
        return redirect("checkout:details")
    if bounce := _bounce_undeliverable(request, info):
        return bounce
    totals = checkout_totals_calculate(info=info)
    methods = shipping_methods_for_checkout(info=info)
    options = [
        {
            "method": method,
            "listing": listing,
            "free": shipping_is_free(
                listing=listing, subtotal_entered=totals.subtotal_entered.amount
            ),
        }
        for method, listing in methods
    ]
    form = ShippingMethodForm(request.POST or None)
    cast(forms.ChoiceField, form.fields["shipping_method"]).choices = [
        (str(method.pk), method.name) for method, _listing in methods
    ]
    if request.method == "POST" and form.is_valid():
        try:
            checkout_shipping_method_set(
                checkout=checkout,
                shipping_method_id=form.cleaned_data["shipping_method"],
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            return redirect("checkout:billing")
    return render(
        request,
        "checkout/shipping.html",
        {
            "form": form,
            "options": options,
            "checkout": checkout,
            "step": "shipping",
            "shipping_required": True,
        },
    )


def _billing_without_delivery(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    """Billing for a cart of digital goods: the address is required and decides
    the region's rules and the tax rate."""
    if not checkout.email:
        return redirect("checkout:details")
    allowed = _allowed_countries(checkout)
    if request.method == "POST":
        form = AddressForm(request.POST, allowed_countries=allowed)
        if form.is_valid():
            try:
                checkout_billing_address_set(
                    checkout=checkout, same_as_shipping=False, data=form.cleaned_data
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("checkout:review")
    else:
        initial = checkout_address_prefill(
            checkout=checkout, user=request.user, billing=True
        )
        form = AddressForm(initial=initial, allowed_countries=allowed)
    return render(
        request,
        "checkout/billing.html",
        {
            "form": form,
            "checkout": checkout,
            "step": "billing",
            "shipping_required": False,
            "no_delivery_message": NO_DELIVERY_MESSAGE,
        },
    )


@require_lines
def billing(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    if not checkout_shipping_required(checkout=checkout):
        return _billing_without_delivery(request, checkout)
    if bounce := _bounce_undeliverable(request, checkout_info_fetch(checkout=checkout)):
        return bounce
    if checkout.shipping_method_id is None:
        return redirect("checkout:shipping")
    if request.method == "POST":
        form = BillingForm(request.POST)
        if form.is_valid():
            try:
                checkout_billing_address_set(
                    checkout=checkout,
                    same_as_shipping=form.cleaned_data["same_as_shipping"],
                    data=form.cleaned_data,
                )
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                return redirect("checkout:review")
    else:
        same = checkout.billing_address_id in {None, checkout.shipping_address_id}
        initial: dict[str, object] = {"same_as_shipping": same}
        if checkout.shipping_address:
            # A different billing address is most likely in the same country.
            initial["country"] = str(checkout.shipping_address.country)
        if not same and checkout.billing_address:
            initial |= checkout.billing_address.as_data()
        form = BillingForm(initial=initial)
    return render(
        request,
        "checkout/billing.html",
        {
            "form": form,
            "checkout": checkout,
            "step": "billing",
            "shipping_required": True,
        },
    )


@require_lines
def review(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    info = checkout_info_fetch(checkout=checkout)
    if bounce := _bounce_undeliverable(request, info):
        return bounce
    checkout_gate_declaration_record(
        checkout=checkout,
        declared_adult_for=request.session.get(AGE_GATE_ADULT_KEY),
        info=info,
    )
    totals = checkout_totals_calculate(info=info)
    age_status = checkout_age_requirement(checkout, info=info)
    enabled = gateways_enabled()
    return render(
        request,
        "checkout/review.html",
        {
            "checkout": checkout,
            "info": info,
            "totals": totals,
            "voucher_form": VoucherForm(),
            "payment_form": DummyPaymentForm() if DUMMY in enabled else None,
            "age_status": age_status,
            "dob_form": DateOfBirthForm() if age_status.needs_date_of_birth else None,
            "stripe_enabled": STRIPE in enabled,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "step": "review",
            "shipping_required": info.shipping_required,
        },
    )


@require_POST
@require_lines
def voucher(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    try:
        if request.POST.get("remove"):
            checkout_voucher_remove(checkout=checkout)
        else:
            checkout_voucher_apply(
                checkout=checkout, code=request.POST.get("voucher_code")
            )
            messages.success(request, "Voucher applied.")
    except ValidationError as exc:
        add_errors(request, exc)
    return redirect("checkout:review")


def _order_redirect(order_id: int) -> HttpResponse:
    order = Order.objects.get(pk=order_id)
    return redirect(order_guest_link(order=order) + "?placed=1")


@require_POST
@require_lines
def pay(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    gateway = request.POST.get("gateway", DUMMY)
    if gateway not in gateways_enabled():
        messages.error(request, "Gateway: choose one of the payment methods shown.")
        return redirect("checkout:review")
    card_number = ""
    if gateway == DUMMY:
        form = DummyPaymentForm(request.POST)
        if not form.is_valid():
            messages.error(request, "Card number: enter your card number.")
            return redirect("checkout:review")
        card_number = form.cleaned_data["card_number"]
    try:
        outcome = checkout_payment_start(
            checkout=checkout,
            gateway=gateway,
            card_number=card_number,
            return_url=request.build_absolute_uri(reverse("checkout:stripe_return")),
        )
    except PaymentDeclinedError as exc:
        # Anticipated: the card said no. The cart stays as it was.
        messages.error(request, f"Card number: {exc.message}")
        return redirect("checkout:review")
    except PaymentGatewayError as exc:
        # Unexpected: the provider failed. Logged where it happened.
        messages.error(request, exc.message)
        return redirect("checkout:review")
    except (ValidationError, DomainError) as exc:
        # The cart is not ready or changed under us: the message names what to fix.
        add_errors(request, exc)
        return redirect("checkout:review")
    if outcome.order_id:
        request.session.pop(SESSION_KEY, None)
        return _order_redirect(outcome.order_id)
    if outcome.action_url:
        return redirect(outcome.action_url)
    return render(
        request,
        "checkout/stripe_pay.html",
        {
            "client_secret": outcome.client_secret,
            "stripe_publishable_key": settings.STRIPE_PUBLISHABLE_KEY,
            "return_url": request.build_absolute_uri(reverse("checkout:stripe_return")),
        },
    )


def stripe_return(request: HttpRequest) -> HttpResponse:
    """Stripe sends the shopper back here with the PaymentIntent id."""

    intent_id = request.GET.get("payment_intent", "")
    payment = Payment.objects.filter(psp_reference=intent_id, gateway=STRIPE).first()
    if payment is None:
        messages.error(request, "Payment: this payment is unknown.")
        return redirect("checkout:cart")
    try:
        order = checkout_payment_return(payment_token=payment.token, data={})
    except (ValidationError, DomainError) as exc:
        add_errors(request, exc)
        return redirect("checkout:review")
    request.session.pop(SESSION_KEY, None)
    return _order_redirect(order.pk)
