"""Age checks at checkout, through compliance.age (which keeps only the result).

The ladder, for lines whose region decision has a minimum age:

1. the shopper declares a date of birth (self-declared assurance); a date under
   the minimum age is refused at once and nothing can be paid;
2. when the rules need assurance ``verified``, the shopper is sent to the age
   provider ("Verify your age"); payment stays blocked until the provider's
   signed webhook has recorded an approval for at least the minimum age.

Whose age is checked (the "subject") is the customer's account id when signed in,
or the guest's own checkout, the same for declaring, verifying and checking. A
guest's email is not a subject: nobody has proved they own it, so an age proved
under it would let anyone typing the address buy as that adult.
"""

from collections.abc import Sequence
from dataclasses import dataclass

from django.conf import settings

from compliance.age.selectors import (
    AgeAssurance,
    AgeCheckOutcome,
    age_assurance_for,
    age_verification_latest,
)
from compliance.product_classes import ProductClass
from compliance.regions import buyer_under_age
from storefront.channels.regions import region_name
from storefront.checkout.errors import AgeVerificationRequiredError
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import CheckoutInfo, CheckoutLineInfo

VERIFIED = "verified"


def checkout_age_subject(checkout: Checkout) -> int | str:
    """Whose age is checked: the customer's account, or the guest's own checkout.

    The checkout token is held only by the guest's session (pages) or client
    (API), so an age declared or verified there cannot be claimed by typing an
    email address into another checkout.
    """
    if checkout.user_id:
        return checkout.user_id
    return f"guest:{checkout.token}"


def age_provider_default() -> str:
    """The provider "Verify your age" uses (``COMPLIANCE_AGE_DEFAULT_PROVIDER``)."""
    return str(getattr(settings, "COMPLIANCE_AGE_DEFAULT_PROVIDER", "test"))


def _place(region: str) -> str:
    # "Colorado, United States" -> "Colorado"; "Germany" stays "Germany".
    return region_name(region).split(", ", 1)[0]


@dataclass(frozen=True)
class AgeRequirement:
    """The strictest age condition of one cart line in the shipping region."""

    product_name: str
    product_class: str
    region: str
    min_age: int
    assurance: str

    @property
    def needs_verification(self) -> bool:
        return self.assurance == VERIFIED

    @property
    def class_label(self) -> str:
        try:
            return str(ProductClass(self.product_class).label)
        except ValueError:
            return self.product_name

    @property
    def under_age_message(self) -> str:
        return (
            f"You must be {self.min_age} or older to buy {self.class_label} "
            f"in {_place(self.region)}."
        )

    @property
    def verification_message(self) -> str:
        return (
            f"{self.product_name}: Age verification required. This product needs a "
            f"verified age of {self.min_age} or over in {_place(self.region)}; "
            "use “Verify your age” before paying."
        )

    @property
    def declaration_message(self) -> str:
        return (
            f"{self.product_name}: Enter your date of birth. This product is sold "
            f"only to buyers aged {self.min_age} or over in {_place(self.region)}."
        )


def checkout_age_requirements(
    *, info: CheckoutInfo, lines: Sequence[CheckoutLineInfo] | None = None
) -> list[AgeRequirement]:
    """The age conditions of the buyable lines, strictest first.

    Pure computation over the loaded checkout info (no queries).
    """
    chosen = (
        lines
        if lines is not None
        else [line for line in info.lines if line.problem is None]
    )
    requirements = [
        AgeRequirement(
            product_name=line.product.name,
            product_class=line.product.regulated_class,
            region=info.region,
            min_age=line.decision.min_age,
            assurance=line.decision.assurance,
        )
        for line in chosen
        if line.decision.min_age
    ]
    return sorted(
        requirements,
        key=lambda r: (r.min_age, r.needs_verification),
        reverse=True,
    )


def _first_unmet(
    requirements: Sequence[AgeRequirement], assurance: AgeAssurance
) -> tuple[AgeRequirement, str] | None:
    """The first requirement not met and the step that is missing.

    The step is ``date_of_birth`` (declare, or declared too young) or
    ``age_verification`` (a provider check is needed).
    """
    for req in requirements:
        if assurance.satisfies(min_age=req.min_age, assurance=req.assurance):
            continue
        if buyer_under_age(age=assurance.self_declared_age, min_age=req.min_age):
            return req, "under_age"
        if req.needs_verification:
            return req, "age_verification"
        return req, "date_of_birth"
    return None


