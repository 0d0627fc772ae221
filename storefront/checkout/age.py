"""Age checks at checkout, through compliance.age (which keeps only the result)."""

from collections.abc import Sequence

from compliance.age.selectors import age_verification_require
from compliance.errors import AgeVerificationRequiredError as ComplianceAgeRequired
from storefront.checkout.errors import AgeVerificationRequiredError
from storefront.checkout.models import Checkout
from storefront.checkout.selectors import CheckoutInfo, CheckoutLineInfo


def checkout_age_subject(checkout: Checkout) -> int | str:
    """Whose age is checked: the customer's account, or the guest's email."""
    return checkout.user_id or checkout.email


def checkout_age_check(
    *, info: CheckoutInfo, lines: Sequence[CheckoutLineInfo]
) -> None:
    """Require the age evidence every age-restricted line needs.

    Raises:
        AgeVerificationRequiredError: field ``date_of_birth`` when a self-declared
            date of birth is missing or too young, ``age_verification`` when the
            rules need a provider's verification.
    """
    subject = checkout_age_subject(info.checkout)
    if not subject:
        raise AgeVerificationRequiredError(
            "Enter your email address before the age check.", field="email"
        )
    for line in lines:
        try:
            age_verification_require(
                subject_ref=subject,
                min_age=line.decision.min_age,
                assurance=line.decision.assurance,
            )
        except ComplianceAgeRequired as exc:
            field = (
                "age_verification"
                if line.decision.assurance == "verified"
                else "date_of_birth"
            )
            raise AgeVerificationRequiredError(
                f"{line.product.name}: {exc.message}", field=field
            ) from exc
