"""Our additions: compliance on products and checkouts (new types, new fields only).

Decisions come from ``compliance.regions.availability_decide`` (pure computation over
the loaded rule data) and are cached per request on ``info.context`` by (product
class, region), so a page of 100 products decides once per distinct class and makes
no extra queries.
"""

from typing import Any

import graphene
from graphql import GraphQLError

from common.graphql.ids import to_global_id
from compliance.errors import InvalidRegionError
from compliance.regions import availability_decide
from compliance.rules import rules_load
from storefront.catalogue.claims_display import product_claims_for_regime
from storefront.checkout.age import AgeStep, checkout_age_requirement
from storefront.graphql.core.context import channel_of

_CACHE_ATTR = "_gql_compliance"

DecisionEnum = graphene.Enum(
    "ComplianceDecisionEnum",
    [
        ("ALLOWED", "allowed"),
        ("RESTRICTED", "restricted"),
        ("PROHIBITED", "prohibited"),
    ],
    description="Whether a product may ship to a region.",
)
AssuranceEnum = graphene.Enum(
    "AgeAssuranceEnum",
    [("NONE", "none"), ("SELF_DECLARED", "self_declared"), ("VERIFIED", "verified")],
    description="How an age must be shown: not at all, a declared date of birth, or "
    "a verification by a provider.",
)


def _cache(info: Any) -> dict:
    return info.context.__dict__.setdefault(_CACHE_ATTR, {})


def shopper_region(info: Any, channel: Any) -> str:
    """The region the shopper chose, else the channel's country."""
    region = getattr(getattr(info.context, "shopper_region", None), "region", "")
    if region:
        return str(region)
    return channel.default_country.code if channel is not None else "US"


def region_decide(info: Any, *, product_class: str, region: str) -> Any:
    """The rule data's decision, once per (class, region) per request.

    Raises:
        GraphQLError: ``region`` is not an ISO 3166 country or subdivision code.
    """
    key = ("decision", product_class or "general", region.upper())
    cache = _cache(info)
    if key not in cache:
        try:
            cache[key] = availability_decide(
                product_class=product_class or "general", region=region
            )
        except InvalidRegionError as exc:
            raise GraphQLError(
                f"Unknown region {region!r}: use an ISO 3166 country code such as "
                "'DE' or a subdivision code such as 'US-TX'."
            ) from exc
    return cache[key]


def claims_disclaimer(info: Any, product: Any, regime: str) -> str | None:
    """The structure/function disclaimer the product's copy needs in ``regime``."""
    key = ("claims", product.pk, regime)
    cache = _cache(info)
    if key not in cache:
        cache[key] = product_claims_for_regime(
            product=product, regime=regime
        ).disclaimer
    return cache[key]


class ProductCompliance(graphene.ObjectType):
    """Whether a product may be sold to a region, on what conditions, and the
    disclaimer its copy needs in the channel."""

    region = graphene.String(
        required=True, description="The region decided for (ISO 3166, e.g. US-TX)."
    )
    decision = graphene.Field(DecisionEnum, required=True, description="The decision.")
    minimum_age = graphene.Int(description="Minimum buyer age, if any.")
    assurance = graphene.Field(
        AssuranceEnum, required=True, description="How the age must be shown."
    )
    reason = graphene.String(
        required=True,
        description=(
            "Why, in plain words; where the rule data has them, followed by the "
            "rule's reason, the law or regulator it rests on and when it took effect."
        ),
    )
    rules = graphene.List(
        graphene.NonNull(graphene.String),
        required=True,
        description="Ids of the rules that decided.",
    )
    rules_version = graphene.String(
        required=True, description="Version of the rule data used."
    )
    adult_signature_required = graphene.Boolean(
        required=True, description="Whether delivery needs an adult's signature."
    )
    claims_disclaimer = graphene.String(
        description="The disclaimer to show beside the product's claims in this "
        "channel (the US structure/function disclaimer), or null."
    )


def product_compliance(info: Any, product: Any, region: str | None) -> dict[str, Any]:
    channel = channel_of(product)
    region = (region or shopper_region(info, channel)).upper()
    decision = region_decide(info, product_class=product.regulated_class, region=region)
    regime = getattr(channel, "claims_regime", "") or "us"
    return {
        "region": decision.region,
        "decision": decision.decision,
        "minimum_age": decision.min_age,
        "assurance": decision.assurance,
        "reason": decision.explained,
        "rules": list(decision.rules),
        "rules_version": decision.rules_version,
        "adult_signature_required": decision.adult_signature_required,
        "claims_disclaimer": claims_disclaimer(info, product, regime),
    }


class CheckoutLineIssue(graphene.ObjectType):
    """Why a line cannot be bought as things stand, with our code (our addition;
    Saleor's typed `CheckoutLineProblem` union is on `CheckoutLine.problems`)."""

    code = graphene.String(required=True, description="A CheckoutErrorCode value.")
    message = graphene.String(required=True, description="In plain words.")


