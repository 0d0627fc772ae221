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

from dataclasses import dataclass
from enum import StrEnum
from functools import cached_property

from django.conf import settings

from compliance.age.selectors import (
    AgeAssurance,
    AgeCheckOutcome,
    age_assurance_for,
    age_verification_latest,
)
from compliance.age.services import subject_ref_normalise
from compliance.product_classes import ProductClass
from storefront.channels.regions import region_name
from storefront.checkout.errors import AgeVerificationRequiredError
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import CheckoutInfo, checkout_info_fetch

VERIFIED = "verified"
_LEVEL_RANK = {"none": 0, "self_declared": 1, VERIFIED: 2}


def _subject(checkout: Checkout) -> str:
    # The checkout token is held only by the guest's session (pages) or client
    # (API), so an age declared or verified there cannot be claimed by typing an
    # email address into another checkout.
    return subject_ref_normalise(
        checkout.user_id if checkout.user_id else f"guest:{checkout.token}"
    )


def age_provider_default() -> str:
    """The provider "Verify your age" uses (``COMPLIANCE_AGE_DEFAULT_PROVIDER``)."""
    return str(getattr(settings, "COMPLIANCE_AGE_DEFAULT_PROVIDER", "test"))


def _place(region: str) -> str:
    # "Colorado, United States" -> "Colorado"; "Germany" stays "Germany".
    return region_name(region).split(", ", 1)[0]


@dataclass(frozen=True)
class LineAgeCondition:
    """The age condition of one cart line in the checkout's region."""

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


class AgeStep(StrEnum):
    """What stands between the shopper and paying, on the age ladder."""

    DATE_OF_BIRTH = "date_of_birth"  # declare one (none on file yet)
    UNDER_AGE = "under_age"  # the declared age is below a line's minimum
    AGE_VERIFICATION = "age_verification"  # a provider must verify the age


@dataclass(frozen=True)
class AgeRequirement:
    """Which age assurance a sale needs, whose, and whether it is met.

    ``minimum_age`` and ``assurance_level`` are the strictest over the buyable
    lines (None and ``"none"`` when no line has a minimum age); ``subject`` is
    whose evidence counts (``user:<id>`` or ``guest:<checkout token>``).
    """

    minimum_age: int | None
    assurance_level: str
    subject: str
    conditions: tuple[LineAgeCondition, ...]  # strictest first
    evidence: AgeAssurance | None  # None when no line needs an age
    unmet: LineAgeCondition | None  # the first condition not met
    step: AgeStep | None  # what is missing for ``unmet``

    @property
    def satisfied(self) -> bool:
        return self.unmet is None

    @cached_property
    def last_check(self) -> AgeCheckOutcome | None:
        """The latest provider check, read (one query) only where a line needs one;
        the review page shows it, the payment check does not need it."""
        if not any(c.needs_verification for c in self.conditions):
            return None
        return age_verification_latest(self.subject)

    @property
    def requirement(self) -> LineAgeCondition | None:
        """The strictest line condition, None when no line needs an age."""
        return self.conditions[0] if self.conditions else None

    @property
    def under_age(self) -> bool:
        return self.step == AgeStep.UNDER_AGE

    @property
    def declared(self) -> bool:
        """A self-declared age meets the strictest minimum age."""
        if self.evidence is None or self.minimum_age is None:
            return False
        return self.evidence.satisfies(
            min_age=self.minimum_age, assurance="self_declared"
        )

    @property
    def verified(self) -> bool:
        """A provider approval meets every line that needs a verified age."""
        if self.evidence is None:
            return False
        return all(
            self.evidence.satisfies(min_age=c.min_age, assurance=VERIFIED)
            for c in self.conditions
            if c.needs_verification
        )

    @property
    def needs_date_of_birth(self) -> bool:
        return (
            bool(self.conditions)
            and not self.declared
            and not self.verified
            and not self.under_age
        )

    @property
    def can_start_verification(self) -> bool:
        return (
            self.unmet is not None
            and self.unmet.needs_verification
            and self.declared
            and not self.under_age
        )

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
    def refusal(self) -> AgeVerificationRequiredError | None:
        """The error that stops paying, the same on every path; None when met.

        Field ``date_of_birth`` when a date of birth is missing or under the
        minimum age ("You must be 21 or older to buy Kratom in Colorado."),
        ``age_verification`` when a provider's verification is still needed.
        """
        if self.unmet is None:
            return None
        condition = self.unmet
        if self.step == AgeStep.UNDER_AGE:
            message, field = condition.under_age_message, "date_of_birth"
        elif self.step == AgeStep.AGE_VERIFICATION:
            message, field = condition.verification_message, "age_verification"
        else:
            message, field = condition.declaration_message, "date_of_birth"
        return AgeVerificationRequiredError(
            message, field=field, min_age=condition.min_age
        )


def _conditions(info: CheckoutInfo) -> tuple[LineAgeCondition, ...]:
    conditions = [
        LineAgeCondition(
            product_name=line.product.name,
            product_class=line.product.regulated_class,
            region=info.region,
            min_age=line.decision.min_age,
            assurance=line.decision.assurance,
        )
        for line in info.lines
        if line.problem is None and line.decision.min_age
    ]
    return tuple(
        sorted(
            conditions,
            key=lambda c: (c.min_age, c.needs_verification),
            reverse=True,
        )
    )


def _first_unmet(
    conditions: tuple[LineAgeCondition, ...], evidence: AgeAssurance
) -> tuple[LineAgeCondition, AgeStep] | None:
    for condition in conditions:
        if evidence.satisfies(min_age=condition.min_age, assurance=condition.assurance):
            continue
        if evidence.under(condition.min_age):
            return condition, AgeStep.UNDER_AGE
        if condition.needs_verification:
            return condition, AgeStep.AGE_VERIFICATION
        return condition, AgeStep.DATE_OF_BIRTH
    return None


def checkout_age_requirement(
    checkout: Checkout, *, info: CheckoutInfo | None = None
) -> AgeRequirement:
    """The age assurance the checkout's buyable lines need, and what is on file.

    The one answer the review page, the payment check, the order's record and
    the API give. Pass ``info`` when it is loaded already. Without a line that
    has a minimum age, no query; otherwise one for the evidence on file (and one
    more if ``last_check`` is read).
    """
    info = info or checkout_info_fetch(checkout=checkout)
    subject = _subject(checkout)
    conditions = _conditions(info)
    if not conditions:
        return AgeRequirement(None, "none", subject, (), None, None, None)
    evidence = age_assurance_for(subject)
    unmet = _first_unmet(conditions, evidence)
    return AgeRequirement(
        minimum_age=conditions[0].min_age,
        assurance_level=max(
            (c.assurance for c in conditions), key=lambda a: _LEVEL_RANK.get(a, 0)
        ),
        subject=subject,
        conditions=conditions,
        evidence=evidence,
        unmet=unmet[0] if unmet else None,
        step=unmet[1] if unmet else None,
    )


def checkout_age_check(*, info: CheckoutInfo) -> None:
    """Require the age evidence every buyable age-restricted line needs.

    Raises:
        AgeVerificationRequiredError: see ``AgeRequirement.refusal``.
    """
    refusal = checkout_age_requirement(info.checkout, info=info).refusal
    if refusal is not None:
        raise refusal
