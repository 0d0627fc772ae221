"""Account pages: thin adapters over accounts.services and the orders selectors."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.http import next_path_or
from storefront.accounts import deletion, services
from storefront.accounts.backends import BACKEND_PATH
from storefront.accounts.errors import (
    ActiveSubscriptionError,
    InvalidConfirmationLinkError,
    InvalidDeletionLinkError,
    StaffAccountDeletionError,
    TooManySignInAttemptsError,
)
from storefront.accounts.forms import (
    AddressBookForm,
    AddressForm,
    PasswordResetRequestForm,
    PasswordSetForm,
    RegisterForm,
    SignInForm,
)
from storefront.accounts.models import User
from storefront.accounts.request import request_customer
from storefront.accounts.selectors import address_get_for_user, address_list_for_user
from storefront.checkout.selectors import checkout_get_by_token
from storefront.checkout.services.cart import checkout_merge
from storefront.orders.selectors import order_list_for_user


def _merge_cart(request: HttpRequest, guest_token: str | None) -> None:
    guest = checkout_get_by_token(token=guest_token)
    if guest is not None and guest.user_id is None:
        checkout_merge(guest_checkout=guest, user=request_customer(request))


def _sign_in(request: HttpRequest, user: User) -> None:
    guest_token = request.session.get("checkout_token")
    login(request, user, backend=BACKEND_PATH)
    _merge_cart(request, guest_token)


def _next_url(request: HttpRequest, default: str) -> str:
    """The ``next`` path asked for, or the path of the view named ``default``."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    return next_path_or(request, target, reverse(default) if default else "")


def _next_param(request: HttpRequest) -> str:
    """The safe ``next`` to carry through a form and its links, or ""."""
    return _next_url(request, "")


def register(request: HttpRequest) -> HttpResponse:
    form = RegisterForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_register(
                email=form.cleaned_data["email"], password=form.cleaned_data["password"]
            )
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _sign_in(request, user)
            messages.success(
                request, "Welcome! We emailed you a link to confirm your address."
            )
            return redirect(_next_url(request, "accounts:dashboard"))
    return render(
        request, "accounts/register.html", {"form": form, "next": _next_param(request)}
    )


def confirm_email(request: HttpRequest, token: str) -> HttpResponse:
    try:
        services.user_email_confirm(token=token)
    except InvalidConfirmationLinkError as exc:
        return render(
            request, "accounts/confirm_email.html", {"error": exc.message}, status=400
        )
    return render(request, "accounts/confirm_email.html", {"error": None})


def sign_in(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST or None)
    status = 200
    if request.method == "POST" and form.is_valid():
        try:
            user = services.user_sign_in_check(
                request=request,
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
            )
        except TooManySignInAttemptsError as exc:
            form.add_error("email", exc.message)
            status = 429
        except ValidationError as exc:
            form.add_error(None, exc)
        else:
            _sign_in(request, user)
            return redirect(_next_url(request, "accounts:dashboard"))
    return render(
        request,
        "accounts/login.html",
        {"form": form, "next": _next_param(request)},
        status=status,
    )


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.info(request, "You are signed out.")
    return redirect("/")


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    orders = list(order_list_for_user(user_id=request_customer(request).pk)[:50])
    return render(
        request,
        "accounts/dashboard.html",
        {
            "orders": orders,
            "confirmed": hasattr(request.user, "email_confirmation"),
            "addresses": address_list_for_user(user=request_customer(request)),
        },
    )


@login_required
def address_book(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "accounts/address_book.html",
        {"addresses": address_list_for_user(user=request_customer(request))},
    )