@dataclass(frozen=True)
class CheckoutAgeStatus:
    """Where the shopper stands on the age-check ladder, for the review page."""

    requirement: AgeRequirement | None  # the strictest one, None when no line needs it
    declared: bool  # a self-declared date of birth meets the strictest minimum age
    under_age: bool  # the declared date of birth is below a minimum age
    verified: bool  # a provider approval meets every verified requirement
    unmet: AgeRequirement | None  # the first requirement still not met
    last_check: AgeCheckOutcome | None = None  # the latest provider check, if any

    @property
    def verification_declined(self) -> bool:
        """The provider's latest check failed and verification is still needed."""
        return (
            self.last_check is not None
            and self.last_check.declined
            and self.unmet is not None
            and self.unmet.needs_verification
        )

    @property
    def verification_pending(self) -> bool:
        return (
            self.last_check is not None
            and self.last_check.result == "pending"
            and self.unmet is not None
            and self.unmet.needs_verification
        )

    @property
    def needs_date_of_birth(self) -> bool:
        return self.requirement is not None and not self.declared and not self.verified

    @property
    def can_start_verification(self) -> bool:
        return (
            self.unmet is not None
            and self.unmet.needs_verification
            and self.declared
            and not self.under_age
        )

    @property
    def satisfied(self) -> bool:
        return self.requirement is None or self.unmet is None


def checkout_age_status(*, info: CheckoutInfo) -> CheckoutAgeStatus:
    """Read the age evidence on file against the checkout's age conditions.

    Two queries when a line has a minimum age and the checkout has a subject (the
    approvals, and the latest provider check); none otherwise.
    """
    requirements = checkout_age_requirements(info=info)
    subject = checkout_age_subject(info.checkout)
    if not requirements:
        return CheckoutAgeStatus(None, False, False, False, None)
    strictest = requirements[0]
    if not subject:
        return CheckoutAgeStatus(strictest, False, False, False, strictest)
    assurance = age_assurance_for(subject)
    unmet = _first_unmet(requirements, assurance)
    declared = (
        assurance.self_declared_age is not None
        and assurance.self_declared_age >= strictest.min_age
    )
    verified = all(
        assurance.satisfies(min_age=r.min_age, assurance=VERIFIED)
        for r in requirements
        if r.needs_verification
    )
    return CheckoutAgeStatus(
        requirement=strictest,
        declared=declared,
        under_age=unmet is not None and unmet[1] == "under_age",
        verified=verified,
        unmet=unmet[0] if unmet else None,
        last_check=age_verification_latest(subject)
        if any(r.needs_verification for r in requirements)
        else None,
    )


def checkout_age_check(
    *, info: CheckoutInfo, lines: Sequence[CheckoutLineInfo]
) -> None:
    """Require the age evidence every age-restricted line needs.

    Raises:
        AgeVerificationRequiredError: field ``email`` when a guest has no email yet;
            ``date_of_birth`` when a self-declared date of birth is missing or under
            the minimum age ("You must be 21 or older to buy Kratom in Colorado.");
            ``age_verification`` when the rules need a provider's verification
            that has not been approved yet.
    """
    requirements = checkout_age_requirements(info=info, lines=lines)
    if not requirements:
        return
    subject = checkout_age_subject(info.checkout)
    if not subject:
        raise AgeVerificationRequiredError(
            "Enter your email address before the age check.", field="email"
        )
    unmet = _first_unmet(requirements, age_assurance_for(subject))
    if unmet is None:
        return
    req, step = unmet
    if step == "under_age":
        raise AgeVerificationRequiredError(
            req.under_age_message, field="date_of_birth", min_age=req.min_age
        )
    if step == "age_verification":
        raise AgeVerificationRequiredError(
            req.verification_message, field="age_verification", min_age=req.min_age
        )
    raise AgeVerificationRequiredError(
        req.declaration_message, field="date_of_birth", min_age=req.min_age
    )
