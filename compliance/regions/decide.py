"""Legality of a product class in a jurisdiction on a date."""

from dataclasses import dataclass, replace
from datetime import date
from functools import lru_cache

from django.utils import timezone

from compliance.errors import InvalidRegionError, UnknownProductClassError
from compliance.iso3166 import country_name, region_normalise, subdivision_name
from compliance.product_classes import ProductClass
from compliance.rules import (
    ASSURANCE_LEVELS,
    DECISIONS,
    LegalityRule,
    RuleSet,
    rules_load,
)

_RANK = {decision: rank for rank, decision in enumerate(DECISIONS)}
# Enum lookups are slow next to a dict; decisions run on every listing row.
_CLASS_LABELS = {value: str(label) for value, label in ProductClass.choices}
_ASSURANCE_RANK = {level: rank for rank, level in enumerate(ASSURANCE_LEVELS)}


@dataclass(frozen=True)
class RuleBasis:
    """Why a rule decides as it does, in words a shopper can check."""

    rule_id: str
    reason: str
    authority: str
    effective_from: date | None

    @property
    def sentence(self) -> str:
        """``"Why: … Source: …, in effect since 10 May 2016."``; empty without data."""
        parts = []
        if self.reason:
            parts.append(f"Why: {self.reason.rstrip('.')}.")
        if self.authority:
            since = (
                f", in effect since {_long_date(self.effective_from)}"
                if self.effective_from
                else ""
            )
            parts.append(f"Source: {self.authority.rstrip('.')}{since}.")
        elif self.effective_from and self.reason:
            parts.append(f"In effect since {_long_date(self.effective_from)}.")
        return " ".join(parts)


def _long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class RegionDecision:
    """Whether a class may ship to a region, and on what conditions."""

    product_class: str
    region: str
    decision: str
    min_age: int | None
    assurance: str
    rules: tuple[str, ...]
    reason: str
    rules_version: str
    limits: tuple[tuple[str, str], ...] = ()
    basis: tuple[RuleBasis, ...] = ()

    @property
    def explained(self) -> str:
        """The reason followed by each deciding rule's why, source and start date."""
        extra = [b.sentence for b in self.basis if b.sentence]
        return " ".join([self.reason, *extra])

    @property
    def adult_signature_required(self) -> bool:
        """Age-restricted shipments are handed over only to an adult who signs (R17)."""
        return self.decision == "restricted" and self.min_age is not None

    @property
    def allowed(self) -> bool:
        """True unless prohibited; a restricted sale still needs its conditions met."""
        return self.decision != "prohibited"


def buyer_under_age(*, age: int | None, min_age: int | None) -> bool:
    """Whether a buyer whose age is known is younger than a sale's minimum age."""
    return age is not None and min_age is not None and age < min_age


def decision_for_buyer(decision: RegionDecision, *, age: int | None) -> RegionDecision:
    """The region's decision for one buyer: a buyer known to be under the minimum
    age may not buy, whatever the region otherwise allows."""
    if not buyer_under_age(age=age, min_age=decision.min_age):
        return decision
    return replace(
        decision,
        decision="prohibited",
        reason=f"{decision.reason} A buyer aged {age} cannot buy it.",
    )


def region_label(region: str) -> str:
    """Return a readable name: ``"Texas, United States"`` or ``"Germany"``.

    Raises:
        InvalidRegionError: ``region`` is not an ISO 3166 country or subdivision.
    """
    code = region_normalise(region)
    if code is None:
        raise InvalidRegionError()
    country, _, sub = code.partition("-")
    if not sub:
        return country_name(country)
    return f"{subdivision_name(code)}, {country_name(country)}"


@lru_cache(maxsize=1024)
def _short_label(code: str) -> str:
    name = subdivision_name(code) if "-" in code else country_name(code)
    return f"{name} ({code})" if name != code else code