@login_required
def address_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    address = None
    if pk is not None:
        address = address_get_for_user(user=request_customer(request), pk=pk)
        if address is None:
            raise Http404("No such address.")
    form_class = AddressForm if address else AddressBookForm
    if request.method == "POST":
        form = form_class(request.POST)
        if form.is_valid():
            try:
                if address is None:
                    services.address_create(
                        user=request_customer(request),
                        data=form.cleaned_data,
                        # Only the address-book form (new addresses) has it.
                        default_for=form.default_for(),  # type: ignore[attr-defined]
                    )
                else:
                    services.address_update(address=address, data=form.cleaned_data)
            except ValidationError as exc:
                form.add_error(None, exc)
            else:
                messages.success(request, "Address saved.")
                return redirect("accounts:addresses")
    else:
        form = form_class(initial=address.as_data() if address else {"country": "US"})
    return render(
        request, "accounts/address_form.html", {"form": form, "address": address}
    )


@login_required
@require_POST
def address_set_default(request: HttpRequest, pk: int) -> HttpResponse:
    address = address_get_for_user(user=request_customer(request), pk=pk)
    if address is None:
        raise Http404("No such address.")
    try:
        services.address_set_default(
            user=request_customer(request),
            address=address,
            address_type=request.POST.get("type") or "",
        )
    except ValidationError as exc:
        # Only a forged form sends another type; say what is accepted.
        for problems in exc.message_dict.values():
            for problem in problems:
                messages.error(request, problem)
    else:
        kind = "shipping" if request.POST.get("type") == "shipping" else "billing"
        messages.success(request, f"This is now your default {kind} address.")
    return redirect("accounts:addresses")


@login_required
@require_POST
def address_delete(request: HttpRequest, pk: int) -> HttpResponse:
    address = address_get_for_user(user=request_customer(request), pk=pk)
    if address is None:
        raise Http404("No such address.")
    services.address_delete(address=address)
    messages.success(request, "Address removed.")
    return redirect("accounts:addresses")


@login_required
def delete_request(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        deletion.user_deletion_request(user=request_customer(request))
        messages.success(
            request,
            "We emailed you a link to confirm deleting your account. "
            "Nothing is deleted until you open it.",
        )
        return redirect("accounts:dashboard")
    return render(request, "accounts/delete_request.html")


@login_required
def delete_confirm(request: HttpRequest, token: str) -> HttpResponse:
    error = None
    status = 200
    if request.method == "POST":
        try:
            deletion.user_delete_by_token(user=request_customer(request), token=token)
        except InvalidDeletionLinkError as exc:
            error, status = exc.message, 400
        except (ActiveSubscriptionError, StaffAccountDeletionError) as exc:
            # The customer can fix this (cancel first) or must ask staff.
            error, status = exc.message, 409
        else:
            logout(request)
            messages.success(request, "Your account is deleted. Goodbye.")
            return redirect("/")
    else:
        try:
            deletion.user_deletion_token_check(
                user=request_customer(request), token=token
            )
        except InvalidDeletionLinkError as exc:
            error, status = exc.message, 400
    return render(
        request,
        "accounts/delete_confirm.html",
        {"error": error, "token_ok": status != 400},
        status=status,
    )


def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.user_password_reset_request(email=form.cleaned_data["email"])
        return redirect("accounts:password_reset_done")
    return render(request, "accounts/password_reset.html", {"form": form})


def password_reset_done(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_done.html")


def password_reset_confirm(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        form = PasswordSetForm(request.POST)
        if form.is_valid():
            try:
                services.user_password_set_by_token(
                    email=form.cleaned_data["email"],
                    token=form.cleaned_data["token"],
                    password=form.cleaned_data["password"],
                )
            except ValidationError as exc:
                if "token" in exc.message_dict:
                    # A used or expired link cannot be fixed on this form.
                    return render(
                        request,
                        "accounts/password_reset_confirm.html",
                        {"form": None, "error": exc.message_dict["token"][0]},
                        status=400,
                    )
                form.add_error(None, exc)
            else:
                return redirect("accounts:password_reset_complete")
    else:
        form = PasswordSetForm(
            initial={
                "email": request.GET.get("email", ""),
                "token": request.GET.get("token", ""),
            }
        )
    return render(
        request, "accounts/password_reset_confirm.html", {"form": form, "error": None}
    )


def password_reset_complete(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_complete.html")
