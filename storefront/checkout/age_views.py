"""The checkout's age steps: the date of birth, a provider's verification, and the
emailed code that carries an account's age check over to this cart. Each returns to
the review page, where the age requirement is shown."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_POST

from common.errors import DomainError
from storefront.checkout.forms import DateOfBirthForm
from storefront.checkout.models import Checkout
from storefront.checkout.services.age_claim import (
    checkout_age_claim_confirm,
    checkout_age_claim_send,
)
from storefront.checkout.services.customer_age import (
    checkout_age_verification_start,
    checkout_date_of_birth_set,
)
from storefront.checkout.views import add_errors, require_lines


@require_POST
@require_lines
def date_of_birth(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    form = DateOfBirthForm(request.POST)
    if not form.is_valid() or "date_of_birth" not in form.cleaned_data:
        # Incomplete or impossible date: name the part that is wrong.
        for field, errors in form.errors.items():
            known = field in form.fields
            label = form.fields[field].label if known else "Date of birth"
            for message in errors:
                messages.error(request, f"{label}: {message}")
        return redirect(reverse("checkout:review") + "#age-heading")
    try:
        checkout_date_of_birth_set(
            checkout=checkout, date_of_birth=form.cleaned_data["date_of_birth"]
        )
    except ValidationError as exc:
        # Under age, in the future or implausible: the message names the field.
        add_errors(request, exc)
    return redirect(reverse("checkout:review") + "#age-heading")


@require_POST
@require_lines
def age_verify(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    """ "Verify your age": open a provider session and send the shopper there."""
    try:
        started = checkout_age_verification_start(
            checkout=checkout,
            return_url=request.build_absolute_uri(reverse("checkout:review")),
        )
    except (ValidationError, DomainError) as exc:
        # Not the right step yet (no date of birth) or nothing to verify.
        add_errors(request, exc)
        return redirect(reverse("checkout:review") + "#age-heading")
    return redirect(started.redirect_url)


@require_POST
@require_lines
def age_code_send(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    """Email the account that owns the checkout's address a code for its age."""
    try:
        checkout_age_claim_send(checkout=checkout)
    except (ValidationError, DomainError) as exc:
        add_errors(request, exc)
    else:
        messages.info(
            request,
            f"If an account with a confirmed address uses {checkout.email}, we have "
            "emailed it a six-digit code. Enter it below within 15 minutes.",
        )
    return redirect(reverse("checkout:review") + "#age-heading")


@require_POST
@require_lines
def age_code_enter(request: HttpRequest, checkout: Checkout) -> HttpResponse:
    """Apply the account's age check to this cart with the emailed code."""
    try:
        checkout_age_claim_confirm(checkout=checkout, code=request.POST.get("age_code"))
    except ValidationError as exc:
        add_errors(request, exc)
    else:
        messages.success(request, "Your account's age check now applies to this cart.")
    return redirect(reverse("checkout:review") + "#age-heading")