class CheckoutLineCompliance(graphene.ObjectType):
    """The rules for one line of a checkout at the checkout's region."""

    line_id = graphene.ID(required=True, description="The checkout line's global id.")
    sku = graphene.String(required=True, description="The variant's SKU.")
    product_name = graphene.String(required=True, description="The product's name.")
    decision = graphene.Field(DecisionEnum, required=True, description="The decision.")
    minimum_age = graphene.Int(description="Minimum buyer age, if any.")
    assurance = graphene.Field(
        AssuranceEnum, required=True, description="How the age must be shown."
    )
    reason = graphene.String(
        required=True,
        description=(
            "Why, in plain words; where the rule data has them, followed by the "
            "rule's reason, the law or regulator it rests on and when it took effect."
        ),
    )
    problem = graphene.Field(
        CheckoutLineIssue,
        description="What stops this line (region, stock, listing), or null.",
    )


AgeStepEnum = graphene.Enum(
    "CheckoutAgeStepEnum",
    [(step.name, step.value) for step in AgeStep],
    description="What the shopper must still do about their age before paying.",
)


class CheckoutAgeRequirement(graphene.ObjectType):
    """The age assurance a checkout's buyable lines need and whether the evidence
    on file meets it: the same answer the checkout pages and `checkoutComplete`
    give (our addition)."""

    minimum_age = graphene.Int(
        description="The strictest minimum age of the buyable lines, or null."
    )
    assurance = graphene.Field(
        AssuranceEnum, required=True, description="How that age must be shown."
    )
    satisfied = graphene.Boolean(
        required=True, description="Whether the evidence on file is enough to pay."
    )
    step = graphene.Field(
        AgeStepEnum, description="What is missing, or null when satisfied."
    )
    message = graphene.String(
        description="Why paying is refused, as `checkoutComplete` says it; null "
        "when satisfied."
    )


class CheckoutCompliance(graphene.ObjectType):
    """Compliance of a checkout: its region, each line's rules and problems."""

    region = graphene.String(
        required=True,
        description="The region whose law applies: the shipping address's, else the "
        "shopper's choice.",
    )
    rules_version = graphene.String(
        required=True, description="Version of the rule data used."
    )
    minimum_age = graphene.Int(description="Highest minimum age of any line.")
    adult_signature_required = graphene.Boolean(
        required=True, description="Whether delivery needs an adult's signature."
    )
    lines = graphene.List(
        graphene.NonNull(CheckoutLineCompliance),
        required=True,
        description="One entry per line.",
    )
    problems = graphene.List(
        graphene.NonNull(CheckoutLineCompliance),
        required=True,
        description="Only the lines that cannot be bought as things stand.",
    )
    age_requirement = graphene.Field(
        CheckoutAgeRequirement,
        required=True,
        description="The age assurance the sale needs and whether it is met.",
    )

    @staticmethod
    def resolve_age_requirement(root: dict[str, Any], info: Any) -> dict[str, Any]:
        # Read only when asked: it looks up the age evidence on file.
        checkout_info = root["checkout_info"]
        requirement = checkout_age_requirement(
            checkout_info.checkout, info=checkout_info
        )
        refusal = requirement.refusal
        return {
            "minimum_age": requirement.minimum_age,
            "assurance": requirement.assurance_level,
            "satisfied": requirement.satisfied,
            "step": requirement.step.value if requirement.step else None,
            "message": refusal.message if refusal is not None else None,
        }


def checkout_compliance(info: Any, checkout_info: Any) -> dict[str, Any]:
    region = checkout_info.region
    lines = []
    decisions = []
    for line in checkout_info.lines:
        decision = region_decide(
            info, product_class=line.product.regulated_class, region=region
        )
        decisions.append(decision)
        problem = line.problem
        lines.append(
            {
                "line_id": to_global_id("CheckoutLine", line.line.pk),
                "sku": line.variant.sku,
                "product_name": line.product.name,
                "decision": decision.decision,
                "minimum_age": decision.min_age,
                "assurance": decision.assurance,
                "reason": decision.explained,
                "problem": {
                    "code": problem.code.value.upper(),
                    "message": problem.message,
                }
                if problem is not None
                else None,
            }
        )
    ages = [d.min_age for d in decisions if d.min_age]
    version = decisions[0].rules_version if decisions else rules_load().version
    return {
        "region": region,
        "rules_version": version,
        "minimum_age": max(ages) if ages else None,
        "adult_signature_required": any(d.adult_signature_required for d in decisions),
        "lines": lines,
        "problems": [line for line in lines if line["problem"] is not None],
        "checkout_info": checkout_info,
    }
