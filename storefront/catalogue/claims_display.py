"""Which of a product's claims may be shown in a regime, and the disclaimer needed."""

from dataclasses import dataclass

from compliance.claims import US_DISCLAIMER_PLURAL, US_DISCLAIMER_SINGULAR, claims_lint
from storefront.catalogue.models import Product


@dataclass(frozen=True)
class BenefitClaim:
    text: str
    needs_disclaimer: bool


@dataclass(frozen=True)
class ProductClaims:
    """The benefit bullets lawful in one regime, in their original order."""

    regime: str
    benefits: tuple[BenefitClaim, ...]
    hidden_count: int
    disclaimer: str | None


def product_claims_for_regime(*, product: Product, regime: str) -> ProductClaims:
    """Keep the bullets lawful in ``regime``; mark those that need the disclaimer.

    A bullet with a blocking finding, or one that needs a compliance officer's review,
    is not shown in that regime: an EU or UK visitor never sees an unauthorised
    botanical claim that is lawful, with the disclaimer, in the US. The FDA disclaimer
    is given when any shown bullet or the description makes a structure/function claim.
    """
    shown: list[BenefitClaim] = []
    hidden = 0
    marked = 0
    for text in product.benefits or []:
        report = claims_lint(str(text), regime=regime)
        if any(f.severity in {"block", "warn"} for f in report.findings):
            hidden += 1
            continue
        shown.append(
            BenefitClaim(text=str(text), needs_disclaimer=report.needs_disclaimer)
        )
        marked += report.needs_disclaimer
    description_report = claims_lint(product.description or "", regime=regime)
    marked += description_report.needs_disclaimer
    disclaimer = None
    if marked:
        disclaimer = US_DISCLAIMER_PLURAL if marked > 1 else US_DISCLAIMER_SINGULAR
    return ProductClaims(
        regime=regime, benefits=tuple(shown), hidden_count=hidden, disclaimer=disclaimer
    )