def availability_decide(
    *,
    product_class: str,
    region: str,
    on_date: date | None = None,
    rules: RuleSet | None = None,
) -> RegionDecision:
    """Decide whether a product class may be sold into a region on a date.

    The most specific jurisdiction with a rule in effect decides (``US-TX`` before
    ``US``), except that a stricter ``binding`` rule of the country (federal law)
    still applies in its subdivisions. The minimum age and assurance level are the
    highest of all rules that apply (R15). A regulated class with no rule at all is
    prohibited (default deny, R7); ``general`` is allowed unless a rule says otherwise.

    Args:
        product_class: one of :class:`ProductClass`.
        region: ISO 3166-1 alpha-2 country or ISO 3166-2 subdivision, any case.
        on_date: the date to decide for (a law may take effect later); today if None.
        rules: the rule set to use; defaults to :func:`rules_load`.

    Returns:
        The decision with the ids of the rules used and a reason for the shopper.

    Raises:
        UnknownProductClassError: ``product_class`` is not a known class.
        InvalidRegionError: ``region`` is malformed or not a real code.
    """
    if product_class not in _CLASS_LABELS:
        raise UnknownProductClassError()
    code = region_normalise(region)
    if code is None:
        raise InvalidRegionError()
    rules = rules or rules_load()
    on_date = on_date or timezone.localdate()
    # Pages ask for every class in the visitor's region on every request; the
    # answer changes only with the rule set (identity-hashed: a test's or an
    # impact preview's set is another key) and the date, so it is kept per process.
    key = (product_class, code, on_date, rules)
    decision = _decided.get(key)
    if decision is None:
        decision = _decide(
            product_class=product_class, code=code, on_date=on_date, rules=rules
        )
        if len(_decided) >= _DECIDED_MAX:
            _decided.clear()
        _decided[key] = decision
    return decision


_DECIDED_MAX = 4096
_decided: dict[tuple[str, str, date, RuleSet], RegionDecision] = {}


def _decide(
    *, product_class: str, code: str, on_date: date, rules: RuleSet
) -> RegionDecision:
    label = _CLASS_LABELS[product_class]
    chain = [code, code.split("-")[0]] if "-" in code else [code]

    by_level: list[list[LegalityRule]] = []
    for jurisdiction in chain:
        by_level.append(
            [
                rule
                for rule in rules.legality_for(product_class)
                if rule.jurisdiction == jurisdiction and rule.in_effect(on_date)
            ]
        )
    deciding = next((level for level in by_level if level), [])
    if not deciding:
        if product_class == ProductClass.GENERAL:
            reason = f"{label} products can be shipped to {_short_label(code)}."
            return RegionDecision(
                product_class, code, "allowed", None, "none", (), reason, rules.version
            )
        reason = (
            f"{label} cannot be shipped to {_short_label(code)}: its legal status "
            "there has not been confirmed."
        )
        return RegionDecision(
            product_class, code, "prohibited", None, "none", (), reason, rules.version
        )

    # Rules below the deciding level still apply when they are binding (federal
    # law) or when they set an age: a state cannot lower a national age floor.
    deciding_index = by_level.index(deciding)
    applied = list(deciding)
    for level in by_level[deciding_index + 1 :]:
        applied.extend(r for r in level if r.binding or r.min_age or r.limits)
    strongest = max(
        [*deciding, *(r for r in applied if r.binding)], key=lambda r: _RANK[r.decision]
    )
    decision = strongest.decision
    if decision == "prohibited":
        prohibiting = [r for r in applied if r.decision == "prohibited"]
        used = tuple(r.id for r in prohibiting)
        reason = f"{label} cannot be shipped to {_short_label(code)}."
        return RegionDecision(
            product_class,
            code,
            "prohibited",
            None,
            "none",
            used,
            reason,
            rules.version,
            basis=_basis(prohibiting),
        )
    ages = [r.min_age for r in applied if r.min_age]
    min_age = max(ages) if ages else None
    assurance = max((r.assurance for r in applied), key=_ASSURANCE_RANK.__getitem__)
    limits: dict[str, str] = {}
    # Less specific first, so the deciding (most specific) rule's limits win.
    for rule in reversed(applied):
        limits.update(rule.limits)
    if decision == "allowed" and (min_age or assurance != "none" or limits):
        decision = "restricted"
    used = tuple(r.id for r in applied)
    if decision == "allowed":
        reason = f"{label} can be shipped to {_short_label(code)}."
    elif min_age:
        check = " with a verified age" if assurance == "verified" else ""
        reason = (
            f"{label} can be shipped to {_short_label(code)} only to buyers aged "
            f"{min_age} or over{check}."
        )
    else:
        reason = f"{label} can be shipped to {_short_label(code)} on conditions."
    return RegionDecision(
        product_class,
        code,
        decision,
        min_age,
        assurance,
        used,
        reason,
        rules.version,
        tuple(sorted(limits.items())),
        basis=_basis([r for r in applied if r.min_age or r.limits]),
    )


def _basis(rules: list[LegalityRule]) -> tuple[RuleBasis, ...]:
    return tuple(
        RuleBasis(r.id, r.reason, r.authority, r.effective_from)
        for r in rules
        if r.reason or r.authority
    )
