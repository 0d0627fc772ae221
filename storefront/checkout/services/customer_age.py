"""The shopper's age: a declared date of birth or a provider's verification."""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from compliance.age.services import age_self_declare, age_verification_start
from compliance.errors import InvalidDateOfBirthError
from storefront.checkout.age import (
    AgeStep,
    age_provider_default,
    checkout_age_requirement,
)
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import CheckoutInfo, checkout_info_fetch
from storefront.checkout.services.base import Code, _invalid


def checkout_date_of_birth_set(
    *, checkout: Checkout, date_of_birth: object
) -> Checkout:
    """Record the shopper's self-declared date of birth, the first age-check step.

    compliance.age keeps only the result (the age thresholds met, level and
    date); the date of birth itself is not stored anywhere. The declaration is
    recorded even when it is under age (the audit log shows the refusal), and
    then refused against the strictest minimum age of the checkout's lines.

    Raises:
        ValidationError: ``date_of_birth`` missing, malformed, in the future,
            implausible, or under a line's minimum age in the shipping region
            ("You must be 21 or older to buy Kratom in Colorado."); ``email``
            when a guest has not given one yet.
    """

    if isinstance(date_of_birth, date):
        value = date_of_birth
    else:
        try:
            value = date.fromisoformat(str(date_of_birth or "").strip())
        except ValueError:
            raise _invalid(
                "date_of_birth", "Enter your date of birth as YYYY-MM-DD.", Code.INVALID
            ) from None
    today = timezone.localdate()
    if value > today:
        raise _invalid(
            "date_of_birth", "The date of birth is in the future.", Code.INVALID
        )
    info = checkout_info_fetch(checkout=checkout)
    subject = checkout_age_requirement(checkout, info=info).subject
    try:
        age_self_declare(subject_ref=subject, date_of_birth=value, on_date=today)
    except InvalidDateOfBirthError as exc:
        raise _invalid("date_of_birth", exc.message, Code.INVALID) from None
    # Judged on what is now on file, as the review page and payment will judge it.
    requirement = checkout_age_requirement(checkout, info=info)
    if requirement.step == AgeStep.UNDER_AGE and requirement.unmet is not None:
        raise _invalid(
            "date_of_birth",
            requirement.unmet.under_age_message,
            Code.AGE_VERIFICATION_REQUIRED,
            min_age=requirement.unmet.min_age,
        )
    checkout.save(update_fields=["last_change"])
    return checkout


def checkout_gate_declaration_record(
    *,
    checkout: Checkout,
    declared_adult_for: int | None,
    info: CheckoutInfo | None = None,
) -> bool:
    """Carry a guest's answer at the age gate over to the checkout's age check.

    The gate keeps only "declared adult for age N" in the session, never the date
    of birth. That answer is recorded through compliance.age as a self-declaration
    for N (a birth date exactly N years ago proves the same thresholds, and
    compliance keeps only those), under the guest's own checkout — never under the
    email they typed, which nobody has proved they own. Signed-in customers' gate
    answers are already recorded; nothing is done for them, nor when the cart
    needs no age, nor when what is on file already says as much or says less
    (a date of birth declared since). Returns whether it recorded.
    """
    if checkout.user_id or not declared_adult_for:
        return False
    requirement = checkout_age_requirement(checkout, info=info)
    known = requirement.evidence
    # Nothing to carry when the cart needs no age or the file says as much; nor
    # over a later declaration below it, which the shopper made since.
    if (
        known is None
        or known.satisfies(min_age=declared_adult_for, assurance="self_declared")
        or known.under(declared_adult_for)
    ):
        return False
    subject = requirement.subject
    today = timezone.localdate()
    try:
        born = today.replace(year=today.year - declared_adult_for)
    except ValueError:  # 29 February in a year that has none
        born = today.replace(year=today.year - declared_adult_for, day=28)
    age_self_declare(subject_ref=subject, date_of_birth=born, on_date=today)
    return True


@dataclass(frozen=True)
class AgeVerificationStart:
    """Where to send the shopper to prove their age, and the session opened."""

    verification_id: int
    provider: str
    redirect_url: str
    threshold: int


def checkout_age_verification_start(
    *, checkout: Checkout, return_url: str, provider: str | None = None
) -> AgeVerificationStart:
    """Open an age-verification session with the provider ("Verify your age").

    Only when a line's rules need assurance ``verified`` and the shopper has
    already declared a date of birth meeting the minimum age (the ladder's first
    step). The session proves the strictest minimum age of the checkout's lines,
    for the same subject the payment check uses.

    Raises:
        ValidationError: ``age_verification`` when no line needs a verified age
            or it is already verified; ``date_of_birth`` when the date of birth
            has not been declared or is under age; ``email`` when a guest has
            not given one yet.
        UnknownAgeProviderError: the provider is not configured.
    """

    status = checkout_age_requirement(checkout)
    if status.under_age and status.unmet is not None:
        raise _invalid(
            "date_of_birth",
            status.unmet.under_age_message,
            Code.AGE_VERIFICATION_REQUIRED,
        )
    if status.unmet is None or not status.unmet.needs_verification:
        raise _invalid(
            "age_verification",
            "No item in your cart needs a verified age right now.",
            Code.INVALID,
        )
    if not status.declared:
        raise _invalid(
            "date_of_birth",
            "Enter your date of birth before verifying your age.",
            Code.AGE_VERIFICATION_REQUIRED,
        )
    threshold = max(
        r.min_age
        for r in (status.requirement, status.unmet)
        if r is not None and r.needs_verification
    )
    session = age_verification_start(
        provider=provider or age_provider_default(),
        subject_ref=status.subject,
        threshold=threshold,
        return_url=return_url,
    )
    return AgeVerificationStart(
        verification_id=session.verification_id,
        provider=session.provider,
        redirect_url=session.redirect_url,
        threshold=threshold,
    )
